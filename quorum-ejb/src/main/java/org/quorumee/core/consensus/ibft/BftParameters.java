package org.quorumee.core.consensus.ibft;

/**
 * The consensus parameters in force at one block, as {@link ForkSchedule#at(long)} resolves them.
 *
 * @param emptyBlockPeriodSeconds least seconds between a parent and an empty child (never below the
 *     block period)
 * @param maxRequestTimeoutSeconds cap of the round timeout; 0 = none
 */
public record BftParameters(BftProtocol protocol, long epochLength, long blockPeriodSeconds, long emptyBlockPeriodSeconds,
        long requestTimeoutMillis, long maxRequestTimeoutSeconds, ProposerPolicy policy, QuorumMode quorumMode) {

    static void check(long epochLength, long blockPeriodSeconds, long emptyBlockPeriodSeconds, long requestTimeoutMillis,
            long maxRequestTimeoutSeconds) {
        if (epochLength <= 0) {
            throw new IllegalArgumentException("epoch length must be positive: " + epochLength);
        }
        if (blockPeriodSeconds < 0 || emptyBlockPeriodSeconds < 0 || maxRequestTimeoutSeconds < 0) {
            throw new IllegalArgumentException("periods and timeouts must not be negative");
        }
        if (requestTimeoutMillis <= 0) {
            throw new IllegalArgumentException("request timeout must be positive: " + requestTimeoutMillis);
        }
    }

    /**
     * How long this node's proposal may take to build: half of the block period (of a second when the
     * period is 0), the other half being the other validators' execution of it before they prepare;
     * otherwise blocks fall behind their period.
     */
    public long proposalBuildMillis() {
        return Math.max(1, blockPeriodSeconds) * 1000 / 2;
    }

    /** Quorum among {@code validators} at this block. */
    public int quorum(int validators) {
        return Quorum.size(validators, quorumMode);
    }

    /**
     * How long round {@code round} lasts: the request timeout doubled per round (base x 2^round),
     * capped by {@code maxRequestTimeoutSeconds} when set, and never overflowing.
     */
    public long roundTimeoutMillis(int round) {
        long cap = maxRequestTimeoutSeconds > 0 ? maxRequestTimeoutSeconds * 1000 : Long.MAX_VALUE / 4;
        long timeout = Math.min(requestTimeoutMillis, cap);
        for (int i = 0; i < round && timeout < cap; i++) {
            timeout = Math.min(timeout * 2, cap);
        }
        return timeout;
    }
}
