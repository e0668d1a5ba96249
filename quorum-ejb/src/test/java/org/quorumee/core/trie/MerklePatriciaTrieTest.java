package org.quorumee.core.trie;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.quorumee.core.bytes.Hex;

class MerklePatriciaTrieTest {

    /** Counts what is written, to check that a commit writes only new nodes. */
    private static final class CountingStore implements NodeStore {
        final InMemoryNodeStore inner = new InMemoryNodeStore();
        int batches;
        int written;

        @Override
        public java.util.Optional<byte[]> get(byte[] hash) {
            return inner.get(hash);
        }

        @Override
        public void write(List<Entry> batch) {
            batches++;
            written += batch.size();
            inner.write(batch);
        }
    }

    private static byte[] bytes(Random random, int length) {
        byte[] out = new byte[length];
        random.nextBytes(out);
        return out;
    }

    @Test
    void emptyTrieHasTheEmptyRoot() {
        MerklePatriciaTrie trie = new MerklePatriciaTrie(new InMemoryNodeStore());
        assertEquals("0x56e81f171bcc55a6ff8345e692c0f86e5b48e01b996cadc001622fb5e363b421", Hex.encode(trie.rootHash()));
        assertTrue(trie.isEmpty());
        assertTrue(trie.get(new byte[] {1}).isEmpty());
    }

    @Test
    void deletingInReverseWalksBackThroughTheSameRoots() {
        Random random = new Random(7);
        Map<String, byte[]> distinct = new java.util.LinkedHashMap<>();
        while (distinct.size() < 300) {
            byte[] key = bytes(random, 1 + random.nextInt(4));   // short keys: embedded nodes, branch values
            distinct.put(Hex.encode(key), key);
        }
        List<byte[]> keys = new ArrayList<>(distinct.values());
        MerklePatriciaTrie trie = new MerklePatriciaTrie(new InMemoryNodeStore());
        List<byte[]> roots = new ArrayList<>();
        for (byte[] key : keys) {
            roots.add(trie.rootHash());
            trie.put(key, key);
        }
        // Canonical collapsing: removing keys in reverse gives back each earlier root exactly.
        for (int i = keys.size() - 1; i >= 0; i--) {
            trie.delete(keys.get(i));
            assertArrayEquals(roots.get(i), trie.rootHash(), "root after removing key " + i);
        }
        assertTrue(trie.isEmpty());
    }

    @Test
    void randomOperationsMatchAModelWhateverTheHistory() {
        Random random = new Random(42);
        InMemoryNodeStore store = new InMemoryNodeStore();
        MerklePatriciaTrie trie = new MerklePatriciaTrie(store);
        java.util.TreeMap<String, byte[]> model = new java.util.TreeMap<>();
        for (int step = 1; step <= 4000; step++) {
            byte[] key = bytes(random, random.nextInt(4));   // 0 to 3 bytes: the empty key, prefixes of keys
            if (random.nextInt(3) == 0) {
                trie.delete(key);
                model.remove(Hex.encode(key));
            } else {
                byte[] value = bytes(random, 1 + random.nextInt(40));
                trie.put(key, value);
                model.put(Hex.encode(key), value);
            }
            if (step % 250 == 0) {
                // Reopen from the store: later updates and collapses must load nodes lazily.
                trie = new MerklePatriciaTrie(store, trie.commit());
            }
            if (step % 100 == 0) {
                // The root depends only on the content (canonical form), not on the history.
                MerklePatriciaTrie rebuilt = new MerklePatriciaTrie(new InMemoryNodeStore());
                model.forEach((k, v) -> rebuilt.put(Hex.decode(k), v));
                assertArrayEquals(rebuilt.rootHash(), trie.rootHash(), "root at step " + step);
                for (Map.Entry<String, byte[]> entry : model.entrySet()) {
                    assertArrayEquals(entry.getValue(), trie.get(Hex.decode(entry.getKey())).orElseThrow());
                }
                List<String> keys = new ArrayList<>();
                trie.forEach((k, v) -> keys.add(Hex.encode(k)));
                assertEquals(new ArrayList<>(model.keySet()), keys, "keys in order at step " + step);
            }
        }
    }

    @Test
    void bufferedStoreGivesOneBatchAndServesPendingNodes() {
        CountingStore backing = new CountingStore();
        BufferedNodeStore buffer = new BufferedNodeStore(backing);
        Random random = new Random(9);
        MerklePatriciaTrie first = new MerklePatriciaTrie(buffer);
        MerklePatriciaTrie second = new MerklePatriciaTrie(buffer);
        for (int i = 0; i < 100; i++) {
            first.put(bytes(random, 32), bytes(random, 40));
            second.put(bytes(random, 32), bytes(random, 40));
        }
        byte[] firstRoot = first.commit();
        second.commit();
        assertEquals(0, backing.batches);
        assertTrue(new MerklePatriciaTrie(buffer, firstRoot).get(new byte[32]).isEmpty(), "pending nodes are readable");
        int pending = buffer.pendingCount();
        buffer.flush();
        assertEquals(1, backing.batches);
        assertEquals(pending, backing.written);
        assertEquals(0, buffer.pendingCount());
        int[] entries = {0};
        new MerklePatriciaTrie(backing, firstRoot).forEach((k, v) -> entries[0]++);
        assertEquals(100, entries[0], "the flushed trie reads back whole from the backing store");
    }

    @Test
    void lazilyLoadedTrieUpdatesLikeAnInMemoryOne() {
        Random random = new Random(11);
        InMemoryNodeStore store = new InMemoryNodeStore();
        MerklePatriciaTrie trie = new MerklePatriciaTrie(store);
        MerklePatriciaTrie reference = new MerklePatriciaTrie(new InMemoryNodeStore());
        Map<String, byte[]> content = new HashMap<>();
        for (int i = 0; i < 2000; i++) {
            byte[] key = bytes(random, 32);
            byte[] value = bytes(random, 1 + random.nextInt(40));
            trie.put(key, value);
            reference.put(key, value);
            content.put(Hex.encode(key), value);
        }
        byte[] root = trie.commit();
        // Reopen by hash only, then delete half and update the rest: collapses must load siblings.
        MerklePatriciaTrie reopened = new MerklePatriciaTrie(store, root);
        int n = 0;
        for (String hex : content.keySet()) {
            byte[] key = Hex.decode(hex);
            if (n++ % 2 == 0) {
                reopened.delete(key);
                reference.delete(key);
            } else {
                reopened.put(key, new byte[] {(byte) n});
                reference.put(key, new byte[] {(byte) n});
            }
        }
        assertArrayEquals(reference.rootHash(), reopened.rootHash());
        byte[] newRoot = reopened.commit();
        // The old root still sees the old data (nodes are content-addressed and never overwritten).
        MerklePatriciaTrie old = new MerklePatriciaTrie(store, root);
        for (Map.Entry<String, byte[]> entry : content.entrySet()) {
            assertArrayEquals(entry.getValue(), old.get(Hex.decode(entry.getKey())).orElseThrow());
        }
        assertArrayEquals(reference.rootHash(), new MerklePatriciaTrie(store, newRoot).rootHash());
    }

    @Test
    void commitWritesOnlyNewNodesInOneBatch() {
        CountingStore store = new CountingStore();
        MerklePatriciaTrie trie = new MerklePatriciaTrie(store);
        Random random = new Random(3);
        for (int i = 0; i < 1000; i++) {
            trie.put(bytes(random, 32), bytes(random, 40));
        }
        trie.commit();
        assertEquals(1, store.batches);
        int first = store.written;
        assertEquals(first, store.inner.size());

        trie.commit();  // nothing changed: nothing written
        assertEquals(1, store.batches);

        trie.put(bytes(random, 32), bytes(random, 40));
        trie.commit();
        assertEquals(2, store.batches);
        int second = store.written - first;
        assertTrue(second > 0 && second <= 6, "one new leaf writes only its path, wrote " + second);
    }

    @Test
    void smallRootIsStoredSoTheTrieReopens() {
        InMemoryNodeStore store = new InMemoryNodeStore();
        MerklePatriciaTrie trie = new MerklePatriciaTrie(store);
        trie.put(new byte[] {1}, new byte[] {2});
        byte[] root = trie.commit();
        assertArrayEquals(new byte[] {2}, new MerklePatriciaTrie(store, root).get(new byte[] {1}).orElseThrow());
    }

    @Test
    void missingNodeIsReportedByHash() {
        byte[] unknown = new byte[32];
        unknown[0] = 9;
        MerklePatriciaTrie trie = new MerklePatriciaTrie(new InMemoryNodeStore(), unknown);
        MissingNodeException e = assertThrows(MissingNodeException.class, () -> trie.get(new byte[] {1}));
        assertArrayEquals(unknown, e.hash());
    }

    @Test
    void malformedStoredNodeIsATrieException() {
        InMemoryNodeStore store = new InMemoryNodeStore();
        byte[] garbage = {(byte) 0xc3, 1, 2, 3};   // a list of 3 items: not a node
        byte[] hash = org.quorumee.core.crypto.Keccak.keccak256(garbage);
        store.write(List.of(new NodeStore.Entry(hash, garbage)));
        assertThrows(TrieException.class, () -> new MerklePatriciaTrie(store, hash).get(new byte[] {1}));
    }

    @Test
    void nodeThatDoesNotMatchItsHashIsRejected() {
        MerklePatriciaTrie trie = new MerklePatriciaTrie(new InMemoryNodeStore());
        trie.put(new byte[] {1}, new byte[40]);
        byte[] root = trie.commit();
        InMemoryNodeStore corrupt = new InMemoryNodeStore();
        corrupt.write(List.of(new NodeStore.Entry(root, new byte[] {(byte) 0xc2, (byte) 0x80, (byte) 0x80})));
        TrieException e = assertThrows(TrieException.class, () -> new MerklePatriciaTrie(corrupt, root).get(new byte[] {1}));
        assertTrue(e.getMessage().contains("corrupt"), e.getMessage());
    }

    @Test
    void proofsShowValuesAndAbsences() {
        Random random = new Random(5);
        MerklePatriciaTrie trie = new MerklePatriciaTrie(new InMemoryNodeStore());
        List<byte[]> keys = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            byte[] key = bytes(random, 32);
            keys.add(key);
            trie.put(key, bytes(random, 50));
        }
        byte[] root = trie.rootHash();
        for (byte[] key : keys) {
            assertArrayEquals(trie.get(key).orElseThrow(), MerkleProof.verify(root, key, trie.proof(key)).orElseThrow());
        }
        byte[] absent = bytes(random, 32);
        assertFalse(MerkleProof.verify(root, absent, trie.proof(absent)).isPresent());

        List<byte[]> proof = trie.proof(keys.get(0));
        List<byte[]> truncated = proof.subList(0, proof.size() - 1);
        assertThrows(InvalidProofException.class, () -> MerkleProof.verify(root, keys.get(0), truncated));
        byte[] otherRoot = new byte[32];
        assertThrows(InvalidProofException.class, () -> MerkleProof.verify(otherRoot, keys.get(0), proof));
    }

    @Test
    void emptyValueDeletesAndCallersCannotAlterStoredValues() {
        MerklePatriciaTrie trie = new MerklePatriciaTrie(new InMemoryNodeStore());
        byte[] value = {1, 2, 3};
        trie.put(new byte[] {1}, value);
        value[0] = 9;
        assertArrayEquals(new byte[] {1, 2, 3}, trie.get(new byte[] {1}).orElseThrow());
        trie.put(new byte[] {1}, new byte[0]);
        assertTrue(trie.isEmpty());
    }

    @Test
    void copyIsIndependent() {
        MerklePatriciaTrie trie = new MerklePatriciaTrie(new InMemoryNodeStore());
        trie.put(new byte[] {1}, new byte[] {1});
        MerklePatriciaTrie copy = trie.copy();
        copy.put(new byte[] {2}, new byte[] {2});
        assertTrue(trie.get(new byte[] {2}).isEmpty());
        assertTrue(copy.get(new byte[] {2}).isPresent());
    }
}
