package org.quorumee.node.consensus;

import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.ejb.Local;
import jakarta.ejb.LocalBean;
import jakarta.ejb.Singleton;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.quorumee.core.chain.BlockBuilder;
import org.quorumee.core.chain.BlockHeader;
import org.quorumee.core.chain.ConsensusRules;
import org.quorumee.core.chain.HeaderValidator;
import org.quorumee.core.tx.Transaction;
import org.quorumee.node.NodeService;
import org.quorumee.node.chain.BlockAssembler;
import org.quorumee.node.chain.BlockImporter;
import org.quorumee.node.chain.ChainReader;
import org.quorumee.node.chain.ImportResult;
import org.quorumee.node.network.BlockSync;
import org.quorumee.node.txpool.TransactionPoolService;

/**
 * One node that makes and finalises every block itself: a block as soon as transactions are
 * pending, at most one per {@code quorum.blockPeriodMillis} (50 ms by default), never an empty
 * one. Its rounds run on one scheduled thread, so blocks are made one at a time. Blocks carry no
 * seal: on a network, one node runs this engine and the others run {@link FollowerEngine}, importing
 * what it pushes to them.
 */
@Singleton
@LocalBean
@Local(ConsensusEngine.class)
public class SingleNodeEngine implements ConsensusEngine {
    private static final Logger LOG = Logger.getLogger(SingleNodeEngine.class.getName());

    @EJB
    private ChainReader chain;

    @EJB
    private BlockAssembler assembler;

    @EJB
    private BlockImporter importer;

    @EJB
    private TransactionPoolService pool;

    @EJB
    private NodeService node;

    @EJB
    private BlockSync sync;

    @Resource
    private ManagedScheduledExecutorService scheduler;

    private final Clock clock = Clock.systemUTC();
    private final long periodMillis = Long.getLong("quorum.blockPeriodMillis", 50);
    private final AtomicBoolean pending = new AtomicBoolean();
    private ScheduledFuture<?> rounds;

    @Override
    public String name() {
        return "single";
    }

    @Override
    public ConsensusRules rules() {
        return ConsensusRules.NONE;
    }

    @Override
    public void start() {
        pending.set(pool.hasPending());
        rounds = scheduler.scheduleWithFixedDelay(this::round, periodMillis, periodMillis, TimeUnit.MILLISECONDS);
        LOG.info(() -> "single-node engine: a block at most every " + periodMillis + " ms when transactions are pending");
    }

    @Override
    public void stop() {
        if (rounds != null) {
            rounds.cancel(false);
        }
    }

    @Override
    public void transactionsPending() {
        pending.set(true);
    }

    /** One production round: a block from what is pending, if anything is. */
    private void round() {
        // The flag saves a look at the pool when nothing arrived; the look itself makes sure a lost
        // wake-up can never leave a transaction waiting.
        if (!pending.getAndSet(false) && !pool.hasPending()) {
            return;
        }
        try {
            BlockHeader parent = chain.headHeader();
            List<Transaction> candidates = pool.candidates(chain.nextBaseFee(), parent.gasLimit());
            if (candidates.isEmpty()) {
                return;
            }
            BlockAssembler.Assembled assembled = assembler.onHead(candidates, attributes(parent));
            assembled.skipped().forEach(s -> LOG.info(() -> "left out of block: " + s.transaction() + ": " + s.message()));
            if (!assembled.isEmpty()) {
                ImportResult result = importer.importExecuted(assembled.block());
                if (result.isImported()) {
                    sync.publish(result.block());
                } else {
                    LOG.warning(() -> "the block this node built was not stored: " + result.reason());
                }
            }
            // More may be waiting than one block took.
            pending.compareAndSet(false, pool.hasPending());
        } catch (RuntimeException | Error e) {
            // Anything thrown out of a scheduled task would end every later round: keep going, say why.
            // A stack overflow means the server's threads have less stack than the EVM needs (-Xss).
            pending.set(true);
            LOG.log(Level.SEVERE, "block production round failed; retrying next round", e);
        }
    }

    /**
     * This engine's policy: the node's address as coinbase, a timestamp in seconds strictly after the
     * parent's (under a sustained load of several blocks a second the chain's clock runs ahead of the
     * wall clock until the load eases), the gas limit moving towards the genesis one.
     */
    private BlockBuilder.Attributes attributes(BlockHeader parent) {
        long timestamp = Math.max(clock.millis() / 1000, parent.timestamp() + 1);
        long gasLimit = HeaderValidator.nextGasLimit(parent.gasLimit(), node.genesis().gasLimit());
        return BlockBuilder.Attributes.of(node.address(), timestamp, gasLimit);
    }
}
