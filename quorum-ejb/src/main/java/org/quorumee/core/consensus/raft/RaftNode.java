package org.quorumee.core.consensus.raft;

import java.util.List;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * One Raft node for a single-threaded driver (etcd's RawNode): feed it ticks, messages and
 * proposals; collect a {@link Ready}; persist, send, apply; {@link #advance}. It never blocks, never
 * reads a clock and never does I/O. Not thread-safe: one thread (the driver's) calls everything.
 *
 * <pre>{@code
 * RaftNode node = RaftNode.start(RaftConfig.defaults(id).withApplied(appliedIndex), storage, random);
 * // on each tick, message or proposal:
 * node.tick();  // or node.step(message), node.propose(block)
 * while (node.hasReady()) {
 *     Ready rd = node.ready();
 *     storage.persist(rd);                   // 1. durably
 *     rd.messages().forEach(transport::send);   // 2.
 *     apply(rd.snapshot(), rd.committedEntries()); // 3. applyConfChange for CONF_CHANGE entries
 *     node.advance(rd);                      // 4.
 * }
 * }</pre>
 */
public final class RaftNode {
    private final Raft raft;
    private final long maxCommittedSizePerReady;
    private SoftState prevSoftState;
    private HardState prevHardState;
    /** The Ready handed out and not yet advanced; null when none. */
    private Ready outstanding;

    private RaftNode(RaftConfig config, RaftStorage storage, RandomGenerator random) {
        this.raft = new Raft(config, storage, random);
        this.maxCommittedSizePerReady = config.maxCommittedSizePerReady();
        this.prevSoftState = raft.softState();
        this.prevHardState = raft.hardState();
    }

    /**
     * Starts (or restarts) a node on what its storage holds. A node of a new cluster starts on a
     * storage {@linkplain #bootstrap bootstrapped} with the founding members; a node joining an
     * existing cluster starts on an empty storage and waits for the leader to send it a snapshot.
     *
     * @param random the source of election jitter (seeded in tests)
     * @throws IllegalArgumentException when {@code config.applied()} lies outside
     *                                  [the snapshot's index, the stored commit index]
     */
    public static RaftNode start(RaftConfig config, RaftStorage storage, RandomGenerator random) {
        return new RaftNode(config, storage, random);
    }

    /**
     * Prepares an empty storage for a node of a new cluster: a snapshot at index 1, term 1 holding
     * the founding members and the application's initial data, committed. Every founding node
     * must bootstrap with the same members and data; the node then starts with {@code applied} 1.
     *
     * @throws IllegalStateException when the storage is not empty
     */
    public static void bootstrap(WritableRaftStorage storage, ConfState founders, byte[] data) {
        if (storage.lastIndex() != 0 || !storage.snapshot().isEmpty()) {
            throw new IllegalStateException("bootstrap needs an empty storage (it ends at " + storage.lastIndex() + ")");
        }
        if (founders.voters().isEmpty()) {
            throw new IllegalArgumentException("a new cluster needs at least one voter");
        }
        storage.applySnapshot(new Snapshot(1, 1, founders, data));
        storage.setHardState(new HardState(1, 0, 1));
    }

    /** This node's id. */
    public long id() {
        return raft.id;
    }

    /** Advances logical time by one tick (elections, heartbeats, check-quorum). */
    public void tick() {
        raft.tick();
    }

    /** Campaigns now, as if the election timeout had passed (no effect on a leader or non-voter). */
    public void campaign() {
        raft.hup();
    }

    /**
     * Proposes application data (a block). On the leader it is appended; on a follower it is
     * forwarded to the leader. A proposal can still vanish (leadership lost before it commits): the
     * application learns what was committed only from {@link Ready#committedEntries()}.
     *
     * @return false when it was dropped at once: no leader known, or this node is not a member
     */
    public boolean propose(byte[] data) {
        return raft.propose(List.of(Entry.proposal(data)));
    }

    /**
     * Proposes a membership change. A leader that still has a membership change unapplied turns
     * this one into an empty entry: one change at a time.
     *
     * @return false when it was dropped at once (as {@link #propose})
     */
    public boolean proposeConfChange(ConfChange change) {
        return raft.propose(List.of(new Entry(0, 0, EntryType.CONF_CHANGE, RaftCodec.encodeConfChange(change))));
    }

    /**
     * Applies a committed membership change (from a {@code CONF_CHANGE} entry, in log order) and
     * returns the new membership. A leader removed by it steps down.
     */
    public ConfState applyConfChange(ConfChange change) {
        return raft.applyConfChange(change);
    }

    /**
     * Steps a message received from another node. Messages from an older term are answered or
     * dropped as the protocol says; malformed appends are dropped.
     *
     * @throws IllegalArgumentException when the message is addressed to another node
     */
    public void step(Message message) {
        if (message.to() != raft.id) {
            throw new IllegalArgumentException("message for node " + message.to() + " stepped into node " + raft.id);
        }
        if (message.from() == Raft.NONE || message.from() == raft.id) {
            return;
        }
        raft.step(message);
    }

    /** The transport could not deliver to {@code node}: probe it again instead of streaming. */
    public void reportUnreachable(long node) {
        raft.reportUnreachable(node);
    }

    /** Whether the snapshot sent to {@code node} arrived (true) or failed (false). */
    public void reportSnapshot(long node, boolean succeeded) {
        raft.reportSnapshot(node, succeeded);
    }

    /** Whether a {@link #ready()} has something to do (always false while one is outstanding). */
    public boolean hasReady() {
        if (outstanding != null) {
            return false;
        }
        return !raft.softState().equals(prevSoftState)
                || !raft.hardState().equals(prevHardState)
                || !raft.msgs.isEmpty()
                || !raft.log.unstable.entries.isEmpty()
                || raft.log.hasPendingSnapshot()
                || raft.log.hasNextCommittedEntries();
    }

    /**
     * What to persist, send and apply now. The messages are handed out once; the rest stays until
     * {@link #advance}.
     *
     * @throws IllegalStateException while the previous Ready is not advanced
     */
    public Ready ready() {
        if (outstanding != null) {
            throw new IllegalStateException("advance the previous Ready first");
        }
        SoftState soft = raft.softState();
        HardState hard = raft.hardState();
        List<Entry> entries = raft.log.unstableEntries();
        Ready rd = new Ready(
                soft.equals(prevSoftState) ? Optional.empty() : Optional.of(soft),
                hard.equals(prevHardState) ? Optional.empty() : Optional.of(hard),
                entries,
                Optional.ofNullable(raft.log.unstable.snapshot),
                raft.log.nextCommittedEntries(maxCommittedSizePerReady),
                List.copyOf(raft.msgs),
                !entries.isEmpty() || hard.term() != prevHardState.term() || hard.vote() != prevHardState.vote());
        raft.msgs.clear();
        outstanding = rd;
        return rd;
    }

    /**
     * Reports that a Ready was done: its state persisted, its messages sent, its snapshot and
     * committed entries applied.
     *
     * @throws IllegalStateException when {@code ready} is not the Ready last handed out
     */
    public void advance(Ready ready) {
        if (ready != outstanding || ready == null) {
            throw new IllegalStateException("advance takes the Ready last handed out");
        }
        outstanding = null;
        ready.softState().ifPresent(s -> prevSoftState = s);
        ready.hardState().ifPresent(h -> prevHardState = h);
        if (!ready.committedEntries().isEmpty()) {
            raft.log.appliedTo(ready.committedEntries().get(ready.committedEntries().size() - 1).index());
        } else if (ready.snapshot().isPresent()) {
            raft.log.appliedTo(ready.snapshot().get().index());
        }
        if (!ready.entries().isEmpty()) {
            Entry last = ready.entries().get(ready.entries().size() - 1);
            raft.log.stableTo(last.index(), last.term());
        }
        ready.snapshot().ifPresent(s -> raft.log.stableSnapTo(s.index()));
    }

    /** The leader this node knows of, 0 for none. */
    public long leader() {
        return raft.lead;
    }

    public Role role() {
        return raft.state;
    }

    public boolean isLeader() {
        return raft.state == Role.LEADER;
    }

    /** Whether this node is a learner of its current membership. */
    public boolean isLearner() {
        return raft.isLearner;
    }

    public long term() {
        return raft.term;
    }

    public long commitIndex() {
        return raft.log.committed;
    }

    /** The index up to which committed entries were handed out and advanced. */
    public long appliedIndex() {
        return raft.log.applied;
    }

    public long lastIndex() {
        return raft.log.lastIndex();
    }

    /** The membership as applied so far (what a snapshot taken now must record). */
    public ConfState confState() {
        return raft.confState();
    }

    /** The term of log entry {@code index} as this node sees it (0 when compacted or beyond the end). */
    long logTerm(long index) {
        return raft.log.termOrZero(index);
    }

    /** The entry at {@code index} as this node sees it, persisted or not (tests' invariant checks). */
    Entry logEntry(long index) {
        return raft.log.slice(index, index + 1, Long.MAX_VALUE).get(0);
    }

    /** What this node, as leader, knows of each member (diagnostics). */
    String progressDescription() {
        return raft.progress.toString();
    }

    /** The first index still in this node's log (tests' invariant checks). */
    long firstIndex() {
        return raft.log.firstIndex();
    }

    @Override
    public String toString() {
        return "RaftNode[" + raft.id + " " + raft.state + " term " + raft.term + " leader " + raft.lead + " commit "
                + raft.log.committed + " applied " + raft.log.applied + " last " + raft.log.lastIndex() + "]";
    }
}
