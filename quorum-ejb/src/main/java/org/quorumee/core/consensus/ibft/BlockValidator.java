package org.quorumee.core.consensus.ibft;

import java.util.Optional;
import org.quorumee.core.chain.Block;
import org.quorumee.core.chain.BlockHeader;

/**
 * Port: the checks of a proposed block that need execution (transactions, state, receipts and
 * gas roots, the chain's non-consensus header rules). The consensus fields are checked by
 * {@link BftBlockRules} before this is asked.
 */
@FunctionalInterface
public interface BlockValidator {

    /** Empty when the block is valid on {@code parent}, else why not. */
    Optional<String> validate(Block block, BlockHeader parent);
}
