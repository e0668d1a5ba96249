package org.quorumee.core.evm;

import java.math.BigInteger;
import org.quorumee.core.types.Address;

/** One executing call frame: the message, the code, and the machine state (stack, memory, gas). */
final class Frame {
    static final int STACK_LIMIT = 1024;
    static final byte[] EMPTY = new byte[0];

    final Address address;
    final Address caller;
    final BigInteger value;
    final byte[] input;
    final Code code;
    final boolean isStatic;
    final int depth;

    final long[] stack;
    int sp;
    final Memory memory = new Memory();
    long gas;
    /** Output of the last call this frame made (RETURNDATASIZE/COPY). */
    byte[] returnData = EMPTY;

    // outcome
    byte[] output = EMPTY;
    CallResult.Status status;
    String error;

    Frame(Address address, Address caller, BigInteger value, byte[] input, Code code, boolean isStatic, int depth,
            long gas, long[] stack) {
        this.address = address;
        this.caller = caller;
        this.value = value;
        this.input = input;
        this.code = code;
        this.isStatic = isStatic;
        this.depth = depth;
        this.gas = gas;
        this.stack = stack;
    }
}
