package org.quorumee.core.chain;

import java.util.Optional;
import org.quorumee.core.privacy.PrivatePayloadSource;
import org.quorumee.core.state.WorldState;
import org.quorumee.core.trie.InMemoryNodeStore;

/**
 * The private side of a block at this node: its private state, opened at the parent block's private
 * root, and the transaction manager that opens the payloads this node is a party to. The private
 * state holds the block's private changes afterwards (committed with the block), as the public
 * state holds its public ones.
 */
public record PrivateContext(WorldState state, PrivatePayloadSource payloads) {

    /**
     * A node without privacy (and the Ethereum conformance suites): private transactions run as at a
     * non-party — the sender's nonce is bumped, nothing is executed — into a throwaway state.
     */
    public static PrivateContext none() {
        return new PrivateContext(new WorldState(new InMemoryNodeStore(), WorldState.EMPTY_TRIE_ROOT), hash -> Optional.empty());
    }
}
