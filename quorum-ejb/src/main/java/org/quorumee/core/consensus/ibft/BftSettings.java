package org.quorumee.core.consensus.ibft;

import java.util.Objects;

/**
 * Everything a {@link BftController} is built from: the chain's fork schedule, the node key, and
 * the ports the driver implements.
 *
 * @param recovery signature recovery (use {@link SignatureRecovery#SECP256K1}, or a cache in front of it)
 * @param candidates this node's validator votes ({@code istanbul_propose}); shared with the RPC layer
 */
public record BftSettings(ForkSchedule schedule, NodeSigner signer, SignatureRecovery recovery, ChainView chain,
        BlockCreator creator, BlockValidator validator, ValidatorCandidates candidates, BftClock clock, BftLimits limits) {

    public BftSettings {
        Objects.requireNonNull(schedule, "schedule");
        Objects.requireNonNull(signer, "signer");
        Objects.requireNonNull(recovery, "recovery");
        Objects.requireNonNull(chain, "chain");
        Objects.requireNonNull(creator, "creator");
        Objects.requireNonNull(validator, "validator");
        Objects.requireNonNull(candidates, "candidates");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(limits, "limits");
    }
}
