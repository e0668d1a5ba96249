package org.quorumee.core.consensus.raft;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.IntPredicate;

/**
 * The cluster as GoQuorum's {@code raft_*} API sees it ({@code raft/handler.go}, {@code api.go}):
 * this node's address, the other members' addresses, the permanently removed raft ids, the Raft
 * membership (voters, learners) and the leader. It turns RPC requests into {@link ConfChange}s
 * (checking them with GoQuorum's error texts), and follows the applied changes.
 *
 * <p>Raft ids are 16-bit and never reused: a new member gets {@code max(own, members, removed) + 1}.
 * Roles: {@code minter} (the leader), {@code verifier} (another voter), {@code learner}.
 * Not thread-safe: the driver's thread owns it (the RPC reads a copy or goes through the driver).
 */
public final class RaftMembership {
    /** What applying a membership change did, for the driver to act on (connect, disconnect, stop). */
    public enum Outcome {
        /** A new member: connect to it. */
        ADDED,
        /** A learner became a voter. */
        PROMOTED,
        /** Another member left: disconnect it. */
        REMOVED,
        /** This node was removed: it leaves the cluster (GoQuorum stops its Raft). */
        SELF_REMOVED,
        /** Nothing changed (a removed id re-added, a known member added again). */
        IGNORED
    }

    private final RaftPeer self;
    private final boolean dnsEnabled;
    private final TreeMap<Integer, RaftPeer> peers = new TreeMap<>();
    private final TreeSet<Integer> removed = new TreeSet<>();
    private ConfState confState;
    private long leader;

    /**
     * @param self       this node's address (its raft id included)
     * @param members    every member's address (this node's may be among them)
     * @param confState  the Raft membership (from the storage's snapshot)
     * @param removed    the permanently removed raft ids
     * @param dnsEnabled GoQuorum's {@code --raftdnsenable}: whether members may be named by host name
     */
    public RaftMembership(RaftPeer self, List<RaftPeer> members, ConfState confState, SortedSet<Integer> removed,
                          boolean dnsEnabled) {
        this.self = self;
        this.dnsEnabled = dnsEnabled;
        this.confState = confState;
        this.removed.addAll(removed);
        for (RaftPeer peer : members) {
            if (peer.raftId() != self.raftId()) {
                peers.put(peer.raftId(), peer);
            }
        }
    }

    /**
     * The founding members from {@code static-nodes.json}: raft ids 1, 2, ... in file order (every
     * node must list them in the same order).
     *
     * @throws RaftMembershipException on a malformed URL or one without {@code raftport}
     */
    public static List<RaftPeer> founders(List<String> enodeUrls) {
        List<RaftPeer> founders = new ArrayList<>();
        for (int i = 0; i < enodeUrls.size(); i++) {
            founders.add(RaftPeer.parseEnode(enodeUrls.get(i), i + 1));
        }
        return founders;
    }

    /**
     * This node as its cluster recorded it in a snapshot ({@code data}: the storage's latest), found
     * by its node id; empty when the snapshot does not name it (a node joining, or removed). On a
     * restart this is who the node is: raft ids come from positions in {@code static-nodes.json} (or
     * {@code permissioned-nodes.json}) only when a cluster is founded, and a permission revoked and
     * given back at run time moves a node to the end of {@code permissioned-nodes.json}.
     */
    public static Optional<RaftPeer> recordedSelf(String nodeIdHex, RaftSnapshotData data) {
        return data.peers().stream().filter(peer -> peer.nodeIdHex().equalsIgnoreCase(nodeIdHex)).findFirst();
    }

    /** A membership restored from a snapshot's data and membership. */
    public static RaftMembership restore(RaftPeer self, RaftSnapshotData data, ConfState confState, boolean dnsEnabled) {
        return new RaftMembership(self, data.peers(), confState, data.removedRaftIds(), dnsEnabled);
    }

    /** An independent copy (for readers on other threads: the driver publishes one after every change). */
    public RaftMembership copy() {
        RaftMembership copy = new RaftMembership(self, List.copyOf(peers.values()), confState, removed, dnsEnabled);
        copy.leader = leader;
        return copy;
    }

    /** What a snapshot taken now must carry, with the head block hash of the applied chain. */
    public RaftSnapshotData snapshotData(byte[] headBlockHash) {
        List<RaftPeer> all = new ArrayList<>(peers.values());
        if (confState.contains(self.raftId())) {
            all.add(self);
        }
        return new RaftSnapshotData(all, removed, headBlockHash);
    }

    public RaftPeer self() {
        return self;
    }

    public int raftId() {
        return self.raftId();
    }

    public ConfState confState() {
        return confState;
    }

    /** The other members' addresses, by raft id. */
    public List<RaftPeer> peers() {
        return List.copyOf(peers.values());
    }

    public SortedSet<Integer> removedRaftIds() {
        return Collections.unmodifiableSortedSet(new TreeSet<>(removed));
    }

    public boolean isRemoved(int raftId) {
        return removed.contains(raftId);
    }

    /** Records the leader Raft reports (0 for none). */
    public void setLeader(long raftId) {
        this.leader = raftId;
    }

    public long leader() {
        return leader;
    }

    private boolean isLearner(int raftId) {
        return confState.learners().contains((long) raftId);
    }

    private boolean isVerifier(int raftId) {
        return confState.voters().contains((long) raftId);
    }

    private void checkInCluster() {
        if (removed.contains(self.raftId())) {
            throw new RaftMembershipException("node not part of raft cluster. operations not allowed");
        }
    }

    /** The next raft id: one above the highest ever used (own, members, removed). */
    public int nextRaftId() {
        int max = self.raftId();
        if (!peers.isEmpty()) {
            max = Math.max(max, peers.lastKey());
        }
        if (!removed.isEmpty()) {
            max = Math.max(max, removed.last());
        }
        if (max >= 0xffff) {
            throw new RaftMembershipException("no raft id left: the highest used is " + max);
        }
        return max + 1;
    }

    /**
     * {@code raft_addPeer} / {@code raft_addLearner}: checks the URL and the cluster, assigns the
     * next raft id; the change is then proposed to Raft.
     *
     * @throws RaftMembershipException with GoQuorum's text when the request is refused
     */
    public ConfChange proposeNewPeer(String enodeUrl, boolean learner) {
        checkInCluster();
        if (isLearner(self.raftId())) {
            throw new RaftMembershipException("learner node can't add peer or learner");
        }
        EnodeUrl enode = EnodeUrl.parse(enodeUrl);
        if (!dnsEnabled) {
            if (enode.hasHostname()) {
                throw new RaftMembershipException("raft must enable dns to use hostname");
            }
            if (!enode.isIpv4()) {
                throw new RaftMembershipException("expected IPv4 address (with length 4), but got IP of length "
                        + enode.ipLength());
            }
        }
        if (!enode.hasRaftPort()) {
            throw new RaftMembershipException("enodeId is missing raftport querystring parameter: " + enodeUrl);
        }
        int raftId = nextRaftId();
        RaftPeer candidate = enode.toPeer(raftId);
        checkNotInCluster(candidate);
        return new ConfChange(learner ? ConfChangeType.ADD_LEARNER_NODE : ConfChangeType.ADD_NODE, raftId,
                candidate.toBytes());
    }

    private void checkNotInCluster(RaftPeer candidate) {
        if (Arrays.equals(self.nodeId(), candidate.nodeId())) {
            throw new RaftMembershipException("enode is this enode (self): node with this enode has already been added to the cluster: "
                    + candidate.enodeIdHash());
        }
        for (RaftPeer peer : peers.values()) {
            if (Arrays.equals(peer.nodeId(), candidate.nodeId())) {
                throw new RaftMembershipException("node with this enode has already been added to the cluster: "
                        + candidate.enodeIdHash());
            }
            if (peer.hostname().equals(candidate.hostname())) {
                if (peer.p2pPort() == candidate.p2pPort()) {
                    throw new RaftMembershipException("existing node " + peer.enodeIdHash() + " with raft ID " + peer.raftId()
                            + " is already using eth p2p at " + candidate.hostname() + ":" + candidate.p2pPort());
                }
                if (peer.raftPort() == candidate.raftPort()) {
                    throw new RaftMembershipException("existing node " + peer.enodeIdHash() + " with raft ID " + peer.raftId()
                            + " is already using raft at " + candidate.hostname() + ":" + candidate.raftPort());
                }
            }
        }
    }

    /**
     * {@code raft_removePeer}: a learner may remove only itself.
     *
     * @throws RaftMembershipException with GoQuorum's text when refused
     */
    public ConfChange proposePeerRemoval(int raftId) {
        checkInCluster();
        if (isLearner(self.raftId()) && raftId != self.raftId()) {
            throw new RaftMembershipException("learner node can't remove other peer");
        }
        return new ConfChange(ConfChangeType.REMOVE_NODE, raftId);
    }

    /**
     * {@code raft_promoteToPeer}: only a learner, and not from a learner.
     *
     * @throws RaftMembershipException with GoQuorum's text when refused
     */
    public ConfChange promoteToPeer(int raftId) {
        checkInCluster();
        if (isLearner(self.raftId())) {
            throw new RaftMembershipException("learner node can't promote to peer");
        }
        if (!isLearner(raftId)) {
            throw new RaftMembershipException(raftId + " is not a learner. only learner can be promoted to peer");
        }
        return new ConfChange(ConfChangeType.ADD_NODE, raftId);
    }

    /**
     * Follows a committed membership change, after {@link RaftNode#applyConfChange} returned
     * {@code after}. Removed ids stay removed: a change re-adding one is ignored.
     *
     * @throws RaftCodecException when an added member's context is not an address
     */
    public Outcome apply(ConfChange change, ConfState after) {
        confState = after;
        int raftId = (int) change.nodeId();
        switch (change.type()) {
            case ADD_NODE, ADD_LEARNER_NODE -> {
                if (removed.contains(raftId)) {
                    return Outcome.IGNORED;
                }
                if (raftId == self.raftId() || peers.containsKey(raftId)) {
                    return change.type() == ConfChangeType.ADD_NODE ? Outcome.PROMOTED : Outcome.IGNORED;
                }
                peers.put(raftId, RaftPeer.fromBytes(change.context()).withRaftId(raftId));
                return Outcome.ADDED;
            }
            case REMOVE_NODE -> {
                if (removed.contains(raftId)) {
                    return Outcome.IGNORED;
                }
                peers.remove(raftId);
                // also our own id: every node's snapshot must list the same removed ids
                removed.add(raftId);
                return raftId == self.raftId() ? Outcome.SELF_REMOVED : Outcome.REMOVED;
            }
            default -> throw new IllegalStateException("unknown conf change " + change.type());
        }
    }

    /** {@code raft_role}: "minter", "verifier", "learner", or "" (no leader known, or not a member). */
    public String role() {
        if (removed.contains(self.raftId()) || leader == 0) {
            return "";
        }
        return roleOf(self.raftId());
    }

    private String roleOf(int raftId) {
        if (raftId == leader) {
            return "minter";
        }
        if (isLearner(raftId)) {
            return "learner";
        }
        return isVerifier(raftId) ? "verifier" : "";
    }

    /**
     * {@code raft_leader}: the leader's node id (128 hex digits).
     *
     * @throws RaftMembershipException "no leader is currently elected"
     */
    public String leaderNodeId() {
        if (leader == self.raftId()) {
            return self.nodeIdHex();
        }
        RaftPeer peer = leader > 0 && leader <= 0xffff ? peers.get((int) leader) : null;
        if (peer == null) {
            throw new RaftMembershipException("no leader is currently elected");
        }
        return peer.nodeIdHex();
    }

    /**
     * {@code raft_cluster}: every member, this node included, by raft id; roles are "" while no
     * leader is known; empty when this node was removed.
     *
     * @param active whether the transport currently reaches a member (this node always is)
     */
    public List<RaftClusterEntry> cluster(IntPredicate active) {
        if (removed.contains(self.raftId()) || (!confState.contains(self.raftId()) && leader != self.raftId())) {
            return List.of();
        }
        List<RaftPeer> all = new ArrayList<>(peers.values());
        all.add(self);
        all.sort((a, b) -> Integer.compare(a.raftId(), b.raftId()));
        List<RaftClusterEntry> entries = new ArrayList<>();
        for (RaftPeer peer : all) {
            String role = leader == 0 ? "" : roleOf(peer.raftId());
            boolean nodeActive = peer.raftId() == self.raftId() || active.test(peer.raftId());
            entries.add(new RaftClusterEntry(peer.raftId(), peer.nodeIdHex(), peer.p2pPort(), peer.raftPort(),
                    peer.hostname(), role, nodeActive));
        }
        return entries;
    }

    /**
     * {@code raft_getRaftId}: the raft id of the member with this enode URL (or bare node id).
     *
     * @throws RaftMembershipException "node not found in the cluster: ..." or a parse error
     */
    public int raftIdOf(String enodeUrl) {
        byte[] nodeId = EnodeUrl.parse(enodeUrl).nodeId();
        for (RaftPeer peer : peers.values()) {
            if (Arrays.equals(peer.nodeId(), nodeId)) {
                return peer.raftId();
            }
        }
        if (Arrays.equals(self.nodeId(), nodeId)) {
            return self.raftId();
        }
        throw new RaftMembershipException("node not found in the cluster: " + enodeUrl);
    }
}
