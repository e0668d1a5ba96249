package org.quorumee.core.consensus.raft;

/**
 * A node's Raft settings. Times are in ticks: the driver decides how long a tick is (GoQuorum:
 * 100 ms).
 *
 * @param id                       this node's id (positive; GoQuorum's raft id)
 * @param electionTicks            T: a follower that hears nothing from a leader for a random
 *                                 timeout in [T, 2T) campaigns; a check-quorum leader steps down
 *                                 after T ticks without hearing from a quorum
 * @param heartbeatTicks           a leader sends heartbeats every this many ticks
 * @param preVote                  poll at term + 1 before campaigning, so that a node that cannot
 *                                 win (partitioned, behind) never raises the cluster's term
 * @param checkQuorum              a leader steps down when a quorum has not been heard from within
 *                                 an election timeout, and a follower that hears from a leader
 *                                 ignores vote requests for that long (the leader lease)
 * @param maxSizePerMsg            bytes of entries per append message (at least one entry is sent)
 * @param maxInflightMsgs          appends in flight to one follower before the leader waits
 * @param maxCommittedSizePerReady bytes of committed entries per {@link Ready} (at least one)
 * @param applied                  the index the application has applied (from its own storage);
 *                                 at least the snapshot's index, at most the persisted commit
 */
public record RaftConfig(long id, int electionTicks, int heartbeatTicks, boolean preVote, boolean checkQuorum,
                         long maxSizePerMsg, int maxInflightMsgs, long maxCommittedSizePerReady, long applied) {
    /** GoQuorum's election timeout: 10 ticks of 100 ms. */
    public static final int DEFAULT_ELECTION_TICKS = 10;
    /** GoQuorum's heartbeat: every tick. */
    public static final int DEFAULT_HEARTBEAT_TICKS = 1;
    /** 1 MiB: a catching-up follower gets many blocks per message (GoQuorum: 4 KiB, about one block). */
    public static final long DEFAULT_MAX_SIZE_PER_MSG = 1 << 20;
    /** GoQuorum's (and etcd's example) inflight limit. */
    public static final int DEFAULT_MAX_INFLIGHT_MSGS = 256;
    /** 8 MiB of committed blocks per Ready, so one Ready never holds an unbounded backlog. */
    public static final long DEFAULT_MAX_COMMITTED_SIZE_PER_READY = 8 << 20;

    public RaftConfig {
        if (id <= 0) {
            throw new IllegalArgumentException("node ids are positive, not " + id);
        }
        if (heartbeatTicks < 1 || electionTicks <= heartbeatTicks) {
            throw new IllegalArgumentException("need 1 <= heartbeat ticks < election ticks, not "
                    + heartbeatTicks + " and " + electionTicks);
        }
        if (maxSizePerMsg < 1 || maxInflightMsgs < 1 || maxCommittedSizePerReady < 1 || applied < 0) {
            throw new IllegalArgumentException("sizes and the inflight limit are positive, the applied index unsigned");
        }
    }

    /** The project's settings for node {@code id}: pre-vote and check-quorum on, GoQuorum's timing. */
    public static RaftConfig defaults(long id) {
        return new RaftConfig(id, DEFAULT_ELECTION_TICKS, DEFAULT_HEARTBEAT_TICKS, true, true,
                DEFAULT_MAX_SIZE_PER_MSG, DEFAULT_MAX_INFLIGHT_MSGS, DEFAULT_MAX_COMMITTED_SIZE_PER_READY, 0);
    }

    public RaftConfig withApplied(long value) {
        return new RaftConfig(id, electionTicks, heartbeatTicks, preVote, checkQuorum, maxSizePerMsg, maxInflightMsgs,
                maxCommittedSizePerReady, value);
    }

    public RaftConfig withPreVoteAndCheckQuorum(boolean newPreVote, boolean newCheckQuorum) {
        return new RaftConfig(id, electionTicks, heartbeatTicks, newPreVote, newCheckQuorum, maxSizePerMsg,
                maxInflightMsgs, maxCommittedSizePerReady, applied);
    }

    public RaftConfig withSizes(long newMaxSizePerMsg, int newMaxInflightMsgs, long newMaxCommittedSizePerReady) {
        return new RaftConfig(id, electionTicks, heartbeatTicks, preVote, checkQuorum, newMaxSizePerMsg,
                newMaxInflightMsgs, newMaxCommittedSizePerReady, applied);
    }

    public RaftConfig withTicks(int newElectionTicks, int newHeartbeatTicks) {
        return new RaftConfig(id, newElectionTicks, newHeartbeatTicks, preVote, checkQuorum, maxSizePerMsg,
                maxInflightMsgs, maxCommittedSizePerReady, applied);
    }
}
