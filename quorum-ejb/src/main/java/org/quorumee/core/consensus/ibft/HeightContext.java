package org.quorumee.core.consensus.ibft;

import java.util.List;
import org.quorumee.core.chain.BlockHeader;
import org.quorumee.core.types.Address;

/**
 * What is fixed for one height: its parent, parameters, validators (those after the parent) and
 * the parent's proposer, from which proposers rotate.
 *
 * @param lastProposer null after genesis
 */
record HeightContext(long height, BlockHeader parent, BftParameters params, VoteSnapshot snapshot, Address lastProposer) {

    List<Address> validators() {
        return snapshot.validators();
    }

    int quorum() {
        return params.quorum(validators().size());
    }

    int faultTolerance() {
        return Quorum.faultTolerance(validators().size());
    }

    boolean isValidator(Address address) {
        return validators().contains(address);
    }

    Address proposer(int round) {
        return ProposerSelector.proposer(validators(), lastProposer, round, params.policy(), params.protocol());
    }

    /** The block timer's instant: the parent's time plus the block period. */
    long blockTimeMillis() {
        return (parent.timestamp() + params.blockPeriodSeconds()) * 1000;
    }

    /** When an empty block may be proposed at the earliest. */
    long emptyBlockTimeMillis() {
        return (parent.timestamp() + params.emptyBlockPeriodSeconds()) * 1000;
    }
}
