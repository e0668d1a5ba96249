package org.quorumee.core.consensus.ibft.message;

import java.util.List;
import org.quorumee.core.chain.Block;
import org.quorumee.core.types.Address;

/**
 * QBFT ROUND-CHANGE (0x15): the signed payload, and when prepared, the prepared block and the
 * quorum of PREPAREs that prove it (the prepared certificate).
 *
 * @param preparedBlock null when not prepared
 */
public record QbftRoundChange(QbftRoundChangePayload payload, Block preparedBlock, List<QbftPrepare> justification)
        implements QbftMessage {
    public QbftRoundChange {
        justification = List.copyOf(justification);
    }

    @Override
    public long height() {
        return payload.height();
    }

    /** The round asked for. */
    @Override
    public int round() {
        return payload.round();
    }

    @Override
    public Address author() {
        return payload.author();
    }
}
