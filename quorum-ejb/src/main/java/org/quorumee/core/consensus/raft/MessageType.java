package org.quorumee.core.consensus.raft;

/**
 * The messages Raft nodes exchange. Local happenings (ticks, campaigns, proposals made here,
 * unreachable peers) are method calls on {@link RaftNode}, not messages; only {@link #PROPOSAL}
 * travels both ways: a follower forwards a proposal it receives to its leader.
 */
public enum MessageType {
    /** Leader → follower: entries after (index, logTerm), and the leader's commit index. */
    APPEND,
    /** Follower → leader: accepted up to index, or rejected with a hint where the logs may match. */
    APPEND_RESPONSE,
    /** Candidate → voter: a vote request at term, for a log ending at (index, logTerm). */
    VOTE,
    VOTE_RESPONSE,
    /** Pre-candidate → voter: would you vote for me at term (= my term + 1)? Changes no term. */
    PRE_VOTE,
    PRE_VOTE_RESPONSE,
    /** Leader → follower: a snapshot replacing the follower's log. */
    SNAPSHOT,
    /** Leader → follower: I am alive; commit up to {@code commit}. */
    HEARTBEAT,
    HEARTBEAT_RESPONSE,
    /** Follower → leader: entries proposed at the follower (term 0: not bound to a term). */
    PROPOSAL;

    /** True for the responses a leader or candidate tallies. */
    boolean isResponse() {
        return this == APPEND_RESPONSE || this == VOTE_RESPONSE || this == PRE_VOTE_RESPONSE || this == HEARTBEAT_RESPONSE;
    }
}
