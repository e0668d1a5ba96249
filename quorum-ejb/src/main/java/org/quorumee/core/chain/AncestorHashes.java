package org.quorumee.core.chain;

import java.util.ArrayList;
import java.util.List;
import java.util.function.LongFunction;
import org.quorumee.core.bytes.Hex;

/**
 * The hashes BLOCKHASH reads while a block runs: those of the 256 blocks before it on its own
 * branch, found by walking parent hashes back from its parent (so side chains see their own
 * ancestors). Walks lazily and remembers what it walked; one instance per block.
 */
public final class AncestorHashes implements LongFunction<byte[]> {
    /** BLOCKHASH reaches this many blocks back. */
    public static final int WINDOW = 256;

    private final BlockHeaderLookup lookup;
    private final long parentNumber;
    /** hashes.get(i) is the hash of block parentNumber - i. */
    private final List<byte[]> hashes = new ArrayList<>();
    /** The oldest header walked to so far. */
    private BlockHeader oldest;

    public AncestorHashes(BlockHeader parent, BlockHeaderLookup lookup) {
        this.lookup = lookup;
        this.parentNumber = parent.number();
        this.oldest = parent;
        hashes.add(parent.hash());
    }

    /**
     * The hash of ancestor {@code number}; 32 zero bytes outside the window.
     *
     * @throws IllegalStateException when an ancestor inside the window is not stored (a broken store)
     */
    @Override
    public byte[] apply(long number) {
        long distance = parentNumber - number;
        if (number < 0 || distance < 0 || distance >= WINDOW) {
            return new byte[32];
        }
        while (hashes.size() <= distance) {
            byte[] parentHash = oldest.parentHash();
            oldest = lookup.byHash(parentHash).orElseThrow(() -> new IllegalStateException(
                    "ancestor " + Hex.encode(parentHash) + " of block " + (parentNumber + 1) + " is not stored"));
            hashes.add(oldest.hash());
        }
        return hashes.get((int) distance).clone();
    }
}
