package org.quorumee.core.consensus.raft;

import java.util.Arrays;
import java.util.function.Predicate;
import org.quorumee.core.chain.BlockHeader;

/**
 * GoQuorum's block race rule, as a pure function: a committed block is imported only if it
 * extends the current head. Raft orders blocks but does not check them; two minters (an old leader
 * whose blocks commit late, and the new one) can both build on the same parent. The first to
 * commit wins, the other is a no-op on every node (same log, same verdicts), and its minter
 * unwinds its speculative chain ({@link SpeculativeChain#unwindFrom}).
 */
public final class BlockRace {

    /** What to do with a committed block entry. */
    public enum Verdict {
        /** Its parent is the head: validate and import it. */
        EXTENDS,
        /** The chain holds it already (re-applied after a crash): nothing to do. */
        ALREADY_IN_CHAIN,
        /** Its parent is not the head: a no-op; tell the minter. */
        NON_EXTENDING
    }

    private BlockRace() {
    }

    /**
     * The verdict on a committed block.
     *
     * @param block      the block's header
     * @param headHash   the hash of the current chain head
     * @param chainHolds whether the chain already holds a block of a given hash
     */
    public static Verdict judge(BlockHeader block, byte[] headHash, Predicate<byte[]> chainHolds) {
        if (chainHolds.test(block.hash())) {
            return Verdict.ALREADY_IN_CHAIN;
        }
        return extendsHead(block, headHash) ? Verdict.EXTENDS : Verdict.NON_EXTENDING;
    }

    /** Whether {@code block}'s parent is the block of hash {@code headHash}. */
    public static boolean extendsHead(BlockHeader block, byte[] headHash) {
        return Arrays.equals(block.parentHash(), headHash);
    }
}
