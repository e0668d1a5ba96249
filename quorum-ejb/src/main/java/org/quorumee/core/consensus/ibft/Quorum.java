package org.quorumee.core.consensus.ibft;

/**
 * The one place quorum sizes are computed: prepares, commits, round changes and committed seals
 * all use {@link #size}.
 */
public final class Quorum {
    private Quorum() {
    }

    /** F, the faulty validators tolerated among {@code validators}: ceil(N/3) - 1. */
    public static int faultTolerance(int validators) {
        if (validators < 0) {
            throw new IllegalArgumentException("negative validator count " + validators);
        }
        return (validators + 2) / 3 - 1;
    }

    /** Messages (and committed seals) needed among {@code validators} under {@code mode}. */
    public static int size(int validators, QuorumMode mode) {
        if (validators <= 0) {
            throw new IllegalArgumentException("a quorum needs validators, not " + validators);
        }
        return switch (mode) {
            case TWO_F_PLUS_ONE -> 2 * faultTolerance(validators) + 1;
            case CEIL_2N_BY_3 -> (2 * validators + 2) / 3;
        };
    }
}
