package org.quorumee.core.consensus.raft;

/**
 * What a leader knows of one member's log: {@code match}, the highest index known to be there, and
 * {@code next}, the next index to send. The state says how to send:
 * <ul>
 *   <li>{@code PROBE}: one append at a time until one is acknowledged (the follower's end is
 *   unknown);</li>
 *   <li>{@code REPLICATE}: appends stream optimistically, limited by {@link Inflights};</li>
 *   <li>{@code SNAPSHOT}: a snapshot is on its way; nothing else is sent.</li>
 * </ul>
 */
final class Progress {
    enum State { PROBE, REPLICATE, SNAPSHOT }

    long match;
    long next;
    State state = State.PROBE;
    /** The snapshot index being sent (SNAPSHOT state). */
    long pendingSnapshot;
    /** Heard from since the last check-quorum round. */
    boolean recentActive;
    /** In PROBE: an append is out and unanswered, so no other is sent until a response or heartbeat. */
    boolean probeSent;
    final Inflights inflights;
    boolean learner;

    Progress(long next, int maxInflight, boolean learner) {
        this.next = next;
        this.inflights = new Inflights(maxInflight);
        this.learner = learner;
    }

    private void resetState(State newState) {
        probeSent = false;
        pendingSnapshot = 0;
        state = newState;
        inflights.reset();
    }

    void becomeProbe() {
        if (state == State.SNAPSHOT) {
            long pending = pendingSnapshot;
            resetState(State.PROBE);
            next = Math.max(match + 1, pending + 1);
        } else {
            resetState(State.PROBE);
            next = match + 1;
        }
    }

    void becomeReplicate() {
        resetState(State.REPLICATE);
        next = match + 1;
    }

    void becomeSnapshot(long snapshotIndex) {
        resetState(State.SNAPSHOT);
        pendingSnapshot = snapshotIndex;
    }

    /** The member acknowledged up to {@code n}; true if that raised {@code match}. */
    boolean maybeUpdate(long n) {
        boolean updated = false;
        if (match < n) {
            match = n;
            updated = true;
            probeSent = false;
        }
        next = Math.max(next, n + 1);
        return updated;
    }

    /**
     * The member rejected an append after {@code rejected}; {@code matchHint} is where the logs may
     * match. True if {@code next} moved (the rejection was not stale).
     */
    boolean maybeDecrTo(long rejected, long matchHint) {
        if (state == State.REPLICATE) {
            if (rejected <= match) {
                return false;
            }
            next = match + 1;
            return true;
        }
        if (next - 1 != rejected) {
            return false;
        }
        next = Math.max(Math.min(rejected, matchHint + 1), 1);
        probeSent = false;
        return true;
    }

    boolean isPaused() {
        return switch (state) {
            case PROBE -> probeSent;
            case REPLICATE -> inflights.full();
            case SNAPSHOT -> true;
        };
    }

    @Override
    public String toString() {
        return state + " match=" + match + " next=" + next + (learner ? " learner" : "")
                + (state == State.SNAPSHOT ? " pendingSnapshot=" + pendingSnapshot : "");
    }
}
