package org.quorumee.core.consensus.raft;

import java.util.Collections;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The cluster's membership: the voters (who elect and whose acknowledgements commit) and the
 * learners (who receive the log but never vote and never count toward a quorum). Node ids are
 * positive; a node is in at most one of the two sets. Immutable, sets in ascending order.
 */
public record ConfState(SortedSet<Long> voters, SortedSet<Long> learners) {
    /** No members: the state of a node that has not yet learnt its cluster. */
    public static final ConfState EMPTY = new ConfState(new TreeSet<>(), new TreeSet<>());

    public ConfState {
        voters = Collections.unmodifiableSortedSet(new TreeSet<>(voters));
        learners = Collections.unmodifiableSortedSet(new TreeSet<>(learners));
        for (long id : voters) {
            if (id <= 0) {
                throw new IllegalArgumentException("node ids are positive, not " + id);
            }
            if (learners.contains(id)) {
                throw new IllegalArgumentException("node " + id + " is both a voter and a learner");
            }
        }
        for (long id : learners) {
            if (id <= 0) {
                throw new IllegalArgumentException("node ids are positive, not " + id);
            }
        }
    }

    /** A membership of voters only. */
    public static ConfState ofVoters(Long... ids) {
        return new ConfState(new TreeSet<>(java.util.List.of(ids)), new TreeSet<>());
    }

    public boolean contains(long id) {
        return voters.contains(id) || learners.contains(id);
    }

    public boolean isEmpty() {
        return voters.isEmpty() && learners.isEmpty();
    }
}
