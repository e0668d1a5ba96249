package org.quorumee.core.consensus.ibft;

/**
 * The two quorum formulas GoQuorum has used. They agree when N = 3F+1 and differ otherwise: with
 * N = 5 or 6, 2F+1 = 3 is too few for two quorums to always share an honest validator, which is
 * why GoQuorum moved to ceil(2N/3) (genesis {@code ceil2Nby3Block}).
 */
public enum QuorumMode {
    /** 2F+1 with F = ceil(N/3) - 1: before {@code ceil2Nby3Block}, or with {@code 2FPlus1Enabled}. */
    TWO_F_PLUS_ONE,
    /** ceil(2N/3): GoQuorum's default from block 0. */
    CEIL_2N_BY_3
}
