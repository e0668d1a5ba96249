package org.quorumee.core.consensus.raft;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.quorumee.core.bytes.Hex;
import org.quorumee.core.crypto.Keccak;
import org.quorumee.core.crypto.Secp256k1;

/**
 * The {@code raft_*} membership rules with GoQuorum's answers and error texts (raft/handler.go,
 * api.go, minter_test.go): raft ids never reused, roles, learner restrictions, enode checks.
 */
class RaftMembershipTest {
    /** The enode id of GoQuorum's minter_test.go TEST_URL. */
    private static final String TEST_ID = "3d9ca5956b38557aba991e31cf510d4df641dce9cc26bfeb7de082f0c07abb6ede3a58410c8f249dabeecee4ad3979929ac4c7c496ad20b8cfdd061b7401b4f5";

    private static String id(int n) {
        return Hex.encodeNoPrefix(Secp256k1.publicKey(Hex.decode(String.format("%02x", n).repeat(32))));
    }

    private static String enode(int key, int p2pPort, int raftPort) {
        return "enode://" + id(key) + "@127.0.0.1:" + p2pPort + "?discport=0&raftport=" + raftPort;
    }

    private static final List<String> STATIC_NODES = List.of(enode(1, 21000, 50401), enode(2, 21001, 50402),
            enode(3, 21002, 50403));

    /** Node {@code self} of the three founders, with voters and learners as given. */
    private static RaftMembership membership(int self, List<Long> voters, List<Long> learners, List<Integer> removed,
                                             List<RaftPeer> extra) {
        List<RaftPeer> members = new java.util.ArrayList<>(RaftMembership.founders(STATIC_NODES));
        members.addAll(extra);
        RaftPeer me = members.stream().filter(p -> p.raftId() == self).findFirst().orElseThrow();
        return new RaftMembership(me, members, new ConfState(new TreeSet<>(voters), new TreeSet<>(learners)),
                new TreeSet<>(removed), false);
    }

    private static RaftMembership founderOne() {
        return membership(1, List.of(1L, 2L, 3L), List.of(), List.of(), List.of());
    }

    @Test
    void foundersAreNumberedInFileOrder() {
        List<RaftPeer> founders = RaftMembership.founders(STATIC_NODES);
        assertEquals(List.of(1, 2, 3), founders.stream().map(RaftPeer::raftId).toList());
        assertEquals("127.0.0.1", founders.get(1).hostname());
        assertEquals(21001, founders.get(1).p2pPort());
        assertEquals(50402, founders.get(1).raftPort());
        assertEquals(id(2), founders.get(1).nodeIdHex());
        assertEquals(STATIC_NODES.get(2), founders.get(2).enodeUrl());
    }

    @Test
    void aRestartedNodeIsTheMemberItsSnapshotRecordsWhateverItsFileSaysNow() {
        // node 1 revoked and permitted again on node 2: the file now lists 2, 3, 1
        List<String> reordered = List.of(STATIC_NODES.get(1), STATIC_NODES.get(2), STATIC_NODES.get(0));
        assertEquals(1, RaftMembership.founders(reordered).stream().filter(p -> p.nodeIdHex().equals(id(2))).findFirst()
                .orElseThrow().raftId(), "by its position node 2 would be raft id 1");
        RaftSnapshotData stored = new RaftSnapshotData(RaftMembership.founders(STATIC_NODES), new TreeSet<>(), new byte[32]);
        RaftPeer self = RaftMembership.recordedSelf(id(2).toUpperCase(), stored).orElseThrow();
        assertEquals(2, self.raftId());
        assertEquals(21001, self.p2pPort());
        // a node the snapshot does not name (joining, or removed) goes by its files
        assertTrue(RaftMembership.recordedSelf(id(4), stored).isEmpty());
    }

    @Test
    void addingAPeerAssignsTheNextIdAndCarriesItsAddress() {
        RaftMembership m = founderOne();
        String url = "enode://" + TEST_ID + "@127.0.0.1:21003?discport=0&raftport=50404";
        ConfChange add = m.proposeNewPeer(url, false);
        assertEquals(ConfChangeType.ADD_NODE, add.type());
        assertEquals(4, add.nodeId());
        RaftPeer peer = RaftPeer.fromBytes(add.context());
        assertEquals(new RaftPeer(4, Hex.decode(TEST_ID), "127.0.0.1", 21003, 50404), peer);
        ConfChange learner = m.proposeNewPeer(url, true);
        assertEquals(ConfChangeType.ADD_LEARNER_NODE, learner.type());
        assertEquals(4, learner.nodeId(), "nothing is reserved before the change applies");
    }

    @Test
    void aCopyKeepsTheStateItWasTakenWith() {
        RaftMembership m = founderOne();
        m.setLeader(1);
        RaftMembership copy = m.copy();
        m.setLeader(2);
        m.apply(new ConfChange(ConfChangeType.REMOVE_NODE, 3, new byte[0]),
                new ConfState(new TreeSet<>(List.of(1L, 2L)), new TreeSet<>()));
        assertEquals("minter", copy.role());
        assertEquals(3, copy.cluster(id -> true).size());
        assertEquals("verifier", m.role());
        assertEquals(2, m.cluster(id -> true).size());
    }

    @Test
    void raftIdsAreNeverReused() {
        RaftMembership m = membership(2, List.of(1L, 2L), List.of(), List.of(3, 7), List.of());
        assertEquals(8, m.nextRaftId(), "max(own 2, members 1..3, removed 7) + 1");
        RaftMembership peer = founderOne();
        ConfChange add = peer.proposeNewPeer(enode(9, 21009, 50409), false);
        assertEquals(RaftMembership.Outcome.ADDED, peer.apply(add, ConfState.ofVoters(1L, 2L, 3L, 4L)));
        assertEquals(RaftMembership.Outcome.REMOVED, peer.apply(new ConfChange(ConfChangeType.REMOVE_NODE, 4),
                ConfState.ofVoters(1L, 2L, 3L)));
        assertEquals(5, peer.nextRaftId(), "4 was removed: the next is 5");
        assertEquals(RaftMembership.Outcome.IGNORED, peer.apply(add, ConfState.ofVoters(1L, 2L, 3L)),
                "a change re-adding a removed id is ignored");
        assertTrue(peer.isRemoved(4));
    }

    @Test
    void enodeUrlsAreCheckedWithGoQuorumsTexts() {
        RaftMembership m = founderOne();
        assertError("enodeId is missing raftport querystring parameter: enode://" + TEST_ID + "@127.0.0.1:21003?discport=0",
                () -> m.proposeNewPeer("enode://" + TEST_ID + "@127.0.0.1:21003?discport=0", false));
        assertError("raft must enable dns to use hostname",
                () -> m.proposeNewPeer("enode://" + TEST_ID + "@node4.example:21003?raftport=50404", false));
        assertError("expected IPv4 address (with length 4), but got IP of length 16",
                () -> m.proposeNewPeer("enode://" + TEST_ID + "@[::1]:21003?raftport=50404", false));
        assertError("invalid public key (wrong length, want 128 hex chars)",
                () -> m.proposeNewPeer("enode://abcd@127.0.0.1:21003?raftport=50404", false));
        assertError("invalid URL scheme, want \"enode\"",
                () -> m.proposeNewPeer("http://" + TEST_ID + "@127.0.0.1:21003?raftport=50404", false));
        assertError("invalid raftport in query",
                () -> m.proposeNewPeer("enode://" + TEST_ID + "@127.0.0.1:21003?raftport=x", false));
        assertError("invalid port", () -> m.proposeNewPeer("enode://" + TEST_ID + "@127.0.0.1?raftport=50404", false));
        // with DNS enabled a host name is fine
        RaftMembership dns = new RaftMembership(RaftMembership.founders(STATIC_NODES).get(0),
                RaftMembership.founders(STATIC_NODES), ConfState.ofVoters(1L, 2L, 3L), new TreeSet<>(), true);
        RaftPeer named = RaftPeer.fromBytes(dns.proposeNewPeer("enode://" + TEST_ID + "@node4.example:21003?raftport=50404",
                true).context());
        assertEquals("node4.example", named.hostname());
    }

    @Test
    void aNodeCannotBeAddedTwice() {
        RaftMembership m = founderOne();
        String self = Hex.encodeNoPrefix(Keccak.keccak256(Hex.decode(id(1))));
        assertError("enode is this enode (self): node with this enode has already been added to the cluster: " + self,
                () -> m.proposeNewPeer(enode(1, 30000, 60000), false));
        String two = Hex.encodeNoPrefix(Keccak.keccak256(Hex.decode(id(2))));
        assertError("node with this enode has already been added to the cluster: " + two,
                () -> m.proposeNewPeer(enode(2, 30000, 60000), false));
        assertError("existing node " + two + " with raft ID 2 is already using eth p2p at 127.0.0.1:21001",
                () -> m.proposeNewPeer(enode(9, 21001, 60000), false));
        assertError("existing node " + two + " with raft ID 2 is already using raft at 127.0.0.1:50402",
                () -> m.proposeNewPeer(enode(9, 30000, 50402), false));
    }

    @Test
    void learnersAreRestricted() {
        RaftPeer four = new RaftPeer(4, Hex.decode(TEST_ID), "127.0.0.1", 21003, 50404);
        RaftMembership learner = membership(1, List.of(2L, 3L), List.of(1L), List.of(), List.of());
        assertError("learner node can't add peer or learner", () -> learner.proposeNewPeer(enode(9, 1, 2), false));
        assertError("learner node can't add peer or learner", () -> learner.proposeNewPeer(enode(9, 1, 2), true));
        assertError("learner node can't promote to peer", () -> learner.promoteToPeer(3));
        assertError("learner node can't remove other peer", () -> learner.proposePeerRemoval(2));
        assertEquals(new ConfChange(ConfChangeType.REMOVE_NODE, 1), learner.proposePeerRemoval(1), "but itself, yes");

        RaftMembership voter = membership(2, List.of(1L, 2L, 3L), List.of(4L), List.of(), List.of(four));
        assertError("3 is not a learner. only learner can be promoted to peer", () -> voter.promoteToPeer(3));
        ConfChange promote = voter.promoteToPeer(4);
        assertEquals(new ConfChange(ConfChangeType.ADD_NODE, 4), promote);
        assertEquals(RaftMembership.Outcome.PROMOTED, voter.apply(promote, ConfState.ofVoters(1L, 2L, 3L, 4L)));
    }

    @Test
    void rolesLeaderAndCluster() {
        RaftPeer four = new RaftPeer(4, Hex.decode(TEST_ID), "127.0.0.1", 21003, 50404);
        RaftMembership m = membership(2, List.of(1L, 2L, 3L), List.of(4L), List.of(), List.of(four));
        assertEquals("", m.role(), "no leader known");
        assertError("no leader is currently elected", m::leaderNodeId);
        assertEquals(List.of("", "", "", ""), m.cluster(id -> true).stream().map(RaftClusterEntry::role).toList());

        m.setLeader(1);
        assertEquals("verifier", m.role());
        assertEquals(id(1), m.leaderNodeId());
        List<RaftClusterEntry> cluster = m.cluster(id -> id != 3);
        assertEquals(List.of(
                new RaftClusterEntry(1, id(1), 21000, 50401, "127.0.0.1", "minter", true),
                new RaftClusterEntry(2, id(2), 21001, 50402, "127.0.0.1", "verifier", true),
                new RaftClusterEntry(3, id(3), 21002, 50403, "127.0.0.1", "verifier", false),
                new RaftClusterEntry(4, TEST_ID, 21003, 50404, "127.0.0.1", "learner", true)), cluster);
        m.setLeader(2);
        assertEquals("minter", m.role());
        assertEquals(id(2), m.leaderNodeId());

        RaftMembership learner = membership(1, List.of(2L, 3L), List.of(1L), List.of(), List.of());
        learner.setLeader(2);
        assertEquals("learner", learner.role());
    }

    @Test
    void raftIdsAreLookedUpByEnode() {
        RaftMembership m = founderOne();
        assertEquals(3, m.raftIdOf(enode(3, 1, 2)));
        assertEquals(2, m.raftIdOf("enode://" + id(2)), "a bare node id");
        assertEquals(1, m.raftIdOf(enode(1, 1, 2)));
        String unknown = "enode://" + TEST_ID + "@127.0.0.1:21003?raftport=50404";
        assertError("node not found in the cluster: " + unknown, () -> m.raftIdOf(unknown));
    }

    @Test
    void aRemovedNodeRefusesEverything() {
        RaftMembership m = founderOne();
        m.setLeader(2);
        assertEquals(RaftMembership.Outcome.SELF_REMOVED, m.apply(new ConfChange(ConfChangeType.REMOVE_NODE, 1),
                ConfState.ofVoters(2L, 3L)));
        assertEquals("", m.role());
        assertEquals(List.of(), m.cluster(id -> true));
        String text = "node not part of raft cluster. operations not allowed";
        assertError(text, () -> m.proposeNewPeer(enode(9, 1, 2), false));
        assertError(text, () -> m.proposePeerRemoval(2));
        assertError(text, () -> m.promoteToPeer(2));
    }

    @Test
    void snapshotDataRoundTrips() {
        RaftPeer four = new RaftPeer(4, Hex.decode(TEST_ID), "node4.example", 21003, 50404);
        RaftMembership m = membership(1, List.of(1L, 2L, 3L), List.of(4L), List.of(5, 6), List.of(four));
        byte[] head = Keccak.keccak256(new byte[] {1});
        RaftSnapshotData data = m.snapshotData(head);
        RaftSnapshotData decoded = RaftSnapshotData.decode(data.encode());
        assertEquals(List.of(1, 2, 3, 4), decoded.peers().stream().map(RaftPeer::raftId).toList());
        assertEquals(data.peers(), decoded.peers());
        assertEquals(new TreeSet<>(List.of(5, 6)), decoded.removedRaftIds());
        assertArrayEquals(head, decoded.headBlockHash());

        RaftMembership restored = RaftMembership.restore(RaftMembership.founders(STATIC_NODES).get(1), decoded,
                m.confState(), false);
        assertEquals(7, restored.nextRaftId());
        assertEquals(List.of(1, 3, 4), restored.peers().stream().map(RaftPeer::raftId).toList());
        assertThrows(RaftCodecException.class, () -> RaftSnapshotData.decode(new byte[] {1, (byte) 0xc0}));
        assertThrows(RaftCodecException.class, () -> RaftPeer.fromBytes(new byte[] {2, (byte) 0xc0}));
    }

    private static void assertError(String text, org.junit.jupiter.api.function.Executable call) {
        RaftMembershipException e = assertThrows(RaftMembershipException.class, call);
        assertEquals(text, e.getMessage());
    }
}
