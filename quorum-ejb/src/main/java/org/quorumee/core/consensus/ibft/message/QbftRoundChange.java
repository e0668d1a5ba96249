package org.quorumee.core.consensus.ibft.message;

import java.util.List;
import org.quorumee.core.chain.Block;

/**
 * QBFT ROUND-CHANGE (0x15): the signed payload, and when prepared, the prepared block and the
 * quorum of PREPAREs that prove it (the prepared certificate).
 *
 * @param preparedBlock null when not prepared
 */
public record QbftRoundChange(QbftRoundChangePayload payload, Block preparedBlock, List<QbftPrepare> justification) {
    public QbftRoundChange {
        justification = List.copyOf(justification);
    }
}
