package org.quorumee.core.consensus.ibft;

/**
 * Genesis parameters of a chain that runs QBFT from block 0 (GoQuorum's {@code config.qbft}).
 * Plain values; reading JSON is the caller's business.
 *
 * @param epochLength blocks between vote resets ({@code epochlength}; GoQuorum 30000)
 * @param blockPeriodSeconds least seconds between a block and its parent ({@code blockperiodseconds})
 * @param emptyBlockPeriodSeconds least seconds before an empty block ({@code emptyblockperiodseconds});
 *     0 = the block period
 * @param requestTimeoutMillis round 0's timeout ({@code requesttimeoutseconds} x 1000)
 * @param maxRequestTimeoutSeconds cap of the growing round timeout ({@code maxRequestTimeoutSeconds}); 0 = none
 * @param policy proposer selection ({@code policy})
 * @param ceil2Nby3Block first block quorums are ceil(2N/3) (default 0); null = never, always 2F+1
 */
public record QbftConfig(long epochLength, long blockPeriodSeconds, long emptyBlockPeriodSeconds,
        long requestTimeoutMillis, long maxRequestTimeoutSeconds, ProposerPolicy policy, Long ceil2Nby3Block) {

    public QbftConfig {
        BftParameters.check(epochLength, blockPeriodSeconds, emptyBlockPeriodSeconds, requestTimeoutMillis, maxRequestTimeoutSeconds);
        if (policy == null) {
            throw new IllegalArgumentException("a proposer policy is required");
        }
    }

    /** GoQuorum's defaults with a block period: epoch 30000, 10 s request timeout, round robin, ceil(2N/3) from 0. */
    public static QbftConfig defaults(long blockPeriodSeconds) {
        return new QbftConfig(IbftConfig.DEFAULT_EPOCH, blockPeriodSeconds, 0, 10_000, 0, ProposerPolicy.ROUND_ROBIN, 0L);
    }
}
