package org.quorumee.core.consensus.ibft;

import org.quorumee.core.chain.Block;
import org.quorumee.core.chain.BlockHeader;

/**
 * Port: builds a block on {@code parent} — takes transactions from the pool, within the block's gas,
 * the {@link ProposalByteBudget} ({@link ProposalByteBudget#limit} over the pool's candidates) and
 * {@code buildMillis} of execution (the creator measures it; it may bound it tighter by its own
 * rules, never looser), executes them on a buffered state that leaves nothing behind, and returns
 * the block. The header carries the template's fields as given; the creator sets the rest (parent
 * hash, gas limit, roots, base fee).
 */
@FunctionalInterface
public interface BlockCreator {
    Block create(BlockHeader parent, BlockTemplate template, ProposalByteBudget bytes, long buildMillis);
}
