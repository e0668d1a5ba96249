package org.quorumee.core.consensus.ibft.message;

import java.util.List;
import org.quorumee.core.chain.Block;
import org.quorumee.core.types.Address;

/**
 * QBFT PROPOSAL (GoQuorum's PRE-PREPARE, 0x12): {@code author} proposes {@code block} for
 * {@code (height, round)}. From round 1 on it is justified by a quorum of signed round-change
 * payloads for that round and, when one of them was prepared, the PREPAREs of the highest.
 */
public record QbftProposal(long height, int round, Block block, byte[] signature, Address author,
        List<QbftRoundChangePayload> roundChanges, List<QbftPrepare> prepares) implements QbftMessage {
    public QbftProposal {
        signature = signature.clone();
        roundChanges = List.copyOf(roundChanges);
        prepares = List.copyOf(prepares);
    }

    @Override
    public byte[] signature() {
        return signature.clone();
    }
}
