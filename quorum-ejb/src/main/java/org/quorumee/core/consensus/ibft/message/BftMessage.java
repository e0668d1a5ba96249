package org.quorumee.core.consensus.ibft.message;

import org.quorumee.core.types.Address;

/** A decoded, authenticated consensus message of either protocol. */
public sealed interface BftMessage permits IbftMessage, QbftMessage {

    /** The block number the message is about. */
    long height();

    int round();

    /** The validator whose key signed it. */
    Address author();
}
