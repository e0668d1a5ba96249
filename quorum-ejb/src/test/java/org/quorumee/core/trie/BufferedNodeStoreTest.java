package org.quorumee.core.trie;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class BufferedNodeStoreTest {
    private static final byte[] HASH = new byte[32];
    private static final byte[] NODE = {(byte) 0xc2, 1, 2};

    /** A database store: what is written stays invisible to readers until its transaction commits. */
    private static final class TransactionalStore implements NodeStore {
        final InMemoryNodeStore committed = new InMemoryNodeStore();
        final List<Entry> uncommitted = new ArrayList<>();

        @Override
        public Optional<byte[]> get(byte[] hash) {
            return committed.get(hash);
        }

        @Override
        public void write(List<Entry> batch) {
            uncommitted.addAll(batch);
        }

        void commit() {
            committed.write(uncommitted);
            uncommitted.clear();
        }
    }

    @Test
    void flushedNodesStayReadableUntilReleased() {
        TransactionalStore database = new TransactionalStore();
        BufferedNodeStore parent = new BufferedNodeStore(database);
        parent.write(List.of(new NodeStore.Entry(HASH, NODE)));
        // the minter builds a child on the parent while the parent is being stored
        BufferedNodeStore child = new BufferedNodeStore(parent);

        parent.flushTo(database);
        assertEquals(0, parent.pendingCount(), "nothing waits for a flush");
        assertArrayEquals(NODE, child.get(HASH).orElseThrow(), "readable while the store's transaction is open");

        database.commit();
        parent.released();
        assertArrayEquals(NODE, child.get(HASH).orElseThrow(), "read through to the committed store");

        parent.flushTo(database);
        assertTrue(database.uncommitted.isEmpty(), "a node is flushed once");
    }
}
