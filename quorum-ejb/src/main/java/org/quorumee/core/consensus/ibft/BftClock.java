package org.quorumee.core.consensus.ibft;

/** Port: the time, in milliseconds since the epoch (the system clock in a node, a virtual one in tests). */
@FunctionalInterface
public interface BftClock {
    long nowMillis();
}
