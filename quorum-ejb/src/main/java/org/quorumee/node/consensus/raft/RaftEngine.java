package org.quorumee.node.consensus.raft;

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
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import org.quorumee.core.chain.Block;
import org.quorumee.core.chain.BlockBuilder;
import org.quorumee.core.chain.BlockHeader;
import org.quorumee.core.chain.ConsensusRules;
import org.quorumee.core.chain.HeaderValidator;
import org.quorumee.core.consensus.QuietChainRule;
import org.quorumee.core.consensus.raft.BlockRace;
import org.quorumee.core.consensus.raft.CachedRaftStorage;
import org.quorumee.core.consensus.raft.ConfChange;
import org.quorumee.core.consensus.raft.ConfState;
import org.quorumee.core.consensus.raft.Entry;
import org.quorumee.core.consensus.raft.Message;
import org.quorumee.core.consensus.raft.MessageType;
import org.quorumee.core.consensus.raft.MintThrottle;
import org.quorumee.core.consensus.raft.RaftClusterEntry;
import org.quorumee.core.consensus.raft.RaftCodec;
import org.quorumee.core.consensus.raft.RaftCodecException;
import org.quorumee.core.consensus.raft.RaftConfig;
import org.quorumee.core.consensus.raft.RaftMembership;
import org.quorumee.core.consensus.raft.RaftMembershipException;
import org.quorumee.core.consensus.raft.RaftNode;
import org.quorumee.core.consensus.raft.RaftPeer;
import org.quorumee.core.consensus.raft.RaftSeal;
import org.quorumee.core.consensus.raft.RaftHeaderRule;
import org.quorumee.core.consensus.raft.RaftTimestampUnit;
import org.quorumee.core.consensus.raft.RaftSnapshotData;
import org.quorumee.core.consensus.raft.Ready;
import org.quorumee.core.consensus.raft.Role;
import org.quorumee.core.consensus.raft.Snapshot;
import org.quorumee.core.consensus.raft.SoftState;
import org.quorumee.core.consensus.raft.SpeculativeChain;
import org.quorumee.core.bytes.Hex;
import org.quorumee.core.peer.EnodeListFile;
import org.quorumee.core.peer.EnodeUrl;
import org.quorumee.core.peer.PeerMessage;
import org.quorumee.core.tx.Transaction;
import org.quorumee.node.NodeService;
import org.quorumee.node.chain.BlockAssembler;
import org.quorumee.node.chain.BlockImporter;
import org.quorumee.node.chain.ChainReader;
import org.quorumee.node.chain.ExecutedBlock;
import org.quorumee.node.chain.ImportResult;
import org.quorumee.node.consensus.ConsensusEngine;
import org.quorumee.node.network.BlockSync;
import org.quorumee.node.network.PeerNetwork;
import org.quorumee.node.network.PeerState;
import org.quorumee.node.txpool.TransactionPoolService;

/**
 * GoQuorum's Raft consensus ({@code quorum.consensus=raft}): drives the pure
 * {@link RaftNode} as the package documentation of {@code core.consensus.raft} describes. One
 * driver thread owns the node, the membership and the minter's speculative chain; ticks (every
 * {@value #TICK_MILLIS} ms), peer messages, new transactions and {@code raft_*} requests all reach it
 * through one queue. What a Ready asks to persist commits (one transaction) before its messages
 * leave; committed blocks go, in log order, to an applier thread of their own (etcd's apply loop),
 * which imports them through the {@link BlockImporter} on every node, a block that does not extend the
 * head being a no-op everywhere (the block race). A block of thousands of transactions takes seconds
 * to import on a busy follower; meanwhile its driver keeps ticking and answering heartbeats, where it
 * used to miss them and call elections. Membership changes and snapshots wait for the applier.
 *
 * <p>The leader (minter) makes a block only when transactions are pending, at most one per
 * {@code quorum.raft.blockTimeMillis} (GoQuorum's {@code --raftblocktime}, 50 ms), building on its own
 * proposed, uncommitted blocks; and one empty block {@code quorum.emptyBlockAfterMillis} after a block
 * with transactions ({@link QuietChainRule}). Blocks carry the minter's {@link RaftSeal} and a
 * timestamp in the genesis' {@link RaftTimestampUnit} (GoQuorum's nanoseconds unless it says seconds).
 *
 * <p>Members: raft ids are positions (1-based) in the node's {@code static-nodes.json}, or, without
 * one, in {@code permissioned-nodes.json}; each URL carries {@code raftport}. A node added later with
 * {@code raft_addPeer}/{@code raft_addLearner} starts with {@code quorum.raft.joinExisting=<its raft
 * id>} (GoQuorum's {@code --raftjoinexisting}). Raft messages travel as peer messages of type
 * CONSENSUS, addressed to the member's node id.
 */
@Singleton
@LocalBean
@Local(ConsensusEngine.class)
// what the driver calls stays up until the driver has stopped
@DependsOn({"NodeService", "ChainReader", "BlockAssembler", "BlockImporter", "TransactionPoolService", "PeerNetwork",
        "BlockSync", "RaftLogStore"})
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class RaftEngine implements ConsensusEngine {
    private static final Logger LOG = Logger.getLogger(RaftEngine.class.getName());
    public static final String NAME = "raft";
    /** etcd's and GoQuorum's tick. */
    static final long TICK_MILLIS = 100;
    /** GoQuorum's snapshot interval, in applied entries. */
    static final long SNAPSHOT_ENTRIES = 250;
    /** Entries kept below a snapshot, so that a follower briefly away catches up from the log. */
    static final long ENTRIES_KEPT = 1024;
    /**
     * Raft messages go unjournaled and expire after this: Raft resends what is lost, and a message
     * older than a few election timeouts only holds up the ones behind it.
     */
    static final long MESSAGE_TIME_TO_LIVE_MILLIS = 5000;
    /** How long a raft_ request waits for the driver. */
    static final long REQUEST_TIMEOUT_MILLIS = 5000;
    /** How long stopping waits for the block the applier is importing. */
    private static final long APPLIER_STOP_SECONDS = 30;
    /** Queued events run per loop turn before the node gets its tick and its Ready looked at. */
    private static final int EVENTS_PER_TURN = 512;
    /** How often the driver reports where its time went ({@link DriverTimings}); 0 for never. */
    private static final long TIMINGS_WINDOW_MILLIS = Long.getLong("quorum.raft.timingsMillis", 10_000);

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
    private RaftLogStore log;

    @EJB
    private BlockSync sync;

    @Resource
    private ManagedThreadFactory threads;

    private final Clock clock = Clock.systemUTC();
    private final LinkedBlockingQueue<Runnable> inbox = new LinkedBlockingQueue<>();
    /** Applies committed entries, one at a time in log order; never waits for the driver. */
    private ExecutorService applier;
    /** What the applier finished, for the driver to act on (the speculative chain, timings), in order. */
    private final ConcurrentLinkedQueue<Runnable> appliedOutcomes = new ConcurrentLinkedQueue<>();
    /** The last entry the applier finished, and the chain head then: what a snapshot records. */
    private volatile AppliedPoint appliedPoint;
    /** Coalesces wake-ups for new transactions: one queued at a time. */
    private final AtomicBoolean transactionsSignalled = new AtomicBoolean();
    private final QuietChainRule quietChain = new QuietChainRule(
            Long.getLong("quorum.emptyBlockAfterMillis", QuietChainRule.DEFAULT_DELAY_MILLIS));
    private volatile boolean running;
    private Thread driver;

    // ---- owned by the driver thread ----
    private RaftNode raft;
    /** The Raft log as the node reads it: {@link #log} behind a cache, so that no message costs a query. */
    private CachedRaftStorage storage;
    private RaftMembership membership;
    /** A copy of the membership for raft_ reads: they never wait behind the driver (a long block import). */
    private volatile RaftMembership publishedMembership;
    private SpeculativeChain speculative;
    private MintThrottle throttle;
    private RaftTimestampUnit timestampUnit;
    /** The minter's proposed blocks, executed, by hash: stored without running them again when they commit. */
    private final Map<ByteBuffer, ExecutedBlock> proposed = new HashMap<>();
    /** While joining, before the snapshot names the members: the node ids that spoke for raft ids. */
    private final Map<Long, String> joinContacts = new HashMap<>();
    /** Entries handed to the applier whose outcome the driver has not taken yet (block sync reads it too). */
    private volatile int unappliedEntries;
    private boolean minting;
    private boolean removed;
    private long snapshotIndex;
    /** When the last block was applied here and whether it carried transactions (the quiet-chain rule). */
    private long lastBlockMillis;
    private boolean lastBlockCarriedTransactions;
    /** The head of the snapshot the node started from, which the chain must hold before entries apply. */
    private byte[] startHeadHash;
    private DriverTimings timings;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public ConsensusRules rules() {
        return new RaftHeaderRule(RaftTimestampUnit.of(node.genesis().config()));
    }

    @Override
    public void start() {
        Duration blockTime = Duration.ofMillis(Long.getLong("quorum.raft.blockTimeMillis",
                MintThrottle.DEFAULT_BLOCK_TIME.toMillis()));
        throttle = new MintThrottle(blockTime, clock);
        timestampUnit = RaftTimestampUnit.of(node.genesis().config());
        long applied;
        if (log.isEmpty() && !isJoining()) {
            List<RaftPeer> founders = founders();
            ConfState voters = new ConfState(founders.stream().map(p -> (long) p.raftId())
                    .collect(Collectors.toCollection(TreeSet::new)), new TreeSet<>());
            log.bootstrap(voters, new RaftSnapshotData(founders, new TreeSet<>(), chain.header(0).orElseThrow().hash())
                    .encode());
            LOG.info(() -> "raft: a new cluster of " + founders.size() + " founding member(s); this node is raft id "
                    + selfPeer().raftId());
        }
        Snapshot snapshot = log.snapshot();
        RaftPeer self = selfPeer(snapshot);
        applied = Math.max(log.appliedIndex(), snapshot.index());
        snapshotIndex = snapshot.index();
        membership = snapshot.isEmpty()
                ? new RaftMembership(self, List.of(), ConfState.EMPTY, new TreeSet<>(), false)
                : RaftMembership.restore(self, RaftSnapshotData.decode(snapshot.data()), snapshot.confState(), false);
        publishMembership();
        storage = new CachedRaftStorage(log);
        raft = RaftNode.start(RaftConfig.defaults(self.raftId()).withApplied(applied), storage, new SecureRandom());
        startHeadHash = snapshot.isEmpty() ? null : RaftSnapshotData.decode(snapshot.data()).headBlockHash();
        if (membership.isRemoved(self.raftId())) {
            leaveCluster();
        }
        speculative = new SpeculativeChain(headBlock());
        appliedPoint = new AppliedPoint(applied, importer.head().hash());
        // A node restarted right after a block with transactions still owes it its follow-up block.
        lastBlockMillis = clock.millis();
        lastBlockCarriedTransactions = !headBlock().transactions().isEmpty();
        network.register(org.quorumee.core.peer.MessageType.CONSENSUS, this::onPeerMessage);
        // blocks come by the Raft log: block sync asking peers for the same blocks would only load the leader
        sync.holdPollingWhile(() -> running && unappliedEntries > 0);
        running = true;
        applier = Executors.newSingleThreadExecutor(work -> {
            Thread thread = threads.newThread(work);
            thread.setName("raft-applier");
            return thread;
        });
        driver = threads.newThread(this::drive);
        driver.setName("raft-driver");
        driver.start();
        long appliedAtStart = applied;
        LOG.info(() -> "raft engine: raft id " + self.raftId() + ", applied " + appliedAtStart + ", members "
                + membership.confState() + ", a block at most every " + blockTime.toMillis() + " ms when transactions are pending, stamped in "
                + timestampUnit.configName()
                + (quietChain.isEnabled() ? ", one empty block " + quietChain.delayMillis() + " ms after each block with transactions"
                        : ", never an empty block"));
    }

    /** Also when the container destroys the bean before the consensus service stopped it. */
    @PreDestroy
    @Override
    public void stop() {
        running = false;
        if (driver != null) {
            try {
                // the loop wakes at least every tick; interrupting a send would fail it loudly
                driver.join(2000);
                if (driver.isAlive()) {
                    driver.interrupt();
                    driver.join(1000);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (applier != null) {
            // the block being imported finishes (what it calls stays up until then); the rest waits for the next start
            applier.shutdown();
            try {
                if (!applier.awaitTermination(APPLIER_STOP_SECONDS, TimeUnit.SECONDS)) {
                    LOG.warning(() -> "raft: the applier did not finish its block within " + APPLIER_STOP_SECONDS + " s");
                    applier.shutdownNow();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public void transactionsPending() {
        if (running && transactionsSignalled.compareAndSet(false, true)) {
            inbox.offer(() -> {
                transactionsSignalled.set(false);
                if (minting) {
                    throttle.request();
                }
            });
        }
    }

    // ---------------------------------------------------------------- raft_ requests (any thread)

    /** raft_role: "minter", "verifier", "learner" or "" (no leader known). */
    public String role() {
        return published().role();
    }

    /** raft_leader: the leader's node id (128 hex digits). @throws RaftMembershipException when none is elected */
    public String leaderNodeId() {
        return published().leaderNodeId();
    }

    /** raft_cluster. */
    public List<RaftClusterEntry> cluster() {
        Set<String> connected = network.peers().stream().filter(PeerState::connected).map(p -> p.enode().nodeId())
                .collect(Collectors.toSet());
        RaftMembership current = published();
        Map<Integer, String> ids = new HashMap<>();
        current.peers().forEach(p -> ids.put(p.raftId(), p.nodeIdHex()));
        return current.cluster(id -> connected.contains(ids.get(id)));
    }

    /** raft_getRaftId. */
    public int raftIdOf(String enodeUrl) {
        return published().raftIdOf(enodeUrl);
    }

    /** raft_addPeer / raft_addLearner: proposes the member; its new raft id. */
    public int addMember(String enodeUrl, boolean learner) {
        return onDriver(() -> {
            ConfChange change = membership.proposeNewPeer(enodeUrl, learner);
            propose(change);
            return (int) change.nodeId();
        });
    }

    /** raft_removePeer. */
    public void removeMember(int raftId) {
        onDriver(() -> {
            propose(membership.proposePeerRemoval(raftId));
            return null;
        });
    }

    /** raft_promoteToPeer. */
    public boolean promoteToPeer(int raftId) {
        return onDriver(() -> {
            propose(membership.promoteToPeer(raftId));
            return true;
        });
    }

    private void propose(ConfChange change) {
        if (!raft.proposeConfChange(change)) {
            throw new RaftMembershipException("no leader is currently elected");
        }
        LOG.info(() -> "raft: proposed " + change);
    }

    private void publishMembership() {
        publishedMembership = membership.copy();
    }

    /** The membership as the driver last published it (reads only). */
    private RaftMembership published() {
        RaftMembership current = publishedMembership;
        if (!running || current == null) {
            throw new RaftMembershipException("raft is not running on this node");
        }
        return current;
    }

    /** Runs {@code work} on the driver thread and waits for its answer. */
    private <T> T onDriver(Supplier<T> work) {
        if (!running) {
            throw new RaftMembershipException("raft is not running on this node");
        }
        CompletableFuture<T> answer = new CompletableFuture<>();
        inbox.offer(() -> {
            try {
                answer.complete(work.get());
            } catch (RuntimeException e) {
                answer.completeExceptionally(e);
            }
        });
        try {
            return answer.get(REQUEST_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException(e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("the raft driver did not answer within " + REQUEST_TIMEOUT_MILLIS + " ms");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the raft driver");
        }
    }

    // ---------------------------------------------------------------- the driver

    private void onPeerMessage(String sender, PeerMessage message) {
        if (!(message.body() instanceof PeerMessage.Consensus consensus) || !NAME.equals(consensus.engine())) {
            return;
        }
        Message decoded;
        try {
            decoded = RaftCodec.decodeMessage(consensus.payload());
        } catch (RaftCodecException e) {
            network.refused(sender, "malformed raft message: " + e.getMessage());
            return;
        }
        inbox.offer(() -> receive(sender, decoded));
    }

    /** A Raft message from {@code sender}: stepped in when it comes from the member it names. */
    private void receive(String sender, Message message) {
        if (message.to() != raft.id() || message.from() > 0xffff || membership.isRemoved((int) message.from())) {
            return;
        }
        Optional<RaftPeer> member = member(message.from());
        if (member.isPresent() ? !member.get().nodeIdHex().equals(sender) : !membership.confState().isEmpty()) {
            // a known raft id from another node, or an unknown one while this node knows its cluster
            LOG.fine(() -> "raft: dropped " + message + " from node " + sender.substring(0, 8) + "…: not that member");
            return;
        }
        if (member.isEmpty()) {
            // a joining node answers the leader before a snapshot tells it who the members are
            joinContacts.put(message.from(), sender);
        }
        raft.step(message);
    }

    private Optional<RaftPeer> member(long raftId) {
        return membership.peers().stream().filter(p -> p.raftId() == raftId).findFirst();
    }

    private void drive() {
        if (startHeadHash != null) {
            // a node that stopped right after installing a snapshot may still lack its blocks
            try {
                awaitBlock(startHeadHash);
                speculative.reset(headBlock());
            } catch (RuntimeException e) {
                if (running) {
                    LOG.log(Level.SEVERE, "raft cannot start on this node", e);
                    running = false;
                }
                return;
            }
        }
        long tickNanos = TimeUnit.MILLISECONDS.toNanos(TICK_MILLIS);
        long nextTick = System.nanoTime() + tickNanos;
        // a turn as long as the shortest election timeout: followers may have called an election meanwhile
        timings = new DriverTimings(TIMINGS_WINDOW_MILLIS > 0 ? TimeUnit.MILLISECONDS.toNanos(TIMINGS_WINDOW_MILLIS) : Long.MAX_VALUE,
                TimeUnit.MILLISECONDS.toNanos(TICK_MILLIS * RaftConfig.DEFAULT_ELECTION_TICKS), LOG::info, nextTick);
        while (running) {
            try {
                long wait = nextTick - System.nanoTime();
                long mintDue = minting ? throttle.nanosUntilDue() : -1;
                if (mintDue >= 0) {
                    wait = Math.min(wait, mintDue);
                }
                Runnable event = wait > 0 ? inbox.poll(wait, TimeUnit.NANOSECONDS) : inbox.poll();
                long turnStart = System.nanoTime();
                for (int n = 0; event != null && running; n++) {
                    runEvent(event);
                    event = n < EVENTS_PER_TURN ? inbox.poll() : null;
                }
                long now = System.nanoTime();
                timings.add(DriverTimings.Phase.EVENTS, now - turnStart);
                if (now - nextTick >= 0) {
                    raft.tick();
                    nextTick += tickNanos;
                    if (now - nextTick >= 0) {
                        nextTick = now + tickNanos; // a stall (GC, a long import): no burst of ticks
                    }
                }
                if (minting) {
                    long mintStart = System.nanoTime();
                    mintSafely();
                    timings.add(DriverTimings.Phase.MINT, System.nanoTime() - mintStart);
                }
                handleReady();
                long turnEnd = System.nanoTime();
                timings.turn(turnEnd - turnStart, turnEnd);
            } catch (InterruptedException e) {
                break;
            } catch (RuntimeException | Error e) {
                if (running) {
                    // A Ready half done cannot be resumed safely (GoQuorum stops the node too).
                    LOG.log(Level.SEVERE, "raft driver failed; raft stops on this node", e);
                    running = false;
                }
            }
        }
    }

    /** One queued event (a message, a request, a wake-up): its failure is logged, the driver goes on. */
    private void runEvent(Runnable event) {
        try {
            event.run();
        } catch (RuntimeException e) {
            if (running) {
                LOG.log(Level.WARNING, "raft: an event failed", e);
            }
        }
    }

    /** A failed mint loses nothing (its transactions stay in the pool): start again from the head. */
    private void mintSafely() {
        try {
            mint();
        } catch (RuntimeException e) {
            if (running) {
                LOG.log(Level.WARNING, "raft: minting failed; starting again from the chain head", e);
                speculative.reset(headBlock());
                proposed.clear();
                throttle.request();
            }
        }
    }

    private void handleReady() {
        while (raft.hasReady()) {
            Ready rd = raft.ready();
            long persistStart = System.nanoTime();
            if (rd.snapshot().isPresent() || !rd.entries().isEmpty() || rd.hardState().isPresent()) {
                storage.persist(rd);
            }
            long handOverStart = System.nanoTime();
            timings.add(DriverTimings.Phase.PERSIST, handOverStart - persistStart);
            send(rd.messages());
            rd.softState().ifPresent(this::onSoftState);
            rd.snapshot().ifPresent(this::installSnapshot);
            for (Entry entry : rd.committedEntries()) {
                handOver(entry);
            }
            timings.add(DriverTimings.Phase.HAND_OVER, System.nanoTime() - handOverStart);
            // the entries are the applier's now: Raft counts them applied (etcd does likewise)
            raft.advance(rd);
        }
        AppliedPoint applied = appliedPoint;
        if (applied.index() - snapshotIndex >= SNAPSHOT_ENTRIES) {
            long compactTo = applied.index() - ENTRIES_KEPT;
            long compacted = compactTo > storage.firstIndex() ? compactTo : 0;
            storage.snapshotRecorded(log.snapshotAt(applied.index(), raft.confState(),
                    membership.snapshotData(applied.headHash()).encode(), compacted), compacted);
            snapshotIndex = applied.index();
        }
    }

    private void send(List<Message> messages) {
        for (Message message : messages) {
            String to = member(message.to()).map(RaftPeer::nodeIdHex).orElse(joinContacts.get(message.to()));
            if (to == null) {
                continue;
            }
            try {
                network.sendTransient(to, new PeerMessage(network.newMessageId(),
                        new PeerMessage.Consensus(NAME, RaftCodec.encodeMessage(message))), MESSAGE_TIME_TO_LIVE_MILLIS);
                if (message.type() == MessageType.SNAPSHOT) {
                    raft.reportSnapshot(message.to(), true);
                }
            } catch (RuntimeException e) {
                LOG.fine(() -> "raft: cannot send " + message + ": " + e.getMessage());
                raft.reportUnreachable(message.to());
                if (message.type() == MessageType.SNAPSHOT) {
                    raft.reportSnapshot(message.to(), false);
                }
            }
        }
    }

    private void onSoftState(SoftState soft) {
        long before = membership.leader();
        membership.setLeader(soft.leader());
        if (before != soft.leader()) {
            timings.leaderChanged();
            publishMembership();
            LOG.info(() -> "raft: leader is " + (soft.leader() == 0 ? "unknown" : "raft id " + soft.leader())
                    + " (term " + raft.term() + "); this node is " + soft.role());
        }
        boolean leads = soft.role() == Role.LEADER && !removed;
        if (leads && !minting) {
            minting = true;
            speculative.reset(headBlock());
            proposed.clear();
            throttle.request();
        } else if (!leads && minting) {
            minting = false;
            speculative.reset(headBlock());
            proposed.clear();
            throttle.cancel();
        }
    }

    /** A snapshot from the leader: its members, and the chain up to its head (block sync fetches it). */
    private void installSnapshot(Snapshot snapshot) {
        awaitApplier();
        RaftSnapshotData data = RaftSnapshotData.decode(snapshot.data());
        long leader = membership.leader();
        membership = RaftMembership.restore(membership.self(), data, snapshot.confState(), false);
        membership.setLeader(leader);
        publishMembership();
        joinContacts.clear();
        LOG.info(() -> "raft: installing the snapshot at index " + snapshot.index() + ", members " + snapshot.confState());
        awaitBlock(data.headBlockHash());
        log.saveAppliedIndex(snapshot.index());
        appliedPoint = new AppliedPoint(snapshot.index(), importer.head().hash());
        snapshotIndex = snapshot.index();
        speculative.reset(headBlock());
        proposed.clear();
        noteHead(headBlock());
    }

    /** Waits until block sync has brought the block of {@code hash} (a snapshot's head) into the chain. */
    private void awaitBlock(byte[] hash) {
        long started = System.nanoTime();
        long nextLog = 0;
        while (chain.headerByHash(hash).isEmpty()) {
            if (!running) {
                throw new IllegalStateException("raft stopped while waiting for block " + Hex.encode(hash));
            }
            long waited = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started);
            if (waited >= nextLog) {
                long w = waited;
                LOG.info(() -> "raft: waiting for block " + Hex.encode(hash) + " from peers (" + w + " s)");
                nextLog = waited + 10;
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for the snapshot's head block");
            }
        }
    }

    /** A committed entry: blocks go to the applier; a membership change waits for it, then applies here. */
    private void handOver(Entry entry) {
        switch (entry.type()) {
            case NORMAL -> {
                long index = entry.index();
                Block block = entry.data().length > 0 ? Block.decode(entry.data()) : null;
                ExecutedBlock mine = block != null ? proposed.get(key(block.hash())) : null;
                unappliedEntries++;
                timings.unapplied(unappliedEntries);
                applier.execute(() -> applyEntry(index, block, mine));
            }
            case CONF_CHANGE -> {
                awaitApplier();
                applyConfChange(entry);
            }
            default -> throw new IllegalStateException("unknown entry type " + entry.type());
        }
    }

    /**
     * On the applier's thread: imports a committed block (none for an empty entry), records the
     * entry applied, and queues what the driver must do about it. A failure stops Raft on this node,
     * as a failure of the driver does: a later entry must not apply on a state that missed one.
     */
    private void applyEntry(long index, Block block, ExecutedBlock mine) {
        if (!running) {
            return; // applied at the next start: the stored applied index stays behind it
        }
        try {
            long started = System.nanoTime();
            Runnable outcome = block != null ? importCommitted(block, mine) : () -> {
            };
            log.saveAppliedIndex(index);
            appliedPoint = new AppliedPoint(index, importer.head().hash());
            long nanos = System.nanoTime() - started;
            appliedOutcomes.add(() -> {
                unappliedEntries--;
                timings.add(DriverTimings.Phase.APPLY, nanos);
                outcome.run();
            });
            inbox.offer(this::takeAppliedOutcomes);
        } catch (RuntimeException | Error e) {
            if (running) {
                LOG.log(Level.SEVERE, "raft: applying entry " + index + " failed; raft stops on this node", e);
                running = false;
            }
        }
    }

    /**
     * On the applier's thread: a committed block is imported when it extends the head, a no-op on
     * every node when it does not ({@link BlockRace}). The importer judges that under its write lock:
     * block sync imports the same blocks meanwhile, and a verdict read before its import commits
     * would take a block for non-extending that its parent was just joining. Returns what the driver
     * does about it.
     */
    private Runnable importCommitted(Block block, ExecutedBlock mine) {
        BlockHeader header = block.header();
        ImportResult result = mine != null ? importer.importExecuted(mine) : importer.importBlock(block, pool::get);
        switch (result.status()) {
            case IMPORTED -> {
                return () -> {
                    timings.applied(block.transactions().size());
                    joined(block);
                };
            }
            case ALREADY_KNOWN -> {
                // block sync brought it first, or it is applied again after a restart
                return () -> joined(block);
            }
            case NOT_EXTENDING -> {
                LOG.info(() -> "raft: non-extending block " + header.number() + " " + Hex.encode(block.hash())
                        + " (lost the block race): no-op");
                return () -> unwind(block);
            }
            case INVALID -> {
                LOG.severe(() -> "raft: committed block " + header.number() + " " + Hex.encode(block.hash())
                        + " is invalid, skipped: " + result.reason());
                return () -> unwind(block);
            }
            default -> throw new IllegalStateException("unknown import status " + result.status());
        }
    }

    /** The applier's outcomes so far, in order; then a minter may mint again. */
    private void takeAppliedOutcomes() {
        boolean took = false;
        for (Runnable outcome = appliedOutcomes.poll(); outcome != null; outcome = appliedOutcomes.poll()) {
            outcome.run();
            took = true;
        }
        if (took && minting) {
            throttle.request();
        }
    }

    /** Waits until the applier has applied every entry handed to it, and takes its outcomes. */
    private void awaitApplier() {
        try {
            applier.submit(() -> {
            }).get();
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the raft applier");
        }
        takeAppliedOutcomes();
    }

    /** A committed block joined the chain (here or by block sync): it is no longer a proposal of ours. */
    private void joined(Block block) {
        proposed.remove(key(block.hash()));
        noteHead(block);
    }

    /** A block became (or already was) part of the chain. */
    private void noteHead(Block block) {
        speculative.accept(block);
        if (speculative.pendingBlocks() == 0) {
            proposed.clear();
        }
        lastBlockMillis = clock.millis();
        lastBlockCarriedTransactions = !block.transactions().isEmpty();
        if (minting) {
            throttle.request();
        }
    }

    /** A block of ours that lost: it and the blocks built on it are dropped; their transactions go back to minting. */
    private void unwind(Block block) {
        List<byte[]> released = speculative.unwindFrom(block, headBlock());
        long number = block.header().number();
        proposed.values().removeIf(b -> b.block().header().number() >= number);
        if (!released.isEmpty()) {
            LOG.info(() -> "raft: unwound the speculative chain from block " + number + "; " + released.size()
                    + " transaction(s) to mint again");
        }
        if (minting) {
            throttle.request();
        }
    }

    /** Removed from the cluster: no minting, and no block from peers either (GoQuorum: blocks travel only by Raft). */
    private void leaveCluster() {
        removed = true;
        minting = false;
        throttle.cancel();
        sync.stopFollowingPeers();
    }

    private void applyConfChange(Entry entry) {
        ConfChange change = RaftCodec.decodeConfChange(entry.data());
        ConfState after = raft.applyConfChange(change);
        RaftMembership.Outcome outcome = membership.apply(change, after);
        publishMembership();
        LOG.info(() -> "raft: membership change " + change.type() + " of raft id " + change.nodeId() + ": " + outcome
                + "; members " + after);
        switch (outcome) {
            case ADDED -> member(change.nodeId()).ifPresent(this::link);
            case SELF_REMOVED -> leaveCluster();
            default -> {
            }
        }
        // a snapshot at every membership change: a node joining needs one that names it (GoQuorum)
        byte[] head = importer.head().hash();
        storage.snapshotRecorded(log.snapshotAt(entry.index(), after, membership.snapshotData(head).encode(), 0), 0);
        appliedPoint = new AppliedPoint(entry.index(), head);
        snapshotIndex = entry.index();
    }

    /** A new member: linked when this node's permissions admit it (they decide who is a peer). */
    private void link(RaftPeer peer) {
        EnodeUrl url = EnodeUrl.parse(peer.enodeUrl());
        if (network.enabled() && network.permissions().isPermitted(url.nodeId())) {
            network.addPeer(url);
        } else {
            LOG.warning(() -> "raft: new member " + peer + " is not permissioned on this node: no messages reach it");
        }
    }

    // ---------------------------------------------------------------- minting (the leader)

    /** Mints a block when one is due: on the speculative head, of the pending transactions not yet proposed. */
    private void mint() {
        boolean quietBlockDue = speculative.pendingBlocks() == 0
                && quietChain.isEmptyBlockDue(lastBlockMillis, lastBlockCarriedTransactions, clock.millis());
        if (!throttle.isDue() && !quietBlockDue) {
            return;
        }
        if (unappliedEntries > 0) {
            // Committed blocks wait for the applier: the next block waits too (the applier's outcome
            // asks for it again). It then carries what came meanwhile: fewer, larger blocks cost less
            // per transaction (each is a Raft entry written on every node, a state root and a commit),
            // and a leader just elected builds on the head it is about to have, not an older one.
            throttle.cancel();
            return;
        }
        throttle.minted();
        BlockAssembler.Parent parent = speculativeParent();
        BlockHeader parentHeader = parent.header();
        BigInteger baseFee = chain.processor().headerValidator().feeMarket().nextBaseFee(parentHeader);
        long gasLimit = HeaderValidator.nextGasLimit(parentHeader.gasLimit(), node.genesis().gasLimit());
        List<Transaction> candidates = new ArrayList<>();
        for (Transaction tx : pool.candidates(baseFee, gasLimit)) {
            if (!speculative.isProposed(tx.hash())) {
                candidates.add(tx);
            }
        }
        if (candidates.isEmpty() && !quietBlockDue) {
            return; // GoQuorum: no block without transactions
        }
        BlockBuilder.Attributes attributes = BlockBuilder.Attributes.of(node.address(),
                timestampUnit.blockTimestamp(clock.instant(), parentHeader.timestamp()), gasLimit);
        BlockAssembler.Assembled assembled = assembler.on(parent,
                hash -> Optional.ofNullable(proposed.get(key(hash))).map(b -> b.block().header()), candidates, attributes);
        assembled.skipped().forEach(s -> LOG.info(() -> "left out of block: " + s.transaction() + ": " + s.message()));
        if (assembled.isEmpty() && !candidates.isEmpty()) {
            return;
        }
        BlockHeader unsealed = assembled.block().block().header();
        RaftSeal seal = new RaftSeal(membership.raftId(), node.signer().sign(RaftSeal.signingHash(unsealed)));
        ExecutedBlock block = assembled.block().sealedAs(unsealed.toBuilder().extraData(seal.toExtraData()).build());
        speculative.extend(block.block());
        proposed.put(key(block.hash()), block);
        timings.minted(block.block().transactions().size());
        if (!raft.propose(block.block().encode())) {
            speculative.reset(headBlock());
            proposed.clear();
        }
    }

    /** The parent of the next block: the newest proposed block, or the stored head. */
    private BlockAssembler.Parent speculativeParent() {
        Block head = speculative.head();
        ExecutedBlock unstored = proposed.get(key(head.hash()));
        if (unstored != null) {
            return BlockAssembler.Parent.of(unstored);
        }
        BlockAssembler.Parent stored = assembler.head();
        if (!Arrays.equals(stored.header().hash(), head.hash())) {
            // the speculative head is neither proposed here nor the chain head: start again from the head
            speculative.reset(headBlock());
            proposed.clear();
        }
        return stored;
    }

    private Block headBlock() {
        long number = importer.head().number();
        return chain.fullBlock(number).orElseThrow(() -> new IllegalStateException("head block " + number + " is not stored"));
    }

    private static ByteBuffer key(byte[] hash) {
        return ByteBuffer.wrap(hash);
    }

    /** An entry the applier finished and the chain head after it. */
    private record AppliedPoint(long index, byte[] headHash) {
    }

    // ---------------------------------------------------------------- members from the node's files

    private boolean isJoining() {
        return Integer.getInteger("quorum.raft.joinExisting", 0) > 0;
    }

    /**
     * Who this node is in its cluster: as the storage's latest snapshot records it, else (a node
     * joining, or removed) as its files say. The files' positions change when a permission is revoked
     * and given back; a node that took another raft id than its cluster knows it by could never rejoin.
     */
    private RaftPeer selfPeer(Snapshot stored) {
        Optional<RaftPeer> recorded = stored.isEmpty() ? Optional.empty()
                : RaftMembership.recordedSelf(node.enodeId(), RaftSnapshotData.decode(stored.data()));
        if (recorded.isEmpty()) {
            return selfPeer();
        }
        RaftPeer self = recorded.get();
        if (isJoining()) {
            return self;
        }
        try {
            founders().stream().filter(p -> p.nodeIdHex().equals(self.nodeIdHex()) && p.raftId() != self.raftId())
                    .findFirst().ifPresent(p -> LOG.warning(() -> "raft: " + foundersFile() + " lists this node at position "
                            + p.raftId() + "; it is raft id " + self.raftId() + ", as its cluster recorded it"));
        } catch (RuntimeException e) {
            // the files name no raft members this node needs now: it knows who it is
        }
        return self;
    }

    /** Who this node is by its files: {@code quorum.raft.joinExisting}, else its position among the founders. */
    private RaftPeer selfPeer() {
        int joinId = Integer.getInteger("quorum.raft.joinExisting", 0);
        if (joinId > 0) {
            return RaftPeer.parseEnode(network.self().toString(), joinId);
        }
        String own = node.enodeId();
        return founders().stream().filter(p -> p.nodeIdHex().equals(own)).findFirst()
                .orElseThrow(() -> new IllegalStateException("this node (" + own.substring(0, 8) + "…) is not in "
                        + foundersFile() + "; a node added with raft_addPeer starts with -Dquorum.raft.joinExisting=<raft id>"));
    }

    /** GoQuorum's static-nodes.json; without one, the permissioned nodes (the launcher lists the network there). */
    private Path foundersFile() {
        Path dir = node.config().nodeDir();
        Path staticNodes = dir.resolve("static-nodes.json");
        return Files.exists(staticNodes) ? staticNodes : dir.resolve("permissioned-nodes.json");
    }

    private List<RaftPeer> founders() {
        Path file = foundersFile();
        try {
            List<String> urls = EnodeListFile.parse(Files.readString(file)).stream().map(EnodeUrl::toString).toList();
            return RaftMembership.founders(urls);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the raft members from " + file, e);
        }
    }
}
