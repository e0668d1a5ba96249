package org.quorumee.node.txpool;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.DependsOn;
import jakarta.ejb.EJB;
import jakarta.ejb.Lock;
import jakarta.ejb.LockType;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.math.BigInteger;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.quorumee.core.chain.BlockHeader;
import org.quorumee.core.chain.StateQuery;
import org.quorumee.core.state.StateAccount;
import org.quorumee.core.tx.Transaction;
import org.quorumee.core.txpool.AccountStateReader;
import org.quorumee.core.txpool.PoolContent;
import org.quorumee.core.txpool.PoolStatus;
import org.quorumee.core.txpool.TransactionPool;
import org.quorumee.core.txpool.TransactionPoolConfig;
import org.quorumee.core.txpool.TransactionRejectedException;
import org.quorumee.core.types.Address;
import org.quorumee.node.NodeService;
import org.quorumee.node.chain.ChainReader;
import org.quorumee.node.chain.NewBlockEvent;
import org.quorumee.node.chain.NewPendingTransactionsEvent;

/**
 * The node's transaction pool: the core pool, validated against the head state, told of every new
 * head after its block commits, and announcing new pending transactions as a CDI event (filters,
 * subscriptions, the block producer).
 *
 * <p>It writes nothing to the database (state reads need no transaction): no container transaction
 * is begun for each client's transaction, nor for the observers of its event.
 */
@Singleton
@Startup
@DependsOn("ChainReader")
@Lock(LockType.READ)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class TransactionPoolService {

    @EJB
    private NodeService node;

    @EJB
    private ChainReader chain;

    @Inject
    private Event<NewPendingTransactionsEvent> pendingEvents;

    private TransactionPool pool;
    private final Duration fullWait = Duration.ofMillis(Long.getLong("quorum.txpool.fullWaitMillis", 10_000));

    @PostConstruct
    void start() {
        BlockHeader head = chain.headHeader();
        pool = new TransactionPool(node.genesis().config(), TransactionPoolConfig.DEFAULT, Clock.systemUTC(), head,
                stateAt(head));
        pool.addListener(added -> pendingEvents.fire(new NewPendingTransactionsEvent(
                added.stream().map(Transaction::hash).toList())));
    }

    /** Validates and adds a transaction (from a peer: never waits); its hash. */
    public byte[] submit(Transaction tx) throws TransactionRejectedException {
        pool.add(tx);
        return tx.hash();
    }

    /**
     * Validates and adds a client's transaction; its hash. When the pool is full the caller waits (up
     * to {@code quorum.txpool.fullWaitMillis}, 10 s by default) for blocks to make room: back-pressure
     * that slows a client down to the pace of the chain instead of refusing work soon done. Clients
     * fill the pool only up to its local capacity: the rest is kept for peers' gossip.
     */
    public byte[] submitFromClient(Transaction tx) throws TransactionRejectedException {
        pool.addLocal(tx, fullWait);
        return tx.hash();
    }

    /** The nonce the sender's next transaction should carry, counting its pending ones. */
    public long pendingNonce(Address sender) {
        return pool.pendingNonce(sender);
    }

    public Optional<Transaction> get(byte[] hash) {
        return pool.get(hash);
    }

    public PoolStatus status() {
        return pool.status();
    }

    public PoolContent content() {
        return pool.content();
    }

    /** The pending transactions a block of {@code gasLimit} could take, best first, nonces in order. */
    public List<Transaction> candidates(BigInteger baseFee, long gasLimit) {
        return pool.pendingByPriceAndNonce(baseFee).take(gasLimit);
    }

    public boolean hasPending() {
        return pool.status().pending() > 0;
    }

    /** A new head (fired once its block committed): drops what it included, re-checks the rest against its state. */
    public void onNewBlock(@Observes NewBlockEvent event) {
        BlockHeader header = event.block().header();
        pool.onNewHead(header, stateAt(header));
    }

    /** The pool's view of a state: nonces and balances read through the shared node cache. */
    private AccountStateReader stateAt(BlockHeader header) {
        StateQuery state = new StateQuery(chain.nodeStore(),
                header.stateRoot());
        return new AccountStateReader() {
            @Override
            public long nonce(Address address) {
                return state.account(address).map(StateAccount::nonce).orElse(0L);
            }

            @Override
            public BigInteger balance(Address address) {
                return state.account(address).map(StateAccount::balance).orElse(BigInteger.ZERO);
            }
        };
    }
}
