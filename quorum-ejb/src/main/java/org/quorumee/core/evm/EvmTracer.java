package org.quorumee.core.evm;

import org.quorumee.core.types.Address;

/**
 * Observes the interpreter. The EVM holds at most one tracer and checks it for null before each
 * call, so running without one costs a branch. The arrays passed in are the interpreter's own:
 * read them during the call, never keep or modify them.
 */
public interface EvmTracer {

    /**
     * Before the instruction at {@code pc} runs (and before any of its checks).
     *
     * @param stack the operand stack, four longs per 256-bit word, most significant first
     *     (read words with {@link #word(long[], int)}); {@code stackSize} words, the top last
     * @param memory the frame's memory buffer, of which the first {@code memorySize} bytes are live
     */
    void onStep(int pc, int opcode, long gas, int depth, Address contract, long[] stack, int stackSize, byte[] memory,
            int memorySize);

    /** A frame with code starts running (depth 0 is the transaction's own call or creation). */
    default void onCallEnter(int depth, Address contract, Address caller, long gas) {
    }

    /** A frame with code finished; {@code error} is null unless it halted or reverted. */
    default void onCallExit(int depth, CallResult.Status status, long gasLeft, byte[] output, String error) {
    }

    /** The transaction (or simulated call) finished: the gas it used after refunds and its output. */
    default void onTransactionEnd(boolean success, long gasUsed, byte[] output, String error) {
    }

    /** The 32 bytes of stack word {@code index} (0 = bottom) of a stack passed to {@link #onStep}. */
    static byte[] word(long[] stack, int index) {
        byte[] out = new byte[32];
        Words.toBytes(stack, index << 2, out, 0);
        return out;
    }
}
