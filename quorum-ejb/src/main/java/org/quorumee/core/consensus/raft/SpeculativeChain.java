package org.quorumee.core.consensus.raft;

import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import org.quorumee.core.chain.Block;
import org.quorumee.core.crypto.Keccak;

/**
 * The minter's speculative chain (GoQuorum {@code raft/speculative_chain.go}): a leader does not
 * wait for its block to commit before building the next one; it builds on its own newest proposed
 * block. This tracks:
 * <ul>
 *   <li>the head to build on (the newest proposed block, or the chain head when none is pending);</li>
 *   <li>the blocks proposed and not yet applied, oldest first;</li>
 *   <li>the hashes of the transactions in them, which the next block must leave out (the pool
 *   still holds them until they are in the chain);</li>
 *   <li>a guard: blocks built on a block that lost the race, hence expected back invalid too.</li>
 * </ul>
 *
 * <p>The driver calls {@link #extend} when it proposes a block, {@link #accept} when a block
 * becomes the chain head, {@link #unwindFrom} when a committed block was a no-op (the block race
 * rule), and {@link #reset} when this node stops minting (leadership lost) or a proposal was dropped.
 * Not thread-safe: the driver's thread owns it.
 */
public final class SpeculativeChain {
    private Block head;
    private final ArrayDeque<Block> unapplied = new ArrayDeque<>();
    private final Set<ByteBuffer> expectedInvalid = new HashSet<>();
    private final Set<ByteBuffer> proposedTransactions = new HashSet<>();

    /** A speculative chain with nothing pending, on the chain head. */
    public SpeculativeChain(Block chainHead) {
        this.head = chainHead;
    }

    /** The block the next block builds on. */
    public Block head() {
        return head;
    }

    /** Blocks proposed and not yet applied. */
    public int pendingBlocks() {
        return unapplied.size();
    }

    /** Whether a transaction (by hash) is in a block proposed and not yet applied. */
    public boolean isProposed(byte[] transactionHash) {
        return proposedTransactions.contains(key(transactionHash));
    }

    /**
     * A block this node proposed: it becomes the head to build on.
     *
     * @throws IllegalArgumentException when it does not build on the current head
     */
    public void extend(Block block) {
        if (!Arrays.equals(block.header().parentHash(), head.hash())) {
            throw new IllegalArgumentException("block " + block.header().number() + " does not build on the speculative head "
                    + head.header().number());
        }
        head = block;
        unapplied.addLast(block);
        for (byte[] tx : block.transactions()) {
            proposedTransactions.add(key(Keccak.keccak256(tx)));
        }
    }

    /**
     * A block became the chain head. Three cases (GoQuorum's): nothing pending, so it becomes the
     * head; it is our oldest pending block, so its transactions leave the proposed set; or another
     * node's block won, so all speculation is dropped and it becomes the head.
     */
    public void accept(Block accepted) {
        Block earliest = unapplied.pollFirst();
        if (earliest == null) {
            head = accepted;
        } else if (Arrays.equals(earliest.hash(), accepted.hash())) {
            forgetTransactions(accepted);
        } else {
            reset(accepted);
        }
    }

    /**
     * A committed block turned out non-extending (it lost the block race). If it is one of ours,
     * it and every block built on it are dropped: the head goes back to the block before it (or to
     * {@code chainHead}), its descendants are guarded (they will come back invalid too, and are
     * then ignored), and the transactions of all of them are returned, to be proposed again.
     *
     * @return the transactions released (EIP-2718 bytes, oldest block first), empty when the block
     * was not ours or was guarded
     */
    public List<byte[]> unwindFrom(Block invalid, Block chainHead) {
        ByteBuffer invalidKey = key(invalid.hash());
        if (expectedInvalid.remove(invalidKey)) {
            return List.of();
        }
        if (!containsPending(invalid)) {
            // someone else's block: GoQuorum checks its database, we check what we proposed
            return List.of();
        }
        ArrayDeque<Block> popped = new ArrayDeque<>();
        while (!unapplied.isEmpty()) {
            Block block = unapplied.pollLast();
            popped.addFirst(block);
            forgetTransactions(block);
            head = unapplied.isEmpty() ? chainHead : unapplied.peekLast();
            if (Arrays.equals(block.hash(), invalid.hash())) {
                break;
            }
            expectedInvalid.add(key(block.hash()));
        }
        List<byte[]> released = new ArrayList<>();
        for (Block block : popped) {
            released.addAll(block.transactions());
        }
        return released;
    }

    /** Drops all speculation: nothing pending, building on {@code chainHead}. */
    public void reset(Block chainHead) {
        head = chainHead;
        unapplied.clear();
        expectedInvalid.clear();
        proposedTransactions.clear();
    }

    /** Follows the chain head while this node is not minting (GoQuorum's setHead). */
    public void setHead(Block chainHead) {
        head = chainHead;
    }

    private boolean containsPending(Block block) {
        for (Iterator<Block> it = unapplied.iterator(); it.hasNext(); ) {
            if (Arrays.equals(it.next().hash(), block.hash())) {
                return true;
            }
        }
        return false;
    }

    private void forgetTransactions(Block block) {
        for (byte[] tx : block.transactions()) {
            proposedTransactions.remove(key(Keccak.keccak256(tx)));
        }
    }

    private static ByteBuffer key(byte[] hash) {
        return ByteBuffer.wrap(hash.clone());
    }
}
