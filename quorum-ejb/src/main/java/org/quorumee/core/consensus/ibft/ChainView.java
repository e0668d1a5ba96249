package org.quorumee.core.consensus.ibft;

import org.quorumee.core.chain.BlockHeader;

/** Port: what the consensus core reads of the chain. */
public interface ChainView {

    /** The head block's header (the parent of the height being decided). */
    BlockHeader head();

    /** The validators and votes after {@code header}, i.e. of its child (see {@link VoteSnapshots}). */
    VoteSnapshot snapshotAfter(BlockHeader header);
}
