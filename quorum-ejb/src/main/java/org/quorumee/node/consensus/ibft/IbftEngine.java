package org.quorumee.node.consensus.ibft;

import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.EJB;
import jakarta.ejb.Local;
import jakarta.ejb.LocalBean;
import jakarta.ejb.Singleton;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.quorumee.core.bytes.Hex;
import org.quorumee.core.chain.Block;
import org.quorumee.core.chain.BlockBuilder;
import org.quorumee.core.chain.BlockHeader;
import org.quorumee.core.chain.ConsensusRules;
import org.quorumee.core.chain.HeaderValidator;
import org.quorumee.core.chain.InvalidBlockException;
import org.quorumee.core.consensus.ibft.BftAction;
import org.quorumee.core.consensus.ibft.BftController;
import org.quorumee.core.consensus.ibft.BftGenesis;
import org.quorumee.core.consensus.ibft.BftImportRule;
import org.quorumee.core.consensus.ibft.BftLimits;
import org.quorumee.core.consensus.ibft.BftSettings;
import org.quorumee.core.consensus.ibft.BftStatus;
import org.quorumee.core.consensus.ibft.BlockTemplate;
import org.quorumee.core.consensus.ibft.ChainView;
import org.quorumee.core.consensus.ibft.ForkSchedule;
import org.quorumee.core.consensus.ibft.IstanbulHeaders;
import org.quorumee.core.consensus.ibft.NodeSigner;
import org.quorumee.core.consensus.ibft.ProposalByteBudget;
import org.quorumee.core.consensus.ibft.SignatureRecovery;
import org.quorumee.core.consensus.ibft.ValidatorCandidates;
import org.quorumee.core.consensus.ibft.VoteSnapshot;
import org.quorumee.core.consensus.ibft.VoteSnapshots;
import org.quorumee.core.crypto.Keccak;
import org.quorumee.core.crypto.Signature;
import org.quorumee.core.peer.MessageType;
import org.quorumee.core.peer.PeerMessage;
import org.quorumee.core.types.Address;
import org.quorumee.node.NodeService;
import org.quorumee.node.chain.BlockAssembler;
import org.quorumee.node.chain.BlockImporter;
import org.quorumee.node.chain.ChainReader;
import org.quorumee.node.chain.ExecutedBlock;
import org.quorumee.node.chain.ImportResult;
import org.quorumee.node.consensus.ConsensusEngine;
import org.quorumee.node.network.BlockSync;
import org.quorumee.node.network.PeerNetwork;
import org.quorumee.node.txpool.TransactionPoolService;

/**
 * GoQuorum's IBFT and QBFT ({@code config.istanbul} / {@code config.qbft} in genesis): drives the
 * pure {@link BftController} as the package documentation of {@code core.consensus.ibft} describes.
 * One driver thread owns the controller; peer messages, new heads and the two timers (block and
 * round, kept by the loop on the system clock) reach it through one queue. Consensus messages travel
 * as peer messages of type CONSENSUS, engine {@value #WIRE_ENGINE}, to every linked peer (non-validators
 * ignore them); each carries its author's signature, which the core checks, and an ID derived from its
 * bytes so the network drops copies. Proposals are built with the {@link BlockAssembler} on the head;
 * a proposal from another validator is executed before this node prepares it, and that execution is
 * reused when the block is final. Final blocks go through the {@link BlockImporter} and are pushed to
 * peers; every imported block — here, from peers, by sync — must carry the proposer and a quorum of
 * committed seals from the validators after its parent ({@link BftImportRule}).
 *
 * <p>Blocks come every {@code blockperiodseconds}, empty or not (GoQuorum's rule); a QBFT chain (or a
 * transition) with {@code emptyblockperiodseconds} waits that long before an empty block.
 */
@Singleton
@LocalBean
@Local(ConsensusEngine.class)
// what the driver calls stays up until the driver has stopped
@DependsOn({"NodeService", "ChainReader", "BlockAssembler", "BlockImporter", "TransactionPoolService", "PeerNetwork",
        "BlockSync"})
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class IbftEngine implements ConsensusEngine {
    private static final Logger LOG = Logger.getLogger(IbftEngine.class.getName());
    /** The engine name inside CONSENSUS peer messages (one for IBFT and QBFT: the core tells them apart). */
    static final String WIRE_ENGINE = "istanbul";
    /** Proposals executed here and kept for their import; a height rarely sees more than a few. */
    private static final int EXECUTED_KEPT = 16;
    /** Snapshots kept in memory (GoQuorum: 128). */
    private static final int SNAPSHOTS_CACHED = 256;
    /** Queued events run per loop turn before the timers are looked at. */
    private static final int EVENTS_PER_TURN = 512;

    @EJB
    private NodeService node;

    @EJB
    private ChainReader chain;

    @EJB
    private BlockAssembler assembler;

    @EJB
    private BlockImporter importer;

    @EJB
    private TransactionPoolService pool;

    @EJB
    private PeerNetwork network;

    @EJB
    private BlockSync sync;

    @Resource
    private ManagedThreadFactory threads;

    private final Clock clock = Clock.systemUTC();
    private final LinkedBlockingQueue<Runnable> inbox = new LinkedBlockingQueue<>();
    /** Coalesces new-head wake-ups: one queued at a time. */
    private final AtomicBoolean headSignalled = new AtomicBoolean();
    private final ValidatorCandidates candidates = new ValidatorCandidates();
    private final SignatureRecovery recovery = SignatureRecovery.SECP256K1;
    private ForkSchedule schedule;
    private VoteSnapshots snapshots;
    private volatile boolean running;
    private volatile BftStatus status;
    private Thread driver;

    // ---- owned by the driver thread ----
    private BftController controller;
    private long blockTimerHeight = -1;
    private long blockTimerAt;
    private long roundTimerHeight = -1;
    private int roundTimerRound;
    private long roundTimerAt;
    /** Executed proposals by {@link #executionKey}: stored without running them again once final. */
    private final Map<ByteBuffer, ExecutedBlock> executed = new HashMap<>();

    @Override
    public String name() {
        return "qbft".equals(node.consensusName()) ? "qbft" : "istanbul";
    }

    @Override
    public ConsensusRules rules() {
        init();
        return new BftImportRule(schedule, snapshots, recovery);
    }

    private synchronized void init() {
        if (schedule == null) {
            schedule = BftGenesis.schedule(node.genesis().config()).orElseThrow(() -> new IllegalStateException(
                    "quorum.consensus=" + node.consensusName() + " needs config.istanbul or config.qbft in genesis.json"));
            snapshots = new VoteSnapshots(schedule, chain::headerByHash, recovery, SNAPSHOTS_CACHED);
        }
    }

    @Override
    public void start() {
        init();
        NodeKeySigner signer = new NodeKeySigner();
        controller = new BftController(new BftSettings(schedule, signer, recovery, new Chain(), this::create,
                this::validate, candidates, clock::millis, BftLimits.defaults().withMaxMessageBytes(network.maxMessageBytes())));
        network.register(MessageType.CONSENSUS, this::onPeerMessage);
        running = true;
        driver = threads.newThread(this::drive);
        driver.setName("ibft-driver");
        driver.start();
        var params = schedule.at(chain.head().number() + 1);
        LOG.info(() -> name() + " engine: validator address " + node.address() + ", " + params.protocol() + ", a block every "
                + params.blockPeriodSeconds() + " s (empty blocks every " + params.emptyBlockPeriodSeconds()
                + " s), round timeout " + params.requestTimeoutMillis() + " ms, validators "
                + snapshots.after(chain.headHeader()).validators());
    }

    /** Also when the container destroys the bean before the consensus service stopped it. */
    @PreDestroy
    @Override
    public void stop() {
        running = false;
        if (driver != null) {
            try {
                inbox.offer(() -> { });
                driver.join(2000);
                if (driver.isAlive()) {
                    driver.interrupt();
                    driver.join(1000);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public void transactionsPending() {
        // blocks come on the block timer, whatever the pool holds
    }

    @Override
    public void headChanged() {
        if (running && headSignalled.compareAndSet(false, true)) {
            inbox.offer(() -> {
                headSignalled.set(false);
                carryOut(controller.onNewHead());
            });
        }
    }

    // ---------------------------------------------------------------- for istanbul_* (any thread)

    /** Whether this engine runs on this node. */
    public boolean isRunning() {
        return running;
    }

    /** The validators and votes after {@code header} (those of its child). */
    public VoteSnapshot snapshotAfter(BlockHeader header) {
        return snapshots.after(header);
    }

    /** Who proposed a block. */
    public Address author(BlockHeader header) {
        return IstanbulHeaders.author(header, schedule.at(header.number()).protocol(), recovery);
    }

    /** Who committed a block (the signers of its committed seals); none for genesis. */
    public List<Address> committers(BlockHeader header) {
        if (header.number() == 0) {
            return List.of();
        }
        return IstanbulHeaders.committers(header, schedule.at(header.number()).protocol(), recovery);
    }

    /** This node's votes (istanbul_propose / discard / candidates). */
    public ValidatorCandidates candidates() {
        return candidates;
    }

    /** Where the controller stands, as of its last event; null before it started. */
    public BftStatus status() {
        return status;
    }

    // ---------------------------------------------------------------- the driver

    private void onPeerMessage(String sender, PeerMessage message) {
        if (!(message.body() instanceof PeerMessage.Consensus consensus) || !WIRE_ENGINE.equals(consensus.engine())) {
            return;
        }
        byte[] payload = consensus.payload();
        inbox.offer(() -> carryOut(controller.onMessage(payload)));
    }

    private void drive() {
        try {
            carryOut(controller.start());
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, "ibft: cannot start on this node", e);
            running = false;
            return;
        }
        while (running) {
            try {
                long now = clock.millis();
                long next = Long.MAX_VALUE;
                if (blockTimerHeight >= 0) {
                    next = Math.min(next, blockTimerAt);
                }
                if (roundTimerHeight >= 0) {
                    next = Math.min(next, roundTimerAt);
                }
                long wait = Math.min(next - now, 1000);
                Runnable event = wait > 0 ? inbox.poll(wait, TimeUnit.MILLISECONDS) : inbox.poll();
                for (int n = 0; event != null && running; n++) {
                    runEvent(event);
                    event = n < EVENTS_PER_TURN ? inbox.poll() : null;
                }
                now = clock.millis();
                if (blockTimerHeight >= 0 && blockTimerAt <= now) {
                    long height = blockTimerHeight;
                    blockTimerHeight = -1;
                    runEvent(() -> carryOut(controller.onBlockTimer(height)));
                }
                if (roundTimerHeight >= 0 && roundTimerAt <= now) {
                    long height = roundTimerHeight;
                    int round = roundTimerRound;
                    roundTimerHeight = -1;
                    runEvent(() -> carryOut(controller.onRoundTimer(height, round)));
                }
            } catch (InterruptedException e) {
                break;
            }
        }
    }

    /** One event: its failure is logged and the driver goes on (the round timer moves a stuck height on). */
    private void runEvent(Runnable event) {
        try {
            event.run();
        } catch (RuntimeException e) {
            if (running) {
                LOG.log(Level.WARNING, "ibft: an event failed", e);
            }
        }
    }

    private void carryOut(List<BftAction> actions) {
        for (BftAction action : actions) {
            if (action instanceof BftAction.Multicast m) {
                multicast(m.message());
            } else if (action instanceof BftAction.ArmBlockTimer t) {
                blockTimerHeight = t.height();
                blockTimerAt = t.atMillis();
            } else if (action instanceof BftAction.ArmRoundTimer t) {
                roundTimerHeight = t.height();
                roundTimerRound = t.round();
                roundTimerAt = clock.millis() + t.durationMillis();
            } else if (action instanceof BftAction.ImportBlock i) {
                importFinal(i.block());
            }
        }
        status = controller.status();
    }

    private void multicast(byte[] message) {
        if (!network.enabled()) {
            return;
        }
        // an ID from the bytes: the copies a peer may get twice are dropped by the network
        byte[] id = Arrays.copyOf(Keccak.keccak256(message), PeerMessage.ID_LENGTH);
        try {
            network.broadcast(new PeerMessage(id, new PeerMessage.Consensus(WIRE_ENGINE, message)));
        } catch (RuntimeException e) {
            LOG.fine(() -> "ibft: cannot send a message: " + e.getMessage());
        }
    }

    /** A block with a quorum of committed seals: stored (its execution reused when this node ran it), pushed to peers. */
    private void importFinal(Block block) {
        ExecutedBlock mine = executed.get(executionKey(block.header()));
        ImportResult result = mine != null ? importer.importExecuted(mine.sealedAs(block.header()))
                : importer.importBlock(block, pool::get);
        switch (result.status()) {
            case IMPORTED -> {
                sync.publish(result.block());
                LOG.fine(() -> "ibft: block " + block.header().number() + " " + Hex.encode(block.hash()) + " final");
            }
            case ALREADY_KNOWN -> {
                // block sync brought it first
            }
            default -> LOG.warning(() -> "ibft: final block " + block.header().number() + " " + Hex.encode(block.hash())
                    + " was not stored: " + result.reason());
        }
        executed.clear();
        carryOut(controller.onNewHead());
    }

    // ---------------------------------------------------------------- the core's ports

    /**
     * BlockCreator: a block of the pool's transactions on the head, within the byte budget, with the
     * engine's header fields, built for at most the core's build time or the node's own
     * ({@link BlockAssembler#BUILD_MILLIS}), whichever is shorter.
     */
    private Block create(BlockHeader parent, BlockTemplate template, ProposalByteBudget bytes, long buildMillis) {
        BlockAssembler.Parent head = assembler.head();
        if (!Arrays.equals(head.header().hash(), parent.hash())) {
            throw new IllegalStateException("the head moved while block " + template.number() + " was being built");
        }
        long gasLimit = HeaderValidator.nextGasLimit(parent.gasLimit(), node.genesis().gasLimit());
        BigInteger baseFee = chain.processor().headerValidator().feeMarket().nextBaseFee(parent);
        BlockBuilder.Attributes attributes = new BlockBuilder.Attributes(template.coinbase(), template.timestamp(), gasLimit,
                template.extraData(), template.difficulty(), template.mixHash(), new byte[32], List.of());
        BlockAssembler.Assembled assembled = assembler.on(head, hash -> Optional.empty(),
                bytes.limit(pool.candidates(baseFee, gasLimit)), attributes, Math.min(BlockAssembler.BUILD_MILLIS, buildMillis));
        assembled.skipped().forEach(s -> LOG.info(() -> "left out of block: " + s.transaction() + ": " + s.message()));
        ExecutedBlock block = assembled.block();
        BlockHeader header = block.block().header().toBuilder().nonce(template.nonce()).build();
        block = block.sealedAs(header);
        keep(block);
        return block.block();
    }

    /** BlockValidator: a proposal from a validator, executed on the head. */
    private Optional<String> validate(Block block, BlockHeader parent) {
        if (!Arrays.equals(chain.headHeader().hash(), parent.hash())) {
            return Optional.of("block " + block.header().number() + " is not on this node's head");
        }
        if (executed.containsKey(executionKey(block.header()))) {
            return Optional.empty(); // built or checked here already
        }
        try {
            keep(assembler.executeProposal(block));
            return Optional.empty();
        } catch (InvalidBlockException e) {
            return Optional.of(e.getMessage());
        }
    }

    private void keep(ExecutedBlock block) {
        if (executed.size() >= EXECUTED_KEPT) {
            executed.clear();
        }
        executed.put(executionKey(block.block().header()), block);
    }

    /**
     * What identifies an execution: the header without the fields seals change (extraData, and the
     * IBFT nonce that carries the vote), which no transaction can read.
     */
    private static ByteBuffer executionKey(BlockHeader header) {
        return ByteBuffer.wrap(Keccak.keccak256(header.toBuilder().extraData(new byte[0]).nonce(0).build().encode()));
    }

    /** ChainView over the stored chain. */
    private final class Chain implements ChainView {
        @Override
        public BlockHeader head() {
            return chain.headHeader();
        }

        @Override
        public VoteSnapshot snapshotAfter(BlockHeader header) {
            return snapshots.after(header);
        }
    }

    /** NodeSigner over the node key. */
    private final class NodeKeySigner implements NodeSigner {
        @Override
        public Address address() {
            return node.address();
        }

        @Override
        public Signature sign(byte[] hash) {
            return node.signer().sign(hash);
        }
    }
}
