package org.quorumee.core.state;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.quorumee.core.trie.InMemoryNodeStore;
import org.quorumee.core.trie.NodeStore;
import org.quorumee.core.types.Address;
import org.quorumee.core.types.UInt256;

class WorldStateTest {
    private static final Address A = Address.ofLong(0xa1);
    private static final Address B = Address.ofLong(0xb2);

    @Test
    void nestedSnapshotsRevertOnlyTheirChanges() {
        WorldState state = new WorldState(new InMemoryNodeStore(), WorldState.EMPTY_TRIE_ROOT);
        state.addBalance(A, BigInteger.TEN);
        int outer = state.snapshot();
        state.setStorage(A, UInt256.of(1), UInt256.of(7));
        int inner = state.snapshot();
        state.setStorage(A, UInt256.of(1), UInt256.of(8));
        state.addBalance(B, BigInteger.ONE);
        state.revertTo(inner);
        assertEquals(UInt256.of(7), state.storage(A, UInt256.of(1)));
        assertFalse(state.exists(B));
        state.revertTo(outer);
        assertEquals(UInt256.ZERO, state.storage(A, UInt256.of(1)));
        assertEquals(BigInteger.TEN, state.balance(A));
    }

    @Test
    void touchedEmptyAccountsAreDeletedAndRootsAreReproducible() {
        NodeStore store = new InMemoryNodeStore();
        WorldState state = new WorldState(store, WorldState.EMPTY_TRIE_ROOT);
        state.addBalance(A, BigInteger.valueOf(5));
        state.addBalance(B, BigInteger.ZERO); // touched and empty (EIP-161)
        state.setStorage(A, UInt256.of(3), UInt256.of(4));
        state.finalizeTransaction();
        byte[] root = state.commit();
        assertFalse(state.exists(B));

        WorldState reopened = new WorldState(store, root);
        assertEquals(BigInteger.valueOf(5), reopened.balance(A));
        assertEquals(UInt256.of(4), reopened.storage(A, UInt256.of(3)));
        assertEquals(UInt256.of(4), reopened.originalStorage(A, UInt256.of(3)));

        WorldState rebuilt = new WorldState(new InMemoryNodeStore(), WorldState.EMPTY_TRIE_ROOT);
        rebuilt.putAccount(A, 0, BigInteger.valueOf(5), new byte[0], Map.of(UInt256.of(3), UInt256.of(4)));
        assertArrayEquals(root, rebuilt.commit());
    }

    @Test
    void accessListAndTransientStorageLastOneTransaction() {
        WorldState state = new WorldState(new InMemoryNodeStore(), WorldState.EMPTY_TRIE_ROOT);
        assertTrue(state.warmAddress(A));
        assertFalse(state.warmAddress(A));
        state.setTransientStorage(A, UInt256.of(1), UInt256.of(2));
        assertEquals(UInt256.of(2), state.transientStorage(A, UInt256.of(1)));
        state.finalizeTransaction();
        assertTrue(state.warmAddress(A));
        assertEquals(UInt256.ZERO, state.transientStorage(A, UInt256.of(1)));
    }
}
