package org.quorumee.core.consensus.ibft;

/**
 * Where a {@link BftController} stands, and what it dropped (for JMX and {@code istanbul_status}).
 *
 * @param round the current round, -1 before round 0 started
 * @param validator whether this node is a validator of the current height
 */
public record BftStatus(long height, int round, BftProtocol protocol, boolean validator, long duplicateMessages,
        long invalidMessages, long oldMessages, long droppedFutureMessages, long rejectedMessages) {
}
