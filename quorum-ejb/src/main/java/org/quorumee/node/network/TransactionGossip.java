package org.quorumee.node.network;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.EJB;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.event.Observes;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Logger;
import org.quorumee.core.crypto.Keccak;
import org.quorumee.core.peer.MessageType;
import org.quorumee.core.peer.PeerMessage;
import org.quorumee.core.tx.Transaction;
import org.quorumee.core.txpool.OwnTransactionResend;
import org.quorumee.core.txpool.TransactionRejectedException;
import org.quorumee.core.txpool.TransactionSync;
import org.quorumee.node.NodeService;
import org.quorumee.node.chain.ChainReader;
import org.quorumee.node.chain.NewPendingTransactionsEvent;
import org.quorumee.node.chain.StoredTransaction;
import org.quorumee.node.txpool.TransactionPoolService;

/**
 * Transaction gossip: what enters this node's pool from a client is broadcast to every peer; what a
 * peer gossips goes into the pool ("already known" is silently ignored). Transactions that came from
 * a peer are not gossiped again: every node links to every permitted peer, so the sender reached them
 * all. The message ID is derived from the transactions' hashes, so the same transactions gossiped
 * twice are dropped as a duplicate.
 *
 * <p>What enters the pool is gossiped in batches: what arrives within {@code quorum.gossip.batchMillis}
 * (5 ms by default) goes out as one message per batch under the peer message size limit, not one
 * message per transaction, as non-persistent messages (no journal write and disk sync on either
 * broker for each batch). While no peer is connected nothing is gossiped: the pool's pending
 * transactions reach a peer when its link comes up.
 *
 * <p>A peer whose link has just come up (a new link, a peer restarted, a permission given back) is
 * sent every pending transaction of this pool ({@link TransactionSync}, go-ethereum's transaction
 * sync): gossip sent while the link was down may never reach it. A Raft leader cut off from its peers
 * keeps the transactions sent to it meanwhile; this is how they reach the new leader once it is back.
 *
 * <p>A node gossips its own transactions (those that did not come from a peer) again while they stay
 * in its pool ({@link OwnTransactionResend}): {@code quorum.gossip.resendMillis} (5 s by default)
 * after their gossip, then after a wait that doubles each time, up to 8 times that; to the peers
 * connected then, as non-persistent messages. A peer whose pool was full dropped the gossip, and the
 * resend fills that nonce gap once the peer has room; a peer that has the transaction already drops
 * it on its hash, before any signature check.
 */
@Singleton
@Startup
@DependsOn({"PeerNetwork", "TransactionPoolService", "ChainReader"})
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class TransactionGossip {
    private static final Logger LOG = Logger.getLogger(TransactionGossip.class.getName());
    /**
     * How long gossip, first sent or resent, may wait in a busy peer's queue before the broker drops
     * it. Gossip is not written to the broker's journal: a peer away for longer, or a broker
     * restarted, loses it, and the peer gets the whole pool when its link comes up.
     */
    private static final long GOSSIP_TTL_MILLIS = 60_000;
    /** A scheduled flush not started after this was refused by the server: it is scheduled again. */
    private static final long FLUSH_OVERDUE_MILLIS = 1000;
    /**
     * While a peer's transactions enter the pool: their hashes, so that the pool's event does not echo
     * them. Only those: a client's transaction that waited for a nonce gap and became pending because
     * a peer's transaction filled it is gossiped then, or peers would wait on that gap forever.
     */
    private static final ThreadLocal<Set<HashKey>> RECEIVING = ThreadLocal.withInitial(Set::of);

    @EJB
    private PeerNetwork network;

    @EJB
    private TransactionPoolService pool;

    @EJB
    private NodeService node;

    @EJB
    private ChainReader chain;

    @Resource
    private ManagedScheduledExecutorService scheduler;

    private final long batchMillis = Long.getLong("quorum.gossip.batchMillis", 5);
    /** Transactions waiting for the next batch, in the order they became pending. */
    private final Queue<Transaction> outgoing = new ConcurrentLinkedQueue<>();
    /**
     * When (System.nanoTime) a flush of {@link #outgoing} was scheduled that has not started yet; 0 for
     * none. A flush the server refused to run (it was suspended, or stopping) is scheduled again once
     * this is older than {@value #FLUSH_OVERDUE_MILLIS} ms, rather than blocking gossip for good.
     */
    private final AtomicLong flushScheduledAt = new AtomicLong();
    private final AtomicLong received = new AtomicLong();
    private final AtomicLong rejected = new AtomicLong();
    private final AtomicLong resent = new AtomicLong();
    private final long resendMillis = Long.getLong("quorum.gossip.resendMillis", 5000);
    private final OwnTransactionResend resend = new OwnTransactionResend(TimeUnit.MILLISECONDS.toNanos(resendMillis));
    private ScheduledFuture<?> resends;

    @PostConstruct
    void start() {
        network.register(MessageType.TRANSACTIONS, this::onGossip);
        network.onPeerConnected(this::syncPending);
        resends = scheduler.scheduleWithFixedDelay(this::resendStale, resendMillis, resendMillis, TimeUnit.MILLISECONDS);
    }

    @PreDestroy
    void stop() {
        resends.cancel(false);
    }

    /** Sends a newly connected peer this pool's pending transactions, in messages of at most half the size limit. */
    private void syncPending(String peer) {
        List<List<byte[]>> batches = TransactionSync.batches(pool.content(), network.maxMessageBytes() / 2);
        int count = 0;
        for (List<byte[]> batch : batches) {
            network.send(peer, new PeerMessage(network.newMessageId(), new PeerMessage.Transactions(batch)));
            count += batch.size();
        }
        if (count > 0) {
            int sent = count;
            LOG.info(() -> "sent " + sent + " pending transaction(s) in " + batches.size() + " message(s) to "
                    + PeerNetwork.abbreviate(peer) + ", which has just connected");
        }
    }

    /** New pending transactions in the pool: those that did not come from a peer join the next batch. */
    public void onPending(@Observes NewPendingTransactionsEvent event) {
        if (!network.enabled() || !network.hasConnectedPeers()) {
            return;
        }
        Set<HashKey> fromPeer = RECEIVING.get();
        boolean added = false;
        for (byte[] hash : event.hashes()) {
            if (fromPeer.contains(new HashKey(hash))) {
                continue;
            }
            // A busy producer may have mined it (and the pool dropped it) before this runs: gossip it
            // all the same, or the peers would wait forever on a gap in the sender's nonces.
            Transaction tx = pool.get(hash)
                    .or(() -> chain.transaction(hash).map(StoredTransaction::transaction))
                    .orElse(null);
            if (tx != null) {
                outgoing.add(tx);
                resend.gossiped(hash, System.nanoTime());
                added = true;
            }
        }
        if (added) {
            scheduleFlush();
        }
    }

    private void scheduleFlush() {
        long now = System.nanoTime() | 1; // never 0, which means none
        long scheduled = flushScheduledAt.get();
        boolean due = scheduled == 0 || now - scheduled > TimeUnit.MILLISECONDS.toNanos(FLUSH_OVERDUE_MILLIS);
        if (due && flushScheduledAt.compareAndSet(scheduled, now)) {
            try {
                scheduler.schedule(this::flush, batchMillis, TimeUnit.MILLISECONDS);
            } catch (RuntimeException e) {
                flushScheduledAt.set(0); // the next pending transaction tries again
                LOG.log(java.util.logging.Level.FINE, "cannot schedule the gossip of pending transactions", e);
            }
        }
    }

    /** Broadcasts what waits, in batches under half the message size limit; one flush at a time keeps their order. */
    private synchronized void flush() {
        flushScheduledAt.set(0);
        List<Transaction> waiting = new ArrayList<>();
        for (Transaction tx; (tx = outgoing.poll()) != null; ) {
            waiting.add(tx);
        }
        if (waiting.isEmpty()) {
            return;
        }
        try {
            for (List<byte[]> batch : TransactionSync.batches(waiting, network.maxMessageBytes() / 2)) {
                network.broadcastTransient(new PeerMessage(messageId(batch), new PeerMessage.Transactions(batch)),
                        GOSSIP_TTL_MILLIS);
            }
        } catch (RuntimeException e) {
            // The transactions are pooled here whatever happens to the gossip: a peer gets them on its next connection.
            LOG.log(java.util.logging.Level.WARNING, "cannot gossip " + waiting.size() + " transaction(s)", e);
        }
    }

    /** Gossips again this node's transactions still in its pool and last sent over {@code resendMillis} ago. */
    private void resendStale() {
        try {
            List<Transaction> stale = resend.due(System.nanoTime(), pool::get);
            if (stale.isEmpty() || !network.enabled() || !network.hasConnectedPeers()) {
                return;
            }
            // in nonce order per sender, as a peer's pool takes them best
            stale.sort(Comparator.comparing(Transaction::sender).thenComparingLong(Transaction::nonce));
            // To the peers connected now, and not kept: a peer that is away gets the whole pool when its
            // link comes up (syncPending), and a resend is itself a retry. Fresh message IDs: the same
            // batch sent before must not be taken for a duplicate.
            List<List<byte[]>> batches = TransactionSync.batches(stale, network.maxMessageBytes() / 2);
            for (String peer : network.connectedPeerIds()) {
                for (List<byte[]> batch : batches) {
                    network.sendTransient(peer,
                            new PeerMessage(network.newMessageId(), new PeerMessage.Transactions(batch)), GOSSIP_TTL_MILLIS);
                }
            }
            resent.addAndGet(stale.size());
            LOG.fine(() -> "gossiped " + stale.size() + " transaction(s) of this node again");
        } catch (RuntimeException e) {
            LOG.log(java.util.logging.Level.WARNING, "cannot gossip this node's transactions again", e);
        }
    }

    /** An ID derived from the transactions: the same transactions gossiped twice are a duplicate. */
    private static byte[] messageId(List<byte[]> rawTransactions) {
        int length = 0;
        for (byte[] raw : rawTransactions) {
            length += raw.length;
        }
        byte[] all = new byte[length];
        int at = 0;
        for (byte[] raw : rawTransactions) {
            System.arraycopy(raw, 0, all, at, raw.length);
            at += raw.length;
        }
        return Arrays.copyOf(Keccak.keccak256(all), PeerMessage.ID_LENGTH);
    }

    private void onGossip(String sender, PeerMessage message) {
        PeerMessage.Transactions body = (PeerMessage.Transactions) message.body();
        long chainId = node.chainId().longValueExact();
        Set<HashKey> fromPeer = new HashSet<>();
        RECEIVING.set(fromPeer);
        try {
            for (byte[] raw : body.rawTransactions()) {
                try {
                    Transaction tx = Transaction.decode(raw, chainId);
                    fromPeer.add(new HashKey(tx.hash()));
                    pool.submit(tx);
                    received.incrementAndGet();
                } catch (TransactionRejectedException e) {
                    if (e.reason() != TransactionRejectedException.Reason.ALREADY_KNOWN) {
                        rejected.incrementAndGet();
                        // FINE: under load most are "nonce too low", gossip of what a block already mined
                        LOG.fine(() -> "gossiped transaction from " + PeerNetwork.abbreviate(sender) + " not pooled: "
                                + e.getMessage());
                    }
                } catch (RuntimeException e) {
                    // undecodable or invalid (InvalidTransactionException, RlpException): the peer's fault, logged
                    rejected.incrementAndGet();
                    LOG.warning(() -> "invalid transaction gossiped by " + PeerNetwork.abbreviate(sender) + ": "
                            + e.getMessage());
                }
            }
        } finally {
            RECEIVING.remove();
        }
    }

    /** Transactions from peers that entered the pool. */
    public long received() {
        return received.get();
    }

    /** Transactions from peers that the pool refused (other than "already known"). */
    public long rejected() {
        return rejected.get();
    }

    /** This node's transactions gossiped again because they stayed in its pool. */
    public long resent() {
        return resent.get();
    }

    /** A transaction hash as a set member. */
    private record HashKey(ByteBuffer hash) {
        HashKey(byte[] hash) {
            this(ByteBuffer.wrap(hash.clone()));
        }
    }
}
