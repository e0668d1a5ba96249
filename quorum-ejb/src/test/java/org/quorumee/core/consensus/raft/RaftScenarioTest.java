package org.quorumee.core.consensus.raft;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Scripted scenarios with exact expectations (etcd style): elections, replication, pre-vote and
 * check-quorum under partitions, membership changes (the leader removed, learners and the quorum),
 * snapshots. Each step is delivered by {@link ScriptedCluster}, so nothing depends on timing.
 */
class RaftScenarioTest {
    private static final int T = RaftConfig.DEFAULT_ELECTION_TICKS;

    @Test
    void electsALeaderThatReplicatesToAll() {
        ScriptedCluster c = ScriptedCluster.ofVoters(3, true);
        c.elect(1);
        // pre-vote polls at term 2 without raising the term; the real election then runs at term 2
        for (long id = 1; id <= 3; id++) {
            assertEquals(2, c.node(id).term());
            assertEquals(1, c.node(id).leader());
        }
        assertTrue(c.propose(1, "a"));
        assertTrue(c.propose(2, "b")); // forwarded by a follower to the leader
        for (long id = 1; id <= 3; id++) {
            assertEquals(List.of("a", "b"), c.applied(id));
        }
    }

    @Test
    void aFollowerWithoutLeaderDropsProposals() {
        ScriptedCluster c = ScriptedCluster.ofVoters(3, true);
        assertFalse(c.propose(2, "lost"));
    }

    @Test
    void preVoteKeepsAPartitionedNodeFromRaisingItsTerm() {
        ScriptedCluster c = ScriptedCluster.ofVoters(3, true);
        c.elect(1);
        c.propose(1, "a");
        c.isolate(3);
        c.tick(3, 3 * T);
        // it polled, lost (nobody answered), and polls again; its term never moved
        assertEquals(Role.PRE_CANDIDATE, c.node(3).role());
        assertEquals(2, c.node(3).term());

        c.heal();
        c.tickAll(1); // the leader's heartbeat reaches it
        assertEquals(Role.FOLLOWER, c.node(3).role());
        assertEquals(1, c.node(3).leader());
        assertEquals(1, c.leader());
        assertEquals(2, c.node(1).term());
        c.propose(1, "b");
        assertEquals(List.of("a", "b"), c.applied(3));
    }

    @Test
    void withoutPreVoteAPartitionedNodeDisruptsTheLeaderWhenItReturns() {
        ScriptedCluster c = ScriptedCluster.ofVoters(3, false);
        c.elect(1);
        c.propose(1, "a");
        c.isolate(3);
        c.tick(3, 3 * T);
        assertEquals(Role.CANDIDATE, c.node(3).role());
        long raised = c.node(3).term();
        assertTrue(raised > 2, "every lost election raises its term: " + raised);

        c.heal();
        c.campaign(3); // its next election reaches the others
        // its higher term deposes the leader; its log lacks nothing here but the term changed for all
        assertTrue(c.node(1).term() > 2);
        assertNotEquals(2, c.node(2).term());
    }

    @Test
    void checkQuorumMakesACutOffLeaderStepDown() {
        ScriptedCluster c = ScriptedCluster.ofVoters(3, true);
        c.elect(1);
        c.isolate(1);
        // the first check still counts the answers of the election; the second finds nobody
        c.tick(1, 2 * T);
        assertEquals(Role.FOLLOWER, c.node(1).role());
        assertEquals(0, c.node(1).leader());
        assertEquals(2, c.node(1).term());

        ScriptedCluster plain = ScriptedCluster.ofVoters(3, false);
        plain.elect(1);
        plain.isolate(1);
        plain.tick(1, 5 * T);
        assertEquals(Role.LEADER, plain.node(1).role());
    }

    @Test
    void aFollowerInTheLeaseIgnoresADisruptiveCandidate() {
        ScriptedCluster c = ScriptedCluster.ofVoters(3, true);
        c.elect(1);
        // node 3 asks for votes while the leader is alive: node 2 heard from the leader within an
        // election timeout and neither grants nor raises its term
        c.campaign(3);
        assertEquals(1, c.leader());
        assertEquals(2, c.node(2).term());
        assertEquals(2, c.node(1).term());
    }

    @Test
    void removingTheLeaderMakesItStepDownAndTheOthersElectANewOne() {
        ScriptedCluster c = ScriptedCluster.ofVoters(3, true);
        c.elect(1);
        c.propose(1, "a");
        assertTrue(c.proposeConfChange(1, new ConfChange(ConfChangeType.REMOVE_NODE, 1)));

        RaftNode old = c.node(1);
        assertEquals(Role.FOLLOWER, old.role());
        assertEquals(0, old.leader());
        assertEquals(Set.of(2L, 3L), old.confState().voters());
        assertEquals(Set.of(2L, 3L), c.node(2).confState().voters());
        assertEquals(Set.of(2L, 3L), c.node(3).confState().voters());

        // the removed node is no voter of its own membership: it never campaigns again
        c.tick(1, 5 * T);
        assertEquals(Role.FOLLOWER, old.role());
        assertEquals(2, old.term());

        c.tickAll(3 * T);
        long leader = c.leader();
        assertTrue(leader == 2 || leader == 3, "new leader " + leader);
        assertTrue(c.node(leader).term() > 2);
        c.propose(leader, "b");
        assertEquals(List.of("a", "b"), c.applied(2));
        assertEquals(List.of("a", "b"), c.applied(3));
        assertEquals(List.of("a"), c.applied(1));
    }

    @Test
    void aLearnerDoesNotCountTowardTheQuorum() {
        ScriptedCluster c = ScriptedCluster.ofVoters(3, true);
        c.elect(1);
        c.join(4);
        c.proposeConfChange(1, new ConfChange(ConfChangeType.ADD_LEARNER_NODE, 4));
        c.tickAll(2); // a heartbeat finds the learner; it is sent the snapshot taken at the change
        c.propose(1, "a");
        assertEquals(List.of("a"), c.applied(4));
        assertTrue(c.node(4).isLearner());
        assertEquals(new ConfState(new TreeSet<>(List.of(1L, 2L, 3L)), new TreeSet<>(List.of(4L))), c.node(4).confState());

        // (a) 3 voters + a learner: stop the learner and one voter, the other two still commit
        c.stop(4);
        c.stop(3);
        long commit = c.node(1).commitIndex();
        c.propose(1, "b");
        assertEquals(commit + 1, c.node(1).commitIndex());
        assertEquals(List.of("a", "b"), c.applied(2));

        // (b) promoted, 4 voters: stop two and nothing commits
        c.restart(3);
        c.restart(4);
        c.tickAll(2);
        assertTrue(c.proposeConfChange(1, new ConfChange(ConfChangeType.ADD_NODE, 4)));
        c.tickAll(2);
        assertEquals(Set.of(1L, 2L, 3L, 4L), c.node(1).confState().voters());
        assertFalse(c.node(4).isLearner());
        assertEquals(List.of("a", "b"), c.applied(4));
        c.stop(4);
        c.stop(3);
        commit = c.node(1).commitIndex();
        assertTrue(c.propose(1, "c"));
        c.tickAll(3);
        assertEquals(commit, c.node(1).commitIndex());
        assertEquals(List.of("a", "b"), c.applied(1));
        // a third voter back: it commits
        c.restart(3);
        c.tickAll(3);
        assertEquals(List.of("a", "b", "c"), c.applied(1));
        assertEquals(List.of("a", "b", "c"), c.applied(3));
    }

    @Test
    void aLearnerNeverCampaignsAndAPromotedOneMay() {
        ScriptedCluster c = ScriptedCluster.ofVoters(3, true);
        c.elect(1);
        c.join(4);
        c.proposeConfChange(1, new ConfChange(ConfChangeType.ADD_LEARNER_NODE, 4));
        c.tickAll(2);
        c.isolate(4);
        c.tick(4, 5 * T);
        assertEquals(Role.FOLLOWER, c.node(4).role());
        assertEquals(2, c.node(4).term());
        c.heal();
        c.proposeConfChange(1, new ConfChange(ConfChangeType.ADD_NODE, 4));
        c.tickAll(1);
        c.isolate(4);
        c.tick(4, 3 * T);
        assertEquals(Role.PRE_CANDIDATE, c.node(4).role());
    }

    @Test
    void aLeaderTakesOneMembershipChangeAtATime() {
        ScriptedCluster c = ScriptedCluster.ofVoters(3, true);
        c.elect(1);
        c.join(4);
        c.join(5);
        RaftNode leader = c.node(1);
        assertTrue(leader.proposeConfChange(new ConfChange(ConfChangeType.ADD_LEARNER_NODE, 4)));
        // the first is not applied yet: the second becomes an empty entry
        assertTrue(leader.proposeConfChange(new ConfChange(ConfChangeType.ADD_LEARNER_NODE, 5)));
        c.stabilize();
        assertEquals(Set.of(4L), c.node(1).confState().learners());
        assertEquals(Set.of(4L), c.node(2).confState().learners());
        // applied now: the next one goes through
        assertTrue(c.proposeConfChange(1, new ConfChange(ConfChangeType.ADD_LEARNER_NODE, 5)));
        assertEquals(Set.of(4L, 5L), c.node(1).confState().learners());
    }

    @Test
    void aLaggingFollowerCatchesUpFromASnapshot() {
        ScriptedCluster c = ScriptedCluster.ofVoters(3, true);
        c.snapshotEvery = 5;
        c.elect(1);
        c.stop(3);
        for (int i = 0; i < 20; i++) {
            c.propose(1, "e" + i);
        }
        assertTrue(c.storage(1).firstIndex() > 5, "the leader compacted its log");
        c.restart(3);
        c.tickAll(2);
        assertEquals(c.node(1).commitIndex(), c.node(3).commitIndex());
        assertEquals(c.appliedIndex(1), c.appliedIndex(3));
        assertTrue(c.storage(3).snapshot().index() > 1, "node 3 installed a snapshot");
        c.propose(1, "after");
        assertEquals("after", c.applied(3).get(c.applied(3).size() - 1));
    }

    @Test
    void aDivergentFollowerLogIsOverwrittenByTheNewLeader() {
        ScriptedCluster c = ScriptedCluster.ofVoters(3, true);
        c.elect(1);
        c.propose(1, "a");
        c.isolate(1);
        assertTrue(c.propose(1, "x")); // appended by the cut-off leader only
        assertTrue(c.propose(1, "y"));
        c.tickAll(3 * T);
        assertEquals(Role.FOLLOWER, c.node(1).role(), "check-quorum: the cut-off leader stepped down");
        long leader = c.leader();
        assertTrue(leader == 2 || leader == 3, "a new leader among 2 and 3: " + leader);
        c.propose(leader, "z");
        c.heal();
        c.tickAll(2);
        for (long id = 1; id <= 3; id++) {
            assertEquals(List.of("a", "z"), c.applied(id), "node " + id);
        }
    }

    /**
     * The Raft paper's figure 8: an entry of an earlier term that reaches a majority is not yet
     * committed, since a leader of a later term may still overwrite it; a leader commits it only
     * with an entry of its own term. Classic Raft (no pre-vote, no check-quorum, as in the paper),
     * one entry per append so that the script controls which entries arrive.
     */
    @Test
    void aLeaderCommitsEntriesOfEarlierTermsOnlyThroughOneOfItsOwn() {
        ScriptedCluster c = ScriptedCluster.ofVoters(5, RaftConfig.defaults(1).withPreVoteAndCheckQuorum(false, false)
                .withSizes(1, 256, 1));
        c.elect(1); // term 2; its empty entry 2@2 commits everywhere
        assertEquals(2, c.node(5).commitIndex());

        // (a) node 1 appends x (3@2) and it reaches node 2 only
        c.isolate(1);
        c.heal();
        c.cut(1, 3);
        c.cut(1, 4);
        c.cut(1, 5);
        c.propose(1, "x");
        assertEquals(3, c.node(2).lastIndex());
        c.stop(1);
        c.heal();

        // (b) node 5 wins term 3 with 3 and 4, appends y (3@3 empty entry, 4@3 y) that reach nobody
        c.drop = m -> m.from() == 5 && m.type() == MessageType.APPEND;
        c.elect(5);
        assertEquals(3, c.node(5).term());
        c.propose(5, "y");
        c.stop(5);

        // (c) node 1 back, wins term 4, gets x (3@2) onto nodes 3 and 4: x is on a majority, but its
        // own empty entry 4@4 reaches nobody (an append of it is dropped where it would be taken),
        // so x must stay uncommitted
        c.drop = m -> m.from() == 1 && m.type() == MessageType.APPEND && c.node(m.to()).lastIndex() >= 3
                && m.entries().stream().anyMatch(e -> e.index() >= 4);
        c.restart(1);
        c.campaign(1);
        c.campaign(1);
        assertTrue(c.node(1).isLeader());
        assertEquals(4, c.node(1).term());
        c.tickAll(1);
        assertEquals(3, c.node(3).lastIndex());
        assertEquals(2, c.node(1).commitIndex(), "x, of term 2, is on a majority but not committed");

        // (d) node 1 fails; node 5 wins term 5 and overwrites x with its entries of term 3
        c.stop(1);
        c.drop = m -> false;
        c.restart(5);
        c.campaign(5);
        c.campaign(5);
        assertTrue(c.node(5).isLeader());
        c.tickAll(1);
        for (long id = 2; id <= 5; id++) {
            assertEquals(List.of("y"), c.applied(id), "node " + id);
        }
        assertEquals(List.of(), c.applied(1));
    }

    @Test
    void aRestartedNodeKeepsItsLogAndTermAndCatchesUp() {
        ScriptedCluster c = ScriptedCluster.ofVoters(3, true);
        c.elect(1);
        c.propose(1, "a");
        c.stop(2);
        c.propose(1, "b");
        c.restart(2);
        assertEquals(2, c.node(2).term());
        assertEquals(c.appliedIndex(2), c.node(2).appliedIndex());
        c.tickAll(1);
        assertEquals(List.of("a", "b"), c.applied(2));
        // a whole cluster restarted comes back where it was
        for (long id = 1; id <= 3; id++) {
            c.stop(id);
        }
        for (long id = 1; id <= 3; id++) {
            c.restart(id);
        }
        c.tickAll(3 * T);
        long leader = c.leader();
        assertNotEquals(0, leader);
        c.propose(leader, "c");
        for (long id = 1; id <= 3; id++) {
            assertEquals(List.of("a", "b", "c"), c.applied(id));
        }
    }
}
