package org.quorumee.core.consensus.ibft;

import org.quorumee.core.peer.PeerMessageCodec;

/**
 * Bounds on what the core keeps for later, so that no peer can make it hold unbounded memory.
 *
 * @param futureHeights how many heights above the current one messages are kept for (Besu: 10)
 * @param futureMessages messages kept in total for future heights (Besu: 1000); beyond, new ones are dropped
 * @param futureRounds how many rounds above the current one messages are kept for, per height
 * @param recentMessages hashes of recent messages remembered to drop duplicates
 * @param allowedFutureBlockMillis how far a proposed block's timestamp may be ahead of this node's clock
 * @param maxMessageBytes the largest message the peer network carries: bounds the bytes of this
 *     node's proposals ({@link ProposalByteBudget#forMessages})
 */
public record BftLimits(int futureHeights, int futureMessages, int futureRounds, int recentMessages,
        long allowedFutureBlockMillis, int maxMessageBytes) {

    public BftLimits {
        if (futureHeights < 0 || futureMessages < 0 || futureRounds < 0 || recentMessages < 0 || allowedFutureBlockMillis < 0
                || maxMessageBytes < 0) {
            throw new IllegalArgumentException("limits must not be negative");
        }
    }

    /** 10 heights, 1000 messages, 10 rounds, 4096 recent hashes, 1 s of clock skew, the peer codec's 16 MiB messages. */
    public static BftLimits defaults() {
        return new BftLimits(10, 1000, 10, 4096, 1000, PeerMessageCodec.DEFAULT_MAX_BYTES);
    }

    /** These limits for a network whose messages are at most {@code bytes}. */
    public BftLimits withMaxMessageBytes(int bytes) {
        return new BftLimits(futureHeights, futureMessages, futureRounds, recentMessages, allowedFutureBlockMillis, bytes);
    }
}
