package org.quorumee.core.consensus.ibft;

import org.quorumee.core.chain.Block;

/**
 * What the core asks the driver to do, returned from each call to {@link BftController}. The driver
 * carries them out in order, on its own thread or after it: none of them may call back into the
 * controller before the call that produced it has returned.
 */
public sealed interface BftAction {

    /** Send {@code message} (a {@link org.quorumee.core.consensus.ibft.message.WireMessage} encoding) to every other validator. */
    record Multicast(byte[] message) implements BftAction {
        public Multicast {
            message = message.clone();
        }

        @Override
        public byte[] message() {
            return message.clone();
        }
    }

    /**
     * Call {@link BftController#onBlockTimer(long)} with {@code height} at {@code atMillis} (or now,
     * if past). Replaces the block timer armed before, if it has not fired: there is one at a time.
     */
    record ArmBlockTimer(long height, long atMillis) implements BftAction {
    }

    /**
     * Call {@link BftController#onRoundTimer(long, int)} with {@code height, round} after
     * {@code durationMillis}. Replaces the round timer armed before, if it has not fired: there is
     * one at a time (a round restarted by a quorum runs its full duration).
     */
    record ArmRoundTimer(long height, int round, long durationMillis) implements BftAction {
    }

    /**
     * {@code block} is final (it carries a quorum of committed seals): import it through the block
     * importer and announce it to peers, then call {@link BftController#onNewHead()}.
     */
    record ImportBlock(Block block) implements BftAction {
    }
}
