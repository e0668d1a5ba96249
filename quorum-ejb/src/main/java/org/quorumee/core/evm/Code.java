package org.quorumee.core.evm;

/**
 * Contract bytecode with its valid jump destinations, computed once. Immutable after construction,
 * so one instance can be shared by every frame running the same code.
 */
public final class Code {
    public static final Code EMPTY = new Code(new byte[0]);

    private final byte[] bytes;
    /** Bit i set when byte i is a JUMPDEST opcode (not push data). */
    private final long[] jumpDests;

    public Code(byte[] bytes) {
        this.bytes = bytes;
        this.jumpDests = analyse(bytes);
    }

    private static long[] analyse(byte[] code) {
        long[] bits = new long[(code.length + 63) >>> 6];
        for (int pc = 0; pc < code.length; pc++) {
            int op = code[pc] & 0xff;
            if (op == 0x5b) {
                bits[pc >>> 6] |= 1L << (pc & 63);
            } else if (op >= 0x60 && op <= 0x7f) {
                pc += op - 0x5f;
            }
        }
        return bits;
    }

    /** The bytecode itself; callers must not modify it. */
    public byte[] bytes() {
        return bytes;
    }

    public int size() {
        return bytes.length;
    }

    public boolean isJumpDest(long pc) {
        return pc >= 0 && pc < bytes.length && (jumpDests[(int) pc >>> 6] & (1L << (pc & 63))) != 0;
    }
}
