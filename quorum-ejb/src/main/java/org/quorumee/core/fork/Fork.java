package org.quorumee.core.fork;

/**
 * The protocol rule sets the node implements, oldest first. Which one holds at a block is the chain
 * configuration's answer; what each one means (gas costs, opcodes, precompiles) is data keyed by
 * this enum, never an {@code if} on a fork name inside the interpreter.
 */
public enum Fork {
    LONDON,
    SHANGHAI,
    CANCUN;

    /** True when this fork includes the rules of {@code other} (it is the same or later). */
    public boolean isAtLeast(Fork other) {
        return compareTo(other) >= 0;
    }
}
