package org.quorumee.core.consensus.ibft;

import org.quorumee.core.consensus.ibft.message.BftMessage;

/** The protocol state of one height, for one protocol; the controller makes a new one per height. */
interface HeightManager {

    /** Arms the block timer of the height. */
    void start();

    void blockTimerExpired();

    void roundTimerExpired(int round);

    /** A message of this height, authenticated, from one of its validators. */
    void handle(BftMessage message);

    /** -1 before round 0. */
    int round();

    /** The block this node is locked on (legacy IBFT only), for diagnostics. */
    default byte[] lockedDigest() {
        return null;
    }
}
