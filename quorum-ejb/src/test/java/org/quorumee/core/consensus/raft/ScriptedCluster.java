package org.quorumee.core.consensus.raft;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * Raft nodes wired by method calls, for scripted scenarios (etcd's test network): messages are
 * delivered when the script says {@link #stabilize()}, links can be cut, nodes stopped and
 * restarted from their storage. Each node runs the driver's loop exactly as the package
 * documentation describes it (persist, send, apply, advance).
 */
final class ScriptedCluster {
    final TreeMap<Long, MemoryRaftStorage> storages = new TreeMap<>();
    final TreeMap<Long, RaftNode> nodes = new TreeMap<>();
    /** Data of the normal entries each node applied, in order (empty entries left out). */
    final TreeMap<Long, List<String>> applied = new TreeMap<>();
    final TreeMap<Long, Long> appliedIndex = new TreeMap<>();
    /** The normal entries with data each node applied, in order. */
    final TreeMap<Long, List<Entry>> appliedEntries = new TreeMap<>();
    final Set<Long> stopped = new HashSet<>();
    private final Set<String> cutLinks = new HashSet<>();
    private final ArrayDeque<Message> inFlight = new ArrayDeque<>();
    private final RaftConfig template;
    private final SplittableRandom random;
    /** Messages for which this returns true are dropped (a filter the script sets). */
    Predicate<Message> drop = m -> false;
    /** Take a snapshot (and compact) every this many applied entries; 0: never. */
    int snapshotEvery;

    ScriptedCluster(RaftConfig template, long seed) {
        this.template = template;
        this.random = new SplittableRandom(seed);
    }

    /** A cluster of voters 1..n, bootstrapped, with the project's default settings. */
    static ScriptedCluster ofVoters(int n, boolean preVoteAndCheckQuorum) {
        return ofVoters(n, RaftConfig.defaults(1).withPreVoteAndCheckQuorum(preVoteAndCheckQuorum, preVoteAndCheckQuorum));
    }

    /** A cluster of voters 1..n, bootstrapped, with {@code template}'s settings (its id is ignored). */
    static ScriptedCluster ofVoters(int n, RaftConfig template) {
        ScriptedCluster c = new ScriptedCluster(template, 42);
        TreeSet<Long> ids = new TreeSet<>();
        for (long id = 1; id <= n; id++) {
            ids.add(id);
        }
        ConfState founders = new ConfState(ids, new TreeSet<>());
        for (long id = 1; id <= n; id++) {
            c.bootstrap(id, founders);
        }
        return c;
    }

    void bootstrap(long id, ConfState founders) {
        MemoryRaftStorage storage = new MemoryRaftStorage();
        RaftNode.bootstrap(storage, founders, new byte[0]);
        storages.put(id, storage);
        applied.put(id, new ArrayList<>());
        appliedEntries.put(id, new ArrayList<>());
        appliedIndex.put(id, 1L);
        start(id);
    }

    /** A node joining an existing cluster: empty storage, it waits for the leader. */
    void join(long id) {
        storages.put(id, new MemoryRaftStorage());
        applied.put(id, new ArrayList<>());
        appliedEntries.put(id, new ArrayList<>());
        appliedIndex.put(id, 0L);
        start(id);
    }

    private void start(long id) {
        RaftConfig config = new RaftConfig(id, template.electionTicks(), template.heartbeatTicks(), template.preVote(),
                template.checkQuorum(), template.maxSizePerMsg(), template.maxInflightMsgs(),
                template.maxCommittedSizePerReady(), appliedIndex.get(id));
        nodes.put(id, RaftNode.start(config, storages.get(id), random.split()));
        stopped.remove(id);
    }

    /** The data of the normal entries node {@code id} applied, in order. */
    List<String> applied(long id) {
        return applied.get(id);
    }

    MemoryRaftStorage storage(long id) {
        return storages.get(id);
    }

    long appliedIndex(long id) {
        return appliedIndex.get(id);
    }

    RaftNode node(long id) {
        return nodes.get(id);
    }

    void stop(long id) {
        stopped.add(id);
    }

    /** Restarts a stopped node from its storage (its unpersisted state is lost). */
    void restart(long id) {
        start(id);
    }

    void cut(long a, long b) {
        cutLinks.add(a + "-" + b);
        cutLinks.add(b + "-" + a);
    }

    void isolate(long id) {
        for (long other : nodes.keySet()) {
            if (other != id) {
                cut(id, other);
            }
        }
    }

    void heal() {
        cutLinks.clear();
    }

    void tick(long id, int times) {
        for (int i = 0; i < times; i++) {
            nodes.get(id).tick();
            processReady(id);
        }
    }

    /** Ticks every running node once, then delivers everything. */
    void tickAll(int rounds) {
        for (int r = 0; r < rounds; r++) {
            for (long id : nodes.keySet()) {
                if (!stopped.contains(id)) {
                    nodes.get(id).tick();
                }
            }
            stabilize();
        }
    }

    void campaign(long id) {
        nodes.get(id).campaign();
        stabilize();
    }

    boolean propose(long id, String data) {
        boolean accepted = nodes.get(id).propose(data.getBytes());
        stabilize();
        return accepted;
    }

    boolean propose(long id, byte[] data) {
        boolean accepted = nodes.get(id).propose(data);
        stabilize();
        return accepted;
    }

    List<Entry> appliedEntries(long id) {
        return appliedEntries.get(id);
    }

    boolean proposeConfChange(long id, ConfChange change) {
        boolean accepted = nodes.get(id).proposeConfChange(change);
        stabilize();
        return accepted;
    }

    /** Processes Readies and delivers messages until nothing moves. */
    void stabilize() {
        for (int guard = 0; guard < 100_000; guard++) {
            boolean moved = false;
            for (long id : new ArrayList<>(nodes.keySet())) {
                moved |= processReady(id);
            }
            Message m = inFlight.poll();
            if (m != null) {
                moved = true;
                deliver(m);
            }
            if (!moved) {
                return;
            }
        }
        throw new AssertionError("the cluster did not stabilize within 100000 rounds");
    }

    private void deliver(Message m) {
        if (stopped.contains(m.to()) || !nodes.containsKey(m.to()) || cutLinks.contains(m.from() + "-" + m.to())
                || drop.test(m)) {
            return;
        }
        nodes.get(m.to()).step(m);
    }

    private boolean processReady(long id) {
        RaftNode node = nodes.get(id);
        if (stopped.contains(id) || !node.hasReady()) {
            return false;
        }
        Ready rd = node.ready();
        MemoryRaftStorage storage = storages.get(id);
        storage.persist(rd);
        inFlight.addAll(rd.messages());
        rd.snapshot().ifPresent(s -> appliedIndex.put(id, s.index()));
        for (Entry e : rd.committedEntries()) {
            appliedIndex.put(id, e.index());
            if (e.type() == EntryType.CONF_CHANGE) {
                node.applyConfChange(RaftCodec.decodeConfChange(e.data()));
                // as GoQuorum: a snapshot at every membership change, so that the latest snapshot
                // always holds the current members (a joining node needs one that names it)
                storage.createSnapshot(e.index(), node.confState(), new byte[0]);
            } else if (e.dataLength() > 0) {
                applied.get(id).add(new String(e.data()));
                appliedEntries.get(id).add(e);
            }
        }
        node.advance(rd);
        long index = appliedIndex.get(id);
        if (snapshotEvery > 0 && index - storage.snapshot().index() >= snapshotEvery) {
            storage.createSnapshot(index, node.confState(), new byte[0]);
            storage.compact(index);
        }
        return true;
    }

    /** The node that leads, failing when there is not exactly one running leader. */
    long leader() {
        long found = 0;
        for (var e : nodes.entrySet()) {
            if (!stopped.contains(e.getKey()) && e.getValue().isLeader()) {
                if (found != 0) {
                    throw new AssertionError("two leaders: " + found + " and " + e.getKey());
                }
                found = e.getKey();
            }
        }
        return found;
    }

    /** Elects {@code id}: it campaigns and everything is delivered. */
    void elect(long id) {
        campaign(id);
        if (!nodes.get(id).isLeader()) {
            throw new AssertionError("node " + id + " did not win: " + nodes.get(id));
        }
    }
}
