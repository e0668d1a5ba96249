package org.quorumee.core.evm.precompile;

import org.quorumee.core.evm.AbortCheck;
import org.quorumee.core.evm.ExecutionAbortedException;

/**
 * A contract implemented natively at a fixed address (0x01 ...). Pure: the same input always gives
 * the same gas and output.
 */
public interface PrecompiledContract {

    /** Gas charged for running on {@code input}; may exceed the gas available (then the call fails). */
    long gasRequirement(byte[] input);

    /**
     * The output for {@code input}, or {@code null} when the input is invalid: the call then fails
     * and consumes all the gas it was given (as for an exceptional halt).
     */
    byte[] compute(byte[] input);

    /**
     * {@link #compute(byte[])} for an execution that may be stopped: a precompile whose work can be
     * long for its gas (BLAKE2F's caller-chosen rounds) asks {@code abort} as it goes and throws
     * {@link ExecutionAbortedException}; the others run as they are.
     */
    default byte[] compute(byte[] input, AbortCheck abort) {
        return compute(input);
    }
}
