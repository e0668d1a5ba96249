package org.quorumee.core.chain;

import java.util.Optional;

/**
 * Finds a stored header by its hash: how block processing reaches the ancestors of the block it
 * runs (for BLOCKHASH), on whichever branch that block sits. The container implements it over the
 * database; tests over a map.
 */
@FunctionalInterface
public interface BlockHeaderLookup {
    Optional<BlockHeader> byHash(byte[] hash);
}
