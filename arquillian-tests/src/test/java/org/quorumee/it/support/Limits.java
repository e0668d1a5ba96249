package org.quorumee.it.support;

/**
 * How long the ITs wait for what the node does asynchronously (a block, a notification, a socket).
 * Generous on purpose — the build may share two cores with other work — and every wait that runs out
 * fails, naming what it waited for; no test sleeps and hopes.
 */
public final class Limits {
    /** A reply, a notification, a WebSocket handshake, a transaction's receipt. */
    public static final long WAIT_SECONDS = 120;
    /** A whole test method (JUnit's {@code @Timeout} on every IT class); Failsafe's fork timeout is the backstop. */
    public static final long TEST_MINUTES = 15;

    private Limits() {
    }
}
