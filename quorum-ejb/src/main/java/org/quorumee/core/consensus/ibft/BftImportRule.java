package org.quorumee.core.consensus.ibft;

import java.util.Optional;
import org.quorumee.core.chain.BlockHeader;
import org.quorumee.core.chain.ConsensusRules;
import org.quorumee.core.chain.InvalidBlockException;

/**
 * The header rule of an IBFT/QBFT chain, checked on every block a node imports (its own commits,
 * blocks from peers, blocks by sync): {@link BftBlockRules#checkFinal} against the parent and the
 * validators after it — the proposer a validator, a quorum of committed seals from distinct validators.
 */
public final class BftImportRule implements ConsensusRules {
    private final BftBlockRules rules;
    private final VoteSnapshots snapshots;

    public BftImportRule(ForkSchedule schedule, VoteSnapshots snapshots, SignatureRecovery recovery) {
        this.rules = new BftBlockRules(schedule, recovery);
        this.snapshots = snapshots;
    }

    @Override
    public void validate(BlockHeader header, BlockHeader parent) throws InvalidBlockException {
        VoteSnapshot validators;
        try {
            validators = snapshots.after(parent);
        } catch (IllegalArgumentException e) {
            throw new InvalidBlockException("block " + header.number() + ": no validator set after its parent: " + e.getMessage(), e);
        }
        Optional<String> broken = rules.checkFinal(header, parent, validators);
        if (broken.isPresent()) {
            throw new InvalidBlockException("block " + header.number() + ": " + broken.get());
        }
    }
}
