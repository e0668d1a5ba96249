package org.quorumee.core.trace;

/** Mnemonics of the opcodes, as go-ethereum's traces print them. */
public final class OpcodeNames {
    private static final String[] NAMES = new String[256];

    static {
        String[] low = {"STOP", "ADD", "MUL", "SUB", "DIV", "SDIV", "MOD", "SMOD", "ADDMOD", "MULMOD", "EXP",
            "SIGNEXTEND"};
        System.arraycopy(low, 0, NAMES, 0x00, low.length);
        String[] compare = {"LT", "GT", "SLT", "SGT", "EQ", "ISZERO", "AND", "OR", "XOR", "NOT", "BYTE", "SHL", "SHR",
            "SAR"};
        System.arraycopy(compare, 0, NAMES, 0x10, compare.length);
        NAMES[0x20] = "KECCAK256";
        String[] env = {"ADDRESS", "BALANCE", "ORIGIN", "CALLER", "CALLVALUE", "CALLDATALOAD", "CALLDATASIZE",
            "CALLDATACOPY", "CODESIZE", "CODECOPY", "GASPRICE", "EXTCODESIZE", "EXTCODECOPY", "RETURNDATASIZE",
            "RETURNDATACOPY", "EXTCODEHASH"};
        System.arraycopy(env, 0, NAMES, 0x30, env.length);
        String[] blk = {"BLOCKHASH", "COINBASE", "TIMESTAMP", "NUMBER", "PREVRANDAO", "GASLIMIT", "CHAINID",
            "SELFBALANCE", "BASEFEE", "BLOBHASH", "BLOBBASEFEE"};
        System.arraycopy(blk, 0, NAMES, 0x40, blk.length);
        String[] mem = {"POP", "MLOAD", "MSTORE", "MSTORE8", "SLOAD", "SSTORE", "JUMP", "JUMPI", "PC", "MSIZE", "GAS",
            "JUMPDEST", "TLOAD", "TSTORE", "MCOPY", "PUSH0"};
        System.arraycopy(mem, 0, NAMES, 0x50, mem.length);
        for (int n = 1; n <= 32; n++) {
            NAMES[0x5f + n] = "PUSH" + n;
        }
        for (int n = 1; n <= 16; n++) {
            NAMES[0x7f + n] = "DUP" + n;
            NAMES[0x8f + n] = "SWAP" + n;
        }
        for (int n = 0; n <= 4; n++) {
            NAMES[0xa0 + n] = "LOG" + n;
        }
        String[] sys = {"CREATE", "CALL", "CALLCODE", "RETURN", "DELEGATECALL", "CREATE2"};
        System.arraycopy(sys, 0, NAMES, 0xf0, sys.length);
        NAMES[0xfa] = "STATICCALL";
        NAMES[0xfd] = "REVERT";
        NAMES[0xfe] = "INVALID";
        NAMES[0xff] = "SELFDESTRUCT";
    }

    private OpcodeNames() {
    }

    /** The mnemonic, or geth's {@code opcode 0x.. not defined} for an unassigned byte. */
    public static String name(int opcode) {
        String name = NAMES[opcode & 0xff];
        return name != null ? name : "opcode 0x" + Integer.toHexString(opcode & 0xff) + " not defined";
    }
}
