package org.quorumee.core.chain;

/**
 * The header fields a consensus engine owns — seals in extra data, difficulty, nonce, mix hash, the
 * coinbase's meaning — checked on every block a node imports, after the rules all chains share
 * ({@link HeaderValidator}). Raft checks the minter's seal, IBFT/QBFT the
 * proposer and committed seals; a single-node chain has none. It lives here, not in the consensus
 * packages, because those build on the chain and the chain must not import them.
 */
@FunctionalInterface
public interface ConsensusRules {

    /** No engine fields to check: a chain one node makes alone, or a test's. */
    ConsensusRules NONE = (header, parent) -> {
    };

    /** @throws InvalidBlockException naming the first engine rule {@code header} breaks */
    void validate(BlockHeader header, BlockHeader parent) throws InvalidBlockException;

    /**
     * Whether a block may carry its parent's timestamp. Ethereum's rule, the default, is strictly
     * after the parent; an engine whose blocks come faster than its timestamp unit (Raft stamping
     * seconds, as geth's Clique with period 0) allows equal ones, and never an earlier one.
     */
    default boolean allowsParentTimestamp() {
        return false;
    }
}
