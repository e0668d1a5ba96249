package org.quorumee.core.consensus.raft;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.TreeSet;
import org.quorumee.core.chain.Block;
import org.quorumee.core.chain.BlockHeader;
import org.quorumee.core.crypto.Keccak;
import org.quorumee.core.types.Address;

/**
 * One deterministic simulated run of a GoQuorum-style Raft network: N nodes in one JVM on a
 * virtual clock, each driven exactly as the package documentation says (persist, send, apply,
 * advance) with a minter (speculative chain, mint throttle, block race rule) and a transaction
 * pool. A seeded network drops, duplicates, delays, reorders and partitions; nodes crash (also in
 * the middle of a Ready) and restart from their storage; members are added (voters and learners),
 * promoted and removed. After a chaos phase the network heals and the run must converge.
 *
 * <p>Invariants are checked after every step: at most one leader per term; one entry per
 * (index, term) and log matching; a node never votes twice in a term nor lowers its term or commit;
 * committed entries never change and every new leader holds them all; applied &le; committed;
 * every node applies the same outcome (block, no-op, membership change) at every index; every
 * node's chain is a prefix of the canonical chain; no transaction is included twice. At the end:
 * one leader, every member on the same head, every submitted transaction included exactly once.
 * Everything depends on the seed only; a failure names it.
 */
final class RaftSimulation {
    static final long MILLI = 1_000_000L;
    static final long TICK = 100 * MILLI;
    private static final long START = 1_700_000_000_000_000_000L;
    private static final int MAX_TX_PER_BLOCK = 4;

    /** What a run may do: sizes and phases. */
    record Options(int initialVoters, long chaosNanos, long settleLimitNanos, boolean membershipChanges, boolean trace) {
        static Options standard() {
            return new Options(0, 12_000 * MILLI, 120_000 * MILLI, true, false);
        }

        Options withChaos(long nanos) {
            return new Options(initialVoters, nanos, settleLimitNanos, membershipChanges, trace);
        }

        Options traced() {
            return new Options(initialVoters, chaosNanos, settleLimitNanos, membershipChanges, true);
        }
    }

    /** What a run did. */
    record Result(long seed, long steps, long virtualNanos, int canonicalHeight, int transactions, int noOps,
                  int leaders, int crashes, int snapshotsInstalled, int membershipChanges, int finalMembers,
                  Map<String, Integer> changes) {
    }

    /** An invariant broke; the message names the seed and what broke. */
    static final class Failure extends AssertionError {
        private static final long serialVersionUID = 1L;

        Failure(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private enum Kind { TICK, DELIVER, MINT, SUBMIT, CHAOS, SNAPSHOT_STATUS, UNREACHABLE }

    private record Event(long time, long seq, Kind kind, long node, long incarnation, long other, Message message,
                         boolean flag) implements Comparable<Event> {
        @Override
        public int compareTo(Event o) {
            int c = Long.compare(time, o.time);
            return c != 0 ? c : Long.compare(seq, o.seq);
        }
    }

    /** One node: its disk (storage, applied chain) survives crashes; its RaftNode does not. */
    private final class SimNode {
        final long id;
        final MemoryRaftStorage storage = new MemoryRaftStorage();
        // the application's durable state: chain, applied index, pool
        final ArrayList<Block> chain = new ArrayList<>();
        final Set<ByteBuffer> chainHashes = new HashSet<>();
        long appliedIndex;
        final Set<Long> removedIds = new TreeSet<>();
        /** Transactions gossiped to this node and not yet in its chain, in arrival order. */
        final LinkedHashMap<ByteBuffer, byte[]> pool = new LinkedHashMap<>();
        boolean removed;
        // volatile: lost in a crash
        RaftNode raft;
        long incarnation;
        SpeculativeChain speculative;
        MintThrottle throttle;
        boolean mintScheduled;
        Role lastRole = Role.FOLLOWER;
        HardState persisted = HardState.EMPTY;

        SimNode(long id) {
            this.id = id;
        }

        boolean alive() {
            return raft != null;
        }

        Block head() {
            return chain.get(chain.size() - 1);
        }
    }

    private final long seed;
    private final Options options;
    private final SplittableRandom rng;
    private final VirtualClock clock = new VirtualClock(START);
    private final PriorityQueue<Event> queue = new PriorityQueue<>();
    private long seq;
    private final TreeMap<Long, SimNode> nodes = new TreeMap<>();
    private long nextNodeId;
    private final Block genesis;
    private final RaftConfig template;

    // network
    private double dropRate;
    private double duplicateRate;
    private final Map<Long, Integer> side = new HashMap<>();
    private final Set<Long> oneWayCuts = new HashSet<>();

    // clients
    private long txCounter;
    /** Every transaction submitted, in order. */
    private final LinkedHashMap<ByteBuffer, byte[]> submitted = new LinkedHashMap<>();

    // global knowledge for the invariants
    private final Map<Long, Long> leaderOfTerm = new HashMap<>();
    private final Map<Long, Map<Long, Entry>> entryAt = new HashMap<>();
    private final Map<Long, Long> prevTermAt = new HashMap<>();
    private final Map<Long, Entry> committed = new HashMap<>();
    private long maxCommitted;
    private final Map<Long, Object> outcomeAt = new HashMap<>();
    private final ArrayList<Block> canonical = new ArrayList<>();
    private final Map<ByteBuffer, ByteBuffer> txHashes = new HashMap<>();
    private final Map<ByteBuffer, Block> blocks = new HashMap<>();
    private final Set<ByteBuffer> canonicalTx = new HashSet<>();

    // statistics
    private long steps;
    private int noOps;
    private int crashes;
    private int snapshotsInstalled;
    private int membershipChanges;
    private final Map<String, Integer> changes = new TreeMap<>();
    private boolean settling;
    private final ArrayDeque<String> trace = new ArrayDeque<>();

    RaftSimulation(long seed, Options options) {
        this.seed = seed;
        this.options = options;
        this.rng = new SplittableRandom(seed);
        this.genesis = new Block(BlockHeader.builder().number(0).timestamp(START).extraData("genesis".getBytes()).build(),
                List.of(), List.of(), null);
        canonical.add(genesis);
        // small messages and few inflight appends, so that flow control and paging are exercised
        this.template = RaftConfig.defaults(1).withSizes(64 + rng.nextInt(2000), 1 + rng.nextInt(8), 200 + rng.nextInt(4000));
    }

    static Result run(long seed, Options options) {
        RaftSimulation sim = new RaftSimulation(seed, options);
        try {
            return sim.execute();
        } catch (Failure f) {
            throw f;
        } catch (RuntimeException | AssertionError e) {
            throw sim.failure("unexpected " + e, e);
        }
    }

    // ------------------------------------------------------------------ the run

    private Result execute() {
        int voters = options.initialVoters() > 0 ? options.initialVoters() : 3 + rng.nextInt(3);
        TreeSet<Long> founders = new TreeSet<>();
        for (int i = 0; i < voters; i++) {
            founders.add(++nextNodeId);
        }
        ConfState founding = new ConfState(founders, new TreeSet<>());
        for (long id : founders) {
            SimNode n = new SimNode(id);
            n.chain.add(genesis);
            n.chainHashes.add(key(genesis.hash()));
            RaftNode.bootstrap(n.storage, founding, snapshotData(genesis, 0));
            n.appliedIndex = 1;
            n.persisted = n.storage.initialState().hardState();
            nodes.put(id, n);
            start(n);
        }
        dropRate = rng.nextInt(3) * 0.05;
        duplicateRate = rng.nextInt(3) * 0.05;
        schedule(clock.nanos() + rng.nextLong(50 * MILLI), Kind.SUBMIT, 0, 0, 0, null, false);
        schedule(clock.nanos() + 500 * MILLI + rng.nextLong(1000 * MILLI), Kind.CHAOS, 0, 0, 0, null, false);

        long chaosEnd = START + options.chaosNanos();
        long deadline = chaosEnd + options.settleLimitNanos();
        while (true) {
            Event ev = queue.poll();
            if (ev == null) {
                throw failure("the event queue ran dry", null);
            }
            if (steps > 5_000_000) {
                throw failure("more than 5 million steps: " + describe(), null);
            }
            if (ev.time() > deadline) {
                throw failure("no convergence within " + Duration.ofNanos(options.settleLimitNanos()).toSeconds()
                        + " s of healing: " + describe(), null);
            }
            clock.setNanos(ev.time());
            if (!settling && ev.time() >= chaosEnd) {
                settle();
            }
            handle(ev);
            processReadies();
            steps++;
            checkInvariants();
            if (settling && converged()) {
                return finish();
            }
        }
    }

    private void settle() {
        settling = true;
        note(() -> "settle: heal, restart, no loss");
        side.clear();
        oneWayCuts.clear();
        dropRate = 0;
        duplicateRate = 0;
        for (SimNode n : nodes.values()) {
            if (!n.alive() && !n.removed) {
                restart(n);
            }
        }
    }

    private Result finish() {
        SimNode leader = currentLeader();
        int members = leader.raft.confState().voters().size() + leader.raft.confState().learners().size();
        return new Result(seed, steps, clock.nanos() - START, canonical.size() - 1, submitted.size(), noOps,
                leaderOfTerm.size(), crashes, snapshotsInstalled, membershipChanges, members, changes);
    }

    // ------------------------------------------------------------------ events

    private void schedule(long time, Kind kind, long node, long incarnation, long other, Message m, boolean flag) {
        queue.add(new Event(time, seq++, kind, node, incarnation, other, m, flag));
    }

    private void handle(Event ev) {
        SimNode n = ev.node() == 0 ? null : nodes.get(ev.node());
        switch (ev.kind()) {
            case TICK -> {
                if (n != null && n.alive() && n.incarnation == ev.incarnation()) {
                    n.raft.tick();
                    schedule(ev.time() + TICK - MILLI + rng.nextLong(2 * MILLI), Kind.TICK, n.id, n.incarnation, 0, null,
                            false);
                }
            }
            case DELIVER -> deliver(ev.message());
            case MINT -> {
                if (n != null && n.alive() && n.incarnation == ev.incarnation()) {
                    n.mintScheduled = false;
                    if (n.raft.isLeader() && n.throttle.isDue()) {
                        mint(n);
                    }
                }
            }
            case SUBMIT -> {
                if (!settling) {
                    submitTransactions();
                    schedule(ev.time() + rng.nextLong(5 * MILLI, 150 * MILLI), Kind.SUBMIT, 0, 0, 0, null, false);
                }
            }
            case CHAOS -> {
                if (!settling) {
                    chaos();
                    schedule(ev.time() + rng.nextLong(100 * MILLI, 1500 * MILLI), Kind.CHAOS, 0, 0, 0, null, false);
                }
            }
            case SNAPSHOT_STATUS -> {
                if (n != null && n.alive() && n.incarnation == ev.incarnation()) {
                    n.raft.reportSnapshot(ev.other(), ev.flag());
                }
            }
            case UNREACHABLE -> {
                if (n != null && n.alive() && n.incarnation == ev.incarnation()) {
                    n.raft.reportUnreachable(ev.other());
                }
            }
            default -> throw new IllegalStateException("unknown event " + ev.kind());
        }
    }

    private void submitTransactions() {
        int count = 1 + rng.nextInt(3);
        for (int i = 0; i < count; i++) {
            byte[] tx = ByteBuffer.allocate(16).putLong(seed).putLong(++txCounter).array();
            ByteBuffer k = txKey(tx);
            submitted.put(k, tx);
            // gossiped to every node (a node that is down receives it when it is back)
            for (SimNode node : nodes.values()) {
                if (!node.chainHashes.isEmpty()) {
                    node.pool.put(k, tx);
                }
            }
        }
        // the pool is gossiped to every node: new transactions ask each minter for a block
        for (SimNode node : nodes.values()) {
            if (node.alive() && node.raft.isLeader()) {
                node.throttle.request();
            }
        }
    }

    // ------------------------------------------------------------------ the network

    private boolean cut(long from, long to) {
        return !side.getOrDefault(from, 0).equals(side.getOrDefault(to, 0)) || oneWayCuts.contains(from * 1000 + to);
    }

    private void send(SimNode from, Message m) {
        if (cut(from.id, m.to())) {
            if (rng.nextInt(3) == 0) {
                schedule(clock.nanos() + MILLI, Kind.UNREACHABLE, from.id, from.incarnation, m.to(), null, false);
            }
            snapshotOutcome(from, m, false);
            return;
        }
        if (rng.nextDouble() < dropRate) {
            snapshotOutcome(from, m, false);
            return;
        }
        long delay = MILLI + rng.nextLong(20 * MILLI);
        if (rng.nextInt(20) == 0) {
            delay += rng.nextLong(400 * MILLI);
        }
        schedule(clock.nanos() + delay, Kind.DELIVER, 0, 0, 0, m, false);
        if (rng.nextDouble() < duplicateRate) {
            schedule(clock.nanos() + MILLI + rng.nextLong(200 * MILLI), Kind.DELIVER, 0, 0, 0, m, false);
        }
        snapshotOutcome(from, m, true);
    }

    private void snapshotOutcome(SimNode from, Message m, boolean sent) {
        if (m.type() == MessageType.SNAPSHOT) {
            schedule(clock.nanos() + 30 * MILLI, Kind.SNAPSHOT_STATUS, from.id, from.incarnation, m.to(), null, sent);
        }
    }

    private void deliver(Message m) {
        SimNode to = nodes.get(m.to());
        if (to == null || !to.alive() || to.removed || to.removedIds.contains(m.from())) {
            // GoQuorum's transport refuses messages from removed members
            return;
        }
        to.raft.step(m);
    }

    // ------------------------------------------------------------------ the driver

    private void start(SimNode n) {
        n.incarnation++;
        RaftConfig config = new RaftConfig(n.id, template.electionTicks(), template.heartbeatTicks(), true, true,
                template.maxSizePerMsg(), template.maxInflightMsgs(), template.maxCommittedSizePerReady(), n.appliedIndex);
        n.raft = RaftNode.start(config, n.storage, new SplittableRandom(rng.nextLong()));
        n.speculative = new SpeculativeChain(n.head());
        n.throttle = new MintThrottle(MintThrottle.DEFAULT_BLOCK_TIME, clock);
        n.mintScheduled = false;
        n.lastRole = Role.FOLLOWER;
        schedule(clock.nanos() + rng.nextLong(TICK), Kind.TICK, n.id, n.incarnation, 0, null, false);
        note(() -> "start " + n.id + " applied " + n.appliedIndex);
    }

    private void crash(SimNode n, String where) {
        n.raft = null;
        n.speculative = null;
        n.throttle = null;
        crashes++;
        note(() -> "crash " + n.id + " " + where);
    }

    private void restart(SimNode n) {
        Snapshot stored = n.storage.snapshot();
        if (stored.index() > n.appliedIndex) {
            // crashed after persisting a snapshot, before installing it: install it first
            installSnapshot(n, stored);
        }
        start(n);
    }

    private void processReadies() {
        boolean moved = true;
        while (moved) {
            moved = false;
            for (SimNode n : nodes.values()) {
                if (n.alive() && n.raft.hasReady()) {
                    processReady(n);
                    moved = true;
                }
            }
        }
        for (SimNode n : nodes.values()) {
            if (n.alive() && n.raft.isLeader() && n.throttle.isRequested() && !n.mintScheduled) {
                n.mintScheduled = true;
                schedule(clock.nanos() + n.throttle.nanosUntilDue(), Kind.MINT, n.id, n.incarnation, 0, null, false);
            }
        }
    }

    private void processReady(SimNode n) {
        Ready rd = n.raft.ready();
        // 1. persist
        persist(n, rd);
        if (!settling && rng.nextInt(400) == 0) {
            crash(n, "after persisting a Ready");
            return;
        }
        // 2. send
        for (Message m : rd.messages()) {
            send(n, m);
        }
        if (!settling && rng.nextInt(400) == 0) {
            crash(n, "after sending a Ready");
            return;
        }
        // 3. apply
        rd.softState().ifPresent(s -> roleChanged(n, s));
        rd.snapshot().ifPresent(s -> installSnapshot(n, s));
        boolean membershipChanged = false;
        for (Entry e : rd.committedEntries()) {
            if (!settling && rng.nextInt(2000) == 0) {
                crash(n, "while applying entry " + e.index());
                return;
            }
            membershipChanged |= apply(n, e);
            if (n.removed) {
                // GoQuorum stops a node once it applied its own removal
                note(() -> "node " + n.id + " removed itself at " + e.index());
                n.raft = null;
                return;
            }
        }
        // 4. advance
        n.raft.advance(rd);
        maybeSnapshot(n, membershipChanged);
    }

    private void persist(SimNode n, Ready rd) {
        n.storage.persist(rd);
        for (Entry e : rd.entries()) {
            checkLogMatching(n, e);
        }
        if (rd.hardState().isPresent()) {
            HardState hs = rd.hardState().get();
            HardState old = n.persisted;
            check(hs.term() >= old.term(), () -> "node " + n.id + " lowered its term " + old.term() + " -> " + hs.term());
            check(hs.term() != old.term() || old.vote() == 0 || hs.vote() == old.vote(), () ->
                    "node " + n.id + " voted twice in term " + hs.term() + ": " + old.vote() + " then " + hs.vote());
            check(hs.commit() >= old.commit(), () -> "node " + n.id + " lowered its commit " + old.commit() + " -> " + hs.commit());
            for (long i = Math.max(old.commit() + 1, n.storage.firstIndex()); i <= hs.commit(); i++) {
                recordCommitted(n, n.storage.entries(i, i + 1, Long.MAX_VALUE).get(0));
            }
            n.persisted = hs;
        }
    }

    private void roleChanged(SimNode n, SoftState s) {
        if (s.role() == Role.LEADER && n.lastRole != Role.LEADER) {
            // minter.start: fresh speculation on the applied head, and look at the pool at once
            n.speculative.reset(n.head());
            n.throttle.request();
        } else if (s.role() != Role.LEADER && n.lastRole == Role.LEADER) {
            // minter.stop
            n.speculative.reset(n.head());
            n.throttle.cancel();
        }
        n.lastRole = s.role();
    }

    /** Applies one committed entry; true when it changed the membership. */
    private boolean apply(SimNode n, Entry e) {
        check(e.index() == n.appliedIndex + 1, () -> "node " + n.id + " applies " + e.index() + " after " + n.appliedIndex);
        Object outcome;
        boolean membership = false;
        if (e.type() == EntryType.CONF_CHANGE) {
            ConfChange cc = RaftCodec.decodeConfChange(e.data());
            String kind = switch (cc.type()) {
                case ADD_NODE -> n.raft.confState().learners().contains(cc.nodeId()) ? "promote learner"
                        : n.raft.confState().voters().contains(cc.nodeId()) ? "add voter again" : "add voter";
                case ADD_LEARNER_NODE -> "add learner";
                case REMOVE_NODE -> cc.nodeId() == n.raft.leader() ? "remove the leader" : "remove";
            };
            ConfState after = n.raft.applyConfChange(cc);
            if (cc.type() == ConfChangeType.REMOVE_NODE) {
                n.removedIds.add(cc.nodeId());
                if (cc.nodeId() == n.id) {
                    n.removed = true;
                }
            }
            outcome = List.of(cc, after);
            membership = true;
            if (!outcomeAt.containsKey(e.index())) {
                membershipChanges++;
                changes.merge(kind, 1, Integer::sum);
            }
        } else if (e.dataLength() == 0) {
            outcome = "empty";
        } else {
            Block block = blockOf(e);
            BlockRace.Verdict verdict = BlockRace.judge(block.header(), n.head().hash(), h -> n.chainHashes.contains(key(h)));
            outcome = List.of(verdict, key(block.hash()));
            switch (verdict) {
                case EXTENDS -> importBlock(n, block);
                case NON_EXTENDING -> {
                    if (outcomeAt.get(e.index()) == null) {
                        noOps++;
                    }
                    if (n.speculative != null) {
                        n.speculative.unwindFrom(block, n.head());
                        if (n.raft.isLeader()) {
                            n.throttle.request();
                        }
                    }
                }
                case ALREADY_IN_CHAIN -> {
                    // nothing to do
                }
                default -> throw new IllegalStateException("unknown verdict " + verdict);
            }
        }
        Object agreed = outcomeAt.putIfAbsent(e.index(), outcome);
        check(agreed == null || agreed.equals(outcome), () ->
                "nodes disagree on entry " + e.index() + ": " + agreed + " vs " + outcome + " at node " + n.id);
        n.appliedIndex = e.index();
        return membership;
    }

    private void importBlock(SimNode n, Block block) {
        check(block.header().number() == n.head().header().number() + 1, () -> "block number gap at node " + n.id);
        int height = n.chain.size();
        if (height < canonical.size()) {
            check(Arrays.equals(canonical.get(height).hash(), block.hash()), () ->
                    "node " + n.id + " forks at height " + height + ": " + hex(block.hash()) + " vs canonical "
                            + hex(canonical.get(height).hash()));
        } else {
            canonical.add(block);
            for (byte[] tx : block.transactions()) {
                ByteBuffer k = txKey(tx);
                check(canonicalTx.add(k), () -> "transaction included twice, again at height " + height);
            }
        }
        for (byte[] tx : block.transactions()) {
            n.pool.remove(txKey(tx));
        }
        n.chain.add(block);
        n.chainHashes.add(key(block.hash()));
        if (n.speculative != null) {
            if (n.raft.isLeader()) {
                n.speculative.accept(block);
                n.throttle.request();
            } else {
                n.speculative.setHead(block);
            }
        }
    }

    private void mint(SimNode n) {
        n.throttle.minted();
        List<byte[]> txs = new ArrayList<>();
        for (Map.Entry<ByteBuffer, byte[]> e : n.pool.entrySet()) {
            if (txs.size() == MAX_TX_PER_BLOCK) {
                break;
            }
            if (!n.speculative.isProposed(e.getKey().array())) {
                txs.add(e.getValue());
            }
        }
        if (txs.isEmpty()) {
            return;
        }
        Block parent = n.speculative.head();
        BlockHeader header = BlockHeader.builder()
                .parentHash(parent.hash())
                .number(parent.header().number() + 1)
                .timestamp(RaftTimestampUnit.NANOSECONDS.blockTimestamp(clock.instant(), parent.header().timestamp()))
                .coinbase(Address.ofLong(n.id))
                .build();
        Block block = new Block(header, txs, List.of(), null);
        n.speculative.extend(block);
        note(() -> "node " + n.id + " mints " + header.number() + " " + hex(block.hash()) + " on " + hex(parent.hash()));
        if (!n.raft.propose(block.encode())) {
            n.speculative.reset(n.head());
        }
    }

    private void installSnapshot(SimNode n, Snapshot s) {
        ByteBuffer data = ByteBuffer.wrap(s.data());
        int height = data.getInt();
        byte[] head = new byte[32];
        data.get(head);
        check(height < canonical.size() && Arrays.equals(canonical.get(height).hash(), head), () ->
                "snapshot at " + s.index() + " names a head off the canonical chain");
        // GoQuorum: the snapshot carries the head hash; the node downloads the chain up to it
        n.chain.clear();
        n.chainHashes.clear();
        for (int h = 0; h <= height; h++) {
            n.chain.add(canonical.get(h));
            n.chainHashes.add(key(canonical.get(h).hash()));
            for (byte[] tx : canonical.get(h).transactions()) {
                n.pool.remove(txKey(tx));
            }
        }
        n.appliedIndex = s.index();
        if (n.speculative != null) {
            n.speculative.reset(n.head());
        }
        snapshotsInstalled++;
        note(() -> "node " + n.id + " installs snapshot " + s.index() + " height " + height);
    }

    private void maybeSnapshot(SimNode n, boolean membershipChanged) {
        long every = 5 + (seed & 15);
        long last = n.storage.snapshot().index();
        if (n.appliedIndex > last && (membershipChanged || n.appliedIndex - last >= every)) {
            n.storage.createSnapshot(n.appliedIndex, n.raft.confState(), snapshotData(n.head(), n.chain.size() - 1));
            long keep = rng.nextInt(4);
            n.storage.compact(Math.max(n.storage.firstIndex() - 1, n.appliedIndex - keep));
        }
    }

    private static byte[] snapshotData(Block head, int height) {
        return ByteBuffer.allocate(36).putInt(height).put(head.hash()).array();
    }

    // ------------------------------------------------------------------ chaos

    private void chaos() {
        int action = rng.nextInt(100);
        List<SimNode> live = new ArrayList<>();
        List<SimNode> down = new ArrayList<>();
        for (SimNode n : nodes.values()) {
            if (!n.removed) {
                (n.alive() ? live : down).add(n);
            }
        }
        if (action < 12 && live.size() > 1) {
            SimNode victim = live.get(rng.nextInt(live.size()));
            crash(victim, "by chaos");
        } else if (action < 20) {
            SimNode leader = currentLeaderOrNull();
            if (leader != null) {
                crash(leader, "(the leader) by chaos");
            }
        } else if (action < 38 && !down.isEmpty()) {
            restart(down.get(rng.nextInt(down.size())));
        } else if (action < 48) {
            side.clear();
            int groups = 2 + rng.nextInt(2);
            for (SimNode n : nodes.values()) {
                side.put(n.id, rng.nextInt(groups));
            }
            note(() -> "partition " + side);
        } else if (action < 58) {
            side.clear();
            oneWayCuts.clear();
            note(() -> "heal");
        } else if (action < 62) {
            long a = 1 + rng.nextLong(nextNodeId);
            long b = 1 + rng.nextLong(nextNodeId);
            oneWayCuts.add(a * 1000 + b);
            note(() -> "cut " + a + " -> " + b);
        } else if (action < 70) {
            dropRate = new double[] {0, 0.02, 0.1, 0.3}[rng.nextInt(4)];
            duplicateRate = new double[] {0, 0.05, 0.2}[rng.nextInt(3)];
            note(() -> "drop " + dropRate + " duplicate " + duplicateRate);
        } else if (options.membershipChanges()) {
            changeMembership();
        }
    }

    private void changeMembership() {
        SimNode leader = currentLeaderOrNull();
        if (leader == null) {
            return;
        }
        ConfState cs = leader.raft.confState();
        int kind = !cs.learners().isEmpty() && rng.nextInt(3) == 0 ? 2 : rng.nextInt(4);
        ConfChange cc;
        if (kind == 0 && cs.voters().size() + cs.learners().size() < 7) {
            cc = new ConfChange(ConfChangeType.ADD_LEARNER_NODE, join().id);
        } else if (kind == 1 && cs.voters().size() < 6) {
            cc = new ConfChange(ConfChangeType.ADD_NODE, join().id);
        } else if (kind == 2 && !cs.learners().isEmpty()) {
            cc = new ConfChange(ConfChangeType.ADD_NODE, pick(cs.learners()));
        } else if (kind == 3 && cs.voters().size() >= 4) {
            // a third of the removals remove the leader itself
            cc = new ConfChange(ConfChangeType.REMOVE_NODE, rng.nextInt(3) == 0 ? leader.id : pick(cs.voters()));
        } else if (kind == 3 && !cs.learners().isEmpty()) {
            cc = new ConfChange(ConfChangeType.REMOVE_NODE, pick(cs.learners()));
        } else {
            return;
        }
        note(() -> "node " + leader.id + " proposes " + cc);
        leader.raft.proposeConfChange(cc);
    }

    private long pick(Set<Long> ids) {
        List<Long> list = new ArrayList<>(ids);
        return list.get(rng.nextInt(list.size()));
    }

    /** A new node with an empty storage, started: it waits for the leader (GoQuorum's raftjoinexisting). */
    private SimNode join() {
        SimNode n = new SimNode(++nextNodeId);
        n.chain.add(genesis);
        n.chainHashes.add(key(genesis.hash()));
        n.appliedIndex = 0;
        // a new peer is sent the pending transactions when it connects
        submitted.forEach((k, tx) -> {
            if (!canonicalTx.contains(k)) {
                n.pool.put(k, tx);
            }
        });
        nodes.put(n.id, n);
        start(n);
        return n;
    }

    // ------------------------------------------------------------------ invariants

    private void checkLogMatching(SimNode n, Entry e) {
        Map<Long, Entry> byTerm = entryAt.computeIfAbsent(e.index(), i -> new HashMap<>());
        Entry known = byTerm.putIfAbsent(e.term(), e);
        check(known == null || known.equals(e), () -> "two different entries at " + e.index() + " in term " + e.term());
        if (e.index() >= n.storage.firstIndex()) {
            long prevTerm = n.storage.term(e.index() - 1);
            long keyIt = e.index() * 1_000_003L + e.term();
            Long knownPrev = prevTermAt.putIfAbsent(keyIt, prevTerm);
            check(knownPrev == null || knownPrev == prevTerm, () -> "log matching: entry " + e.index() + "@" + e.term()
                    + " follows term " + prevTerm + " at node " + n.id + " but term " + knownPrev + " elsewhere");
        }
    }

    private void recordCommitted(SimNode n, Entry e) {
        Entry known = committed.putIfAbsent(e.index(), e);
        check(known == null || known.equals(e), () -> "committed entry " + e.index() + " changed at node " + n.id + ": " + known
                + " vs " + e);
        maxCommitted = Math.max(maxCommitted, e.index());
    }

    private void checkInvariants() {
        for (SimNode n : nodes.values()) {
            if (!n.alive()) {
                continue;
            }
            RaftNode r = n.raft;
            if (r.isLeader()) {
                Long previous = leaderOfTerm.putIfAbsent(r.term(), n.id);
                check(previous == null || previous == n.id, () -> "two leaders in term " + r.term() + ": " + previous + " and " + n.id);
                if (previous == null) {
                    checkLeaderCompleteness(n);
                }
            }
            check(n.appliedIndex <= r.commitIndex(), () -> "node " + n.id + " applied " + n.appliedIndex + " beyond its commit "
                    + r.commitIndex());
            check(n.appliedIndex <= Math.max(n.persisted.commit(), n.storage.snapshot().index()), () ->
                    "node " + n.id + " applied beyond its persisted commit");
        }
    }

    private void checkLeaderCompleteness(SimNode leader) {
        long first = leader.raft.firstIndex();
        for (long i = first; i <= maxCommitted; i++) {
            Entry e = committed.get(i);
            long index = i;
            if (e != null) {
                check(leader.raft.logTerm(index) == e.term(), () -> "leader " + leader.id + " of term " + leader.raft.term()
                        + " lacks committed entry " + index + "@" + e.term() + " (has term " + leader.raft.logTerm(index) + ")");
            }
        }
    }

    private boolean converged() {
        SimNode leader = currentLeaderOrNull();
        if (leader == null || !leader.pool.isEmpty() || canonicalTx.size() != submitted.size()) {
            return false;
        }
        RaftNode lr = leader.raft;
        if (lr.appliedIndex() != lr.lastIndex() || leader.appliedIndex != lr.lastIndex()
                || leader.speculative.pendingBlocks() > 0) {
            return false;
        }
        ConfState cs = lr.confState();
        for (long id : cs.voters()) {
            if (!caughtUp(nodes.get(id), leader)) {
                return false;
            }
        }
        for (long id : cs.learners()) {
            if (!caughtUp(nodes.get(id), leader)) {
                return false;
            }
        }
        return true;
    }

    private static boolean caughtUp(SimNode n, SimNode leader) {
        return n != null && n.alive() && n.appliedIndex == leader.appliedIndex
                && Arrays.equals(n.head().hash(), leader.head().hash());
    }

    private SimNode currentLeaderOrNull() {
        SimNode found = null;
        for (SimNode n : nodes.values()) {
            if (n.alive() && n.raft.isLeader()) {
                if (found == null || n.raft.term() > found.raft.term()) {
                    found = n;
                }
            }
        }
        return found;
    }

    private SimNode currentLeader() {
        SimNode leader = currentLeaderOrNull();
        if (leader == null) {
            throw failure("no leader", null);
        }
        return leader;
    }

    private void check(boolean condition, java.util.function.Supplier<String> what) {
        if (!condition) {
            throw failure(what.get(), null);
        }
    }

    private Failure failure(String what, Throwable cause) {
        String message = "Raft simulation seed " + seed + " failed at step " + steps + ", virtual time "
                + Duration.ofNanos(clock.nanos() - START) + ": " + what
                + "\n  replay: mvn -pl quorum-jpa,quorum-ejb test -Dtest=RaftSimulationTest -Draft.sim.seed=" + seed
                + " -Draft.sim.chaosSeconds=" + options.chaosNanos() / 1_000_000_000L
                + (options.trace() ? "\n  last events:\n    " + String.join("\n    ", trace) : "");
        return new Failure(message, cause);
    }

    private String describe() {
        StringBuilder s = new StringBuilder();
        for (SimNode n : nodes.values()) {
            s.append("\n    node ").append(n.id).append(n.removed ? " removed" : n.alive() ? "" : " down")
                    .append(" applied ").append(n.appliedIndex).append(" height ").append(n.chain.size() - 1);
            if (n.alive()) {
                s.append(' ').append(n.raft).append(' ').append(n.raft.confState());
                if (n.raft.isLeader()) {
                    s.append(' ').append(n.raft.progressDescription());
                }
            }
            s.append(" snapshot ").append(n.storage.snapshot().index()).append(" first ").append(n.storage.firstIndex());
        }
        s.append("\n    included ").append(canonicalTx.size()).append('/')
                .append(submitted.size());
        return s.toString();
    }

    private void note(java.util.function.Supplier<String> event) {
        if (options.trace()) {
            trace.addLast(Duration.ofNanos(clock.nanos() - START).toMillis() + " ms: " + event.get());
            if (trace.size() > 300) {
                trace.removeFirst();
            }
        }
    }

    /** Keccak of a transaction, computed once per transaction for the whole run. */
    private ByteBuffer txKey(byte[] tx) {
        return txHashes.computeIfAbsent(ByteBuffer.wrap(tx), t -> key(Keccak.keccak256(tx)));
    }

    /** The block in an entry, decoded once per distinct entry for the whole run. */
    private Block blockOf(Entry e) {
        byte[] data = e.data();
        return blocks.computeIfAbsent(ByteBuffer.wrap(data), d -> Block.decode(data));
    }

    private static ByteBuffer key(byte[] hash) {
        return ByteBuffer.wrap(hash);
    }

    private static String hex(byte[] hash) {
        return org.quorumee.core.bytes.Hex.encodeNoPrefix(hash).substring(0, 8);
    }
}
