package org.quorumee.core.trie;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Collects the writes of several commits (the account trie, each storage trie, new code) and hands
 * them to the backing store in one batch at {@link #flush()}: one database write per block however
 * many tries the block touched. Pending nodes are readable before the flush, so a trie committed
 * earlier in the block can be reopened by its root. One thread writes and flushes (the block being
 * built, then the one storing it); reads may come from other threads (Raft's minter builds the next
 * block on this one while it is stored), so the nodes stay readable here until {@link #released()}.
 */
public final class BufferedNodeStore implements NodeStore {
    private final NodeStore backing;
    private final Map<Key, byte[]> pending = new ConcurrentHashMap<>();
    private final List<Entry> order = new ArrayList<>();
    /** Flushed, and kept readable here until the store they went to has committed them. */
    private final List<Entry> flushed = new ArrayList<>();

    public BufferedNodeStore(NodeStore backing) {
        this.backing = backing;
    }

    @Override
    public Optional<byte[]> get(byte[] hash) {
        byte[] node = pending.get(new Key(hash));
        return node != null ? Optional.of(node) : backing.get(hash);
    }

    @Override
    public void write(List<Entry> batch) {
        for (Entry entry : batch) {
            if (pending.putIfAbsent(new Key(entry.hash()), entry.encoded()) == null) {
                order.add(entry);
            }
        }
    }

    /** How many distinct nodes wait for the flush. */
    public int pendingCount() {
        return order.size();
    }

    /** Writes everything pending to the backing store in one batch (none when nothing is pending). */
    public void flush() {
        flushTo(backing);
    }

    /**
     * Writes everything pending to {@code target} in one batch instead of the backing store: a block
     * built on another buffered block (speculative minting) is stored straight into the database once
     * its parent is. The nodes stay readable here until {@link #released()}: the target may hold them
     * in a transaction that other readers do not see yet.
     */
    public void flushTo(NodeStore target) {
        if (order.isEmpty()) {
            return;
        }
        target.write(List.copyOf(order));
        flushed.addAll(order);
        order.clear();
    }

    /** What was flushed is committed where it went: reads of it fall through to the backing store from now on. */
    public void released() {
        for (Entry entry : flushed) {
            pending.remove(new Key(entry.hash()));
        }
        flushed.clear();
    }

    /**
     * Drops what is pending (a block that failed to import). Tries that committed into this buffer
     * took their nodes for stored: drop them too and reopen at the last flushed root.
     */
    public void discard() {
        order.clear();
        flushed.clear();
        pending.clear();
    }

    private record Key(byte[] bytes) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Key other && Arrays.equals(bytes, other.bytes);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(bytes);
        }
    }
}
