package org.quorumee.core.evm;

/**
 * An execution stopped because its {@link AbortCheck} said so. It unwinds every call frame at once
 * and reverts nothing: the state it ran on is left half-way and must be thrown away (eth_call and
 * tracing run on throw-away states; block production never aborts).
 */
public final class ExecutionAbortedException extends RuntimeException {

    public ExecutionAbortedException(String message) {
        // No stack trace: this is an expected outcome, thrown from deep recursion.
        super(message, null, false, false);
    }
}
