package org.quorumee.node.chain;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.quorumee.core.crypto.Keccak;
import org.quorumee.core.state.WorldState;
import org.quorumee.core.trie.InMemoryNodeStore;
import org.quorumee.core.trie.NodeStore;
import org.quorumee.core.types.Address;
import org.quorumee.core.types.UInt256;

/**
 * The node store over JPA, as the node uses it, on H2 (this class) and on PostgreSQL
 * ({@link DatabaseNodeStorePostgresqlTest}): what is written in a committed transaction is read back
 * by a store with an empty cache, from the database; what a rolled-back transaction wrote is gone;
 * a state written through it has the root an in-memory store gives for the same accounts.
 */
class DatabaseNodeStoreTest {
    JpaStateStores stores;

    /** The database under test; H2 here. */
    javax.sql.DataSource database() {
        return JpaStateStores.h2();
    }

    void dropDatabase() {
    }

    @BeforeEach
    void open() {
        stores = new JpaStateStores(database());
    }

    @AfterEach
    void close() {
        try {
            stores.close();
        } finally {
            dropDatabase();
        }
    }

    private static NodeStore.Entry node(String content) {
        byte[] encoded = content.getBytes();
        return new NodeStore.Entry(Keccak.keccak256(encoded), encoded);
    }

    @Test
    void committedNodesAreReadBackFromTheDatabase() {
        NodeStore.Entry a = node("first node");
        NodeStore.Entry b = node("second node");
        stores.inTransaction(() -> {
            stores.open().write(List.of(a, b));
            return null;
        });
        NodeStore fresh = stores.open(); // empty cache: the reads go to the database
        assertArrayEquals(a.encoded(), fresh.get(a.hash()).orElseThrow());
        assertArrayEquals(b.encoded(), fresh.get(b.hash()).orElseThrow());
        assertTrue(fresh.get(Keccak.keccak256(new byte[] {1})).isEmpty());
    }

    @Test
    void writingANodeAgainIsNoError() {
        NodeStore.Entry a = node("the same node");
        for (int i = 0; i < 2; i++) {
            stores.inTransaction(() -> {
                stores.open().write(List.of(a, a));
                return null;
            });
        }
        assertArrayEquals(a.encoded(), stores.open().get(a.hash()).orElseThrow());
        Long rows = stores.inTransaction(() -> stores.entityManager()
                .createQuery("SELECT COUNT(n) FROM StateNodeRecord n", Long.class).getSingleResult());
        assertEquals(1L, rows);
    }

    @Test
    void aRolledBackTransactionLeavesNothing() {
        NodeStore.Entry lost = node("written, then rolled back");
        assertThrows(IllegalStateException.class, () -> stores.inTransaction(() -> {
            stores.open().write(List.of(lost));
            throw new IllegalStateException("the block is refused");
        }));
        assertFalse(stores.open().get(lost.hash()).isPresent());
    }

    @Test
    void theSharedCacheTakesOnlyCommittedWrites() {
        NodeCache shared = new NodeCache(100);
        NodeStore.Entry lost = node("written, then rolled back");
        assertThrows(IllegalStateException.class, () -> stores.inTransaction(() -> {
            stores.open(shared).write(List.of(lost));
            throw new IllegalStateException("the block is refused");
        }));
        assertFalse(stores.open(shared).get(lost.hash()).isPresent(), "a rolled-back node is not read from the cache");

        NodeStore.Entry kept = node("written and committed");
        DatabaseNodeStore writer = stores.open(shared);
        stores.inTransaction(() -> {
            writer.write(List.of(kept));
            return null;
        });
        writer.committed();
        assertTrue(shared.get(kept.hash()).isPresent(), "a committed node is cached");
    }

    @Test
    void aWorldStateOverTheDatabaseHasTheInMemoryRootAndReadsBack() {
        Address alice = Address.ofLong(0xa11ce);
        Address contract = Address.ofLong(0xc0de);
        Map<UInt256, UInt256> storage = Map.of(UInt256.of(1), UInt256.of(42), UInt256.of(7), UInt256.of(9));
        WorldState reference = new WorldState(new InMemoryNodeStore(), WorldState.EMPTY_TRIE_ROOT);
        reference.putAccount(alice, 3, BigInteger.TEN.pow(20), new byte[0], Map.of());
        reference.putAccount(contract, 1, BigInteger.ZERO, new byte[] {0x60, 0x00}, storage);
        byte[] expected = reference.commit();

        byte[] root = stores.inTransaction(() -> {
            WorldState state = new WorldState(stores.open(), WorldState.EMPTY_TRIE_ROOT);
            state.putAccount(alice, 3, BigInteger.TEN.pow(20), new byte[0], Map.of());
            state.putAccount(contract, 1, BigInteger.ZERO, new byte[] {0x60, 0x00}, storage);
            return state.commit();
        });
        assertArrayEquals(expected, root);
        WorldState read = new WorldState(stores.open(), root);
        assertEquals(3, read.nonce(alice));
        assertEquals(BigInteger.TEN.pow(20), read.balance(alice));
        assertArrayEquals(new byte[] {0x60, 0x00}, read.code(contract));
        assertEquals(UInt256.of(42), read.storage(contract, UInt256.of(1)));
        assertEquals(UInt256.of(9), read.storage(contract, UInt256.of(7)));
    }
}
