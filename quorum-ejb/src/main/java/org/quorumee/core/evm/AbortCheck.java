package org.quorumee.core.evm;

/**
 * Asks a running execution to stop before its gas runs out: eth_call's deadline, a client that went
 * away. The interpreter asks each time a frame spent {@link Evm#ABORT_CHECK_GAS} gas since it last
 * asked, every {@link Evm#ABORT_CHECK_FRAMES} call frames, and every so many rounds of a long
 * precompile; so an answer may be as slow to compute as reading a clock. A {@code true} answer ends
 * the whole execution with an {@link ExecutionAbortedException}.
 */
@FunctionalInterface
public interface AbortCheck {
    /** Nothing stops the execution but its gas (block production and import). */
    AbortCheck NEVER = () -> false;

    /** Whether the execution must stop now. */
    boolean shouldAbort();
}
