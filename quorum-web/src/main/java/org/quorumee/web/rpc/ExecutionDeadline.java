package org.quorumee.web.rpc;

import java.time.Duration;
import java.util.function.LongSupplier;
import org.quorumee.core.evm.AbortCheck;

/**
 * The time one request (one batch item) may keep the EVM busy, counted from the moment the
 * dispatcher takes it up ({@code quorum.rpc.evmTimeout}), and whether its client is still there. A
 * namespace method declares a parameter of this type to receive it (no JSON parameter is bound to
 * it) and hands {@link #abortCheck()} to the execution.
 */
public final class ExecutionDeadline {
    private final Duration timeout;
    private final LongSupplier nanoClock;
    private final long deadlineNanos;
    private final JsonRpcSession session;

    /**
     * @param timeout zero for no deadline
     * @param session the caller's connection, asked whether it is still open; null over HTTP
     */
    public ExecutionDeadline(Duration timeout, LongSupplier nanoClock, JsonRpcSession session) {
        this.timeout = timeout;
        this.nanoClock = nanoClock;
        this.deadlineNanos = nanoClock.getAsLong() + timeout.toNanos();
        this.session = session;
    }

    /** No deadline and no connection to watch (for tests and internal calls). */
    public static ExecutionDeadline none() {
        return new ExecutionDeadline(Duration.ZERO, () -> 0L, null);
    }

    /** A deadline {@code timeout} from now on the same clock, for the same client (a trace's own timeout). */
    public ExecutionDeadline withTimeout(Duration timeout) {
        return new ExecutionDeadline(timeout, nanoClock, session);
    }

    /** True once the deadline passed or the client went away. */
    public boolean isExpired() {
        boolean late = !timeout.isZero() && nanoClock.getAsLong() - deadlineNanos >= 0;
        return late || session != null && !session.isOpen();
    }

    /** The EVM's view of this deadline. */
    public AbortCheck abortCheck() {
        return this::isExpired;
    }

    public Duration timeout() {
        return timeout;
    }

    /** go-ethereum's error for a call stopped at its deadline: -32000 "execution aborted (timeout = 5s)". */
    public JsonRpcException abortedError() {
        return new JsonRpcException(JsonRpcException.SERVER_ERROR,
                "execution aborted (timeout = " + GoDurations.format(timeout) + ")");
    }
}
