package org.quorumee.core.consensus.raft;

import org.quorumee.core.chain.BlockHeader;
import org.quorumee.core.chain.ConsensusRules;
import org.quorumee.core.chain.InvalidBlockException;

/**
 * The header rules of a Raft chain: every block carries a minter's {@link RaftSeal} from which a
 * signer can be recovered, and its timestamp follows the chain's {@link RaftTimestampUnit} (in
 * seconds, a block may repeat its parent's). Which member minted it is not checked here: Raft's log,
 * not the header, decides what enters the chain (GoQuorum checks no seal at all), and blocks of
 * members removed since are still imported by a node catching up.
 */
public final class RaftHeaderRule implements ConsensusRules {
    private final RaftTimestampUnit timestampUnit;

    public RaftHeaderRule(RaftTimestampUnit timestampUnit) {
        this.timestampUnit = timestampUnit;
    }

    @Override
    public void validate(BlockHeader header, BlockHeader parent) throws InvalidBlockException {
        try {
            RaftSeal.of(header).signerPublicKey(header);
        } catch (InvalidRaftSealException e) {
            throw new InvalidBlockException("block " + header.number() + ": " + e.getMessage());
        }
    }

    @Override
    public boolean allowsParentTimestamp() {
        return timestampUnit.allowsParentTimestamp();
    }
}
