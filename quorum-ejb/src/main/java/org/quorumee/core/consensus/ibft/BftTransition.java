package org.quorumee.core.consensus.ibft;

import java.util.List;
import org.quorumee.core.types.Address;

/**
 * One entry of GoQuorum's genesis {@code transitions}: from {@code block} on, each non-null field
 * replaces the value in force. Later entries win; entries apply in block order.
 *
 * @param algorithm {@link BftProtocol#QBFT} switches an IBFT chain to QBFT from this block; null keeps it
 * @param validators replaces the validator set after this block (GoQuorum's {@code validators});
 *     null or empty keeps voting
 * @param twoFPlusOneEnabled {@code 2FPlus1Enabled}: true forces 2F+1 quorums from this block
 */
public record BftTransition(long block, BftProtocol algorithm, Long epochLength, Long blockPeriodSeconds,
        Long emptyBlockPeriodSeconds, Long requestTimeoutSeconds, Long maxRequestTimeoutSeconds,
        Boolean twoFPlusOneEnabled, List<Address> validators) {

    public BftTransition {
        if (block < 0) {
            throw new IllegalArgumentException("transition block must not be negative: " + block);
        }
        validators = validators == null ? List.of() : List.copyOf(validators);
    }

    /** A transition that only switches the protocol to QBFT. */
    public static BftTransition toQbft(long block) {
        return new BftTransition(block, BftProtocol.QBFT, null, null, null, null, null, null, null);
    }

    /** A transition that only changes the block period. */
    public static BftTransition blockPeriod(long block, long seconds) {
        return new BftTransition(block, null, null, seconds, null, null, null, null, null);
    }

    /** A transition that only changes the empty block period. */
    public static BftTransition emptyBlockPeriod(long block, long seconds) {
        return new BftTransition(block, null, null, null, seconds, null, null, null, null);
    }
}
