package org.quorumee.core.evm;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.crypto.digests.KeccakDigest;
import org.quorumee.core.crypto.Keccak;
import org.quorumee.core.evm.precompile.PrecompiledContract;
import org.quorumee.core.rlp.Rlp;
import org.quorumee.core.state.ExecutionState;
import org.quorumee.core.state.ReadOnlyStateException;
import org.quorumee.core.types.Address;
import org.quorumee.core.types.Log;
import org.quorumee.core.types.UInt256;

/**
 * The interpreter, for one transaction: runs message calls and creations against an
 * {@link ExecutionState} under the {@link ForkRules} of the block. Nested calls recurse in Java: run
 * it on a thread of at least {@link #REQUIRED_THREAD_STACK} bytes of stack. The operand stacks are
 * long arrays reused per depth, words are four longs. One instance per transaction and thread.
 */
public final class Evm {
    /**
     * Thread stack for the deepest call chain (1025 frames, depth 0 to 1024): measured to fit in
     * 2 MB (JIT-compiled) and 1 MB (interpreted); 16 MB (surefire's -Xss) leaves an 8x margin.
     */
    public static final long REQUIRED_THREAD_STACK = 16L << 20;
    /**
     * Gas a frame spends between two questions to the {@link AbortCheck}. 100,000 gas take from about
     * 0.3 ms (the cheapest loop) to a few ms (the slowest precompiles per gas), so an abort comes
     * soon. The question rides on the out-of-gas check every instruction makes anyway: the
     * interpreter compares the gas left with a checkpoint 100,000 below the last question instead of
     * with zero, so asking costs nothing on the way.
     */
    public static final long ABORT_CHECK_GAS = 100_000;
    /** Call frames between two questions to the {@link AbortCheck}: call trees without any jump. */
    public static final int ABORT_CHECK_FRAMES = 1024;

    private static final byte[] EMPTY = new byte[0];
    private static final int[] STACK_IN = new int[256];
    private static final int[] STACK_OUT = new int[256];

    static {
        int[][] io = {
            {0x00, 0, 0}, {0x01, 2, 1}, {0x02, 2, 1}, {0x03, 2, 1}, {0x04, 2, 1}, {0x05, 2, 1}, {0x06, 2, 1},
            {0x07, 2, 1}, {0x08, 3, 1}, {0x09, 3, 1}, {0x0a, 2, 1}, {0x0b, 2, 1},
            {0x10, 2, 1}, {0x11, 2, 1}, {0x12, 2, 1}, {0x13, 2, 1}, {0x14, 2, 1}, {0x15, 1, 1}, {0x16, 2, 1},
            {0x17, 2, 1}, {0x18, 2, 1}, {0x19, 1, 1}, {0x1a, 2, 1}, {0x1b, 2, 1}, {0x1c, 2, 1}, {0x1d, 2, 1},
            {0x20, 2, 1},
            {0x30, 0, 1}, {0x31, 1, 1}, {0x32, 0, 1}, {0x33, 0, 1}, {0x34, 0, 1}, {0x35, 1, 1}, {0x36, 0, 1},
            {0x37, 3, 0}, {0x38, 0, 1}, {0x39, 3, 0}, {0x3a, 0, 1}, {0x3b, 1, 1}, {0x3c, 4, 0}, {0x3d, 0, 1},
            {0x3e, 3, 0}, {0x3f, 1, 1},
            {0x40, 1, 1}, {0x41, 0, 1}, {0x42, 0, 1}, {0x43, 0, 1}, {0x44, 0, 1}, {0x45, 0, 1}, {0x46, 0, 1},
            {0x47, 0, 1}, {0x48, 0, 1}, {0x49, 1, 1}, {0x4a, 0, 1},
            {0x50, 1, 0}, {0x51, 1, 1}, {0x52, 2, 0}, {0x53, 2, 0}, {0x54, 1, 1}, {0x55, 2, 0}, {0x56, 1, 0},
            {0x57, 2, 0}, {0x58, 0, 1}, {0x59, 0, 1}, {0x5a, 0, 1}, {0x5b, 0, 0}, {0x5c, 1, 1}, {0x5d, 2, 0},
            {0x5e, 3, 0}, {0x5f, 0, 1},
            {0xf0, 3, 1}, {0xf1, 7, 1}, {0xf2, 7, 1}, {0xf3, 2, 0}, {0xf4, 6, 1}, {0xf5, 4, 1}, {0xfa, 6, 1},
            {0xfd, 2, 0}, {0xff, 1, 0},
        };
        for (int[] e : io) {
            STACK_IN[e[0]] = e[1];
            STACK_OUT[e[0]] = e[2];
        }
        for (int op = 0x60; op <= 0x7f; op++) {
            STACK_OUT[op] = 1;
        }
        for (int n = 1; n <= 16; n++) {
            STACK_IN[0x7f + n] = n;
            STACK_OUT[0x7f + n] = n + 1;
            STACK_IN[0x8f + n] = n + 1;
            STACK_OUT[0x8f + n] = n + 1;
        }
        for (int n = 0; n <= 4; n++) {
            STACK_IN[0xa0 + n] = n + 2;
        }
    }

    public enum CallKind { CALL, CALLCODE, DELEGATECALL, STATICCALL }

    private final ForkRules rules;
    private final ExecutionState state;
    private final BlockContext block;
    private final TxContext tx;
    private final CodeCache codeCache;
    /** Null when nobody traces (the common case: one null check per instruction). */
    private final EvmTracer tracer;
    private final AbortCheck abort;
    /** Frames left before the abort check is asked again. */
    private int untilAbortCheck = ABORT_CHECK_FRAMES;
    /** Operand stacks by call depth, allocated on first use and reused by later frames at that depth. */
    private final long[][] stacks = new long[1026][];
    /** KECCAK256's digest and output, reused (one transaction runs on one thread). */
    private final KeccakDigest keccak = new KeccakDigest(256);
    private final byte[] hashOut = new byte[32];

    public Evm(ForkRules rules, ExecutionState state, BlockContext block, TxContext tx, CodeCache codeCache) {
        this(rules, state, block, tx, codeCache, null);
    }

    /** An EVM reporting each step to {@code tracer} (null for none). */
    public Evm(ForkRules rules, ExecutionState state, BlockContext block, TxContext tx, CodeCache codeCache,
            EvmTracer tracer) {
        this(rules, state, block, tx, codeCache, tracer, AbortCheck.NEVER);
    }

    /**
     * An EVM that also stops when {@code abort} says so (see {@link AbortCheck}): its calls then throw
     * {@link ExecutionAbortedException} and the state must be thrown away.
     */
    public Evm(ForkRules rules, ExecutionState state, BlockContext block, TxContext tx, CodeCache codeCache,
            EvmTracer tracer, AbortCheck abort) {
        this.tracer = tracer;
        this.abort = abort;
        this.rules = rules;
        this.state = state;
        this.block = block;
        this.tx = tx;
        this.codeCache = codeCache;
    }

    public ForkRules rules() {
        return rules;
    }

    private long[] stackFor(int depth) {
        long[] stack = stacks[depth];
        if (stack == null) {
            stack = new long[Frame.STACK_LIMIT * 4];
            stacks[depth] = stack;
        }
        return stack;
    }

    // ================================================================ messages

    /**
     * A message call. {@code address} is the account whose storage and balance the code acts on,
     * {@code codeAddress} the account whose code runs (they differ for CALLCODE and DELEGATECALL).
     * {@code value} is moved from caller to address for CALL only; for DELEGATECALL it is the
     * apparent value CALLVALUE reports.
     */
    public CallResult call(CallKind kind, Address caller, Address address, Address codeAddress, BigInteger value,
            byte[] input, long gas, boolean isStatic, int depth) {
        if (depth > rules.maxCallDepth) {
            return CallResult.notStarted(gas, "call depth exceeded");
        }
        boolean transfers = kind == CallKind.CALL || kind == CallKind.CALLCODE;
        if (transfers && value.signum() != 0 && state.balance(caller).compareTo(value) < 0) {
            return CallResult.notStarted(gas, "insufficient balance for transfer");
        }
        int snapshot = state.snapshot();
        try {
            return callFrom(snapshot, kind, caller, address, codeAddress, value, input, gas, isStatic, depth);
        } catch (ReadOnlyStateException e) {
            // a private transaction's frame tried to change the public state: it halts like a write
            // in a static call
            state.revertTo(snapshot);
            return CallResult.halt(e.getMessage());
        }
    }

    private CallResult callFrom(int snapshot, CallKind kind, Address caller, Address address, Address codeAddress,
            BigInteger value, byte[] input, long gas, boolean isStatic, int depth) {
        PrecompiledContract precompile = rules.precompile(codeAddress);
        if (kind == CallKind.CALL) {
            if (!state.exists(address) && !rules.isPrecompile(address) && value.signum() == 0) {
                return CallResult.success(gas, EMPTY); // EIP-158: calling nothing creates nothing
            }
            transfer(caller, address, value);
        } else if (kind == CallKind.STATICCALL) {
            state.addBalance(address, BigInteger.ZERO); // a touch, as the reference clients do (EIP-161)
        }
        CallResult result;
        if (precompile != null) {
            result = runPrecompile(precompile, input, gas);
        } else {
            byte[] codeHash = state.codeHash(codeAddress);
            if (codeHash == null || !state.hasCode(codeAddress)) {
                return CallResult.success(gas, EMPTY);
            }
            Code code = codeCache.get(codeHash, () -> state.code(codeAddress));
            Frame frame = new Frame(address, caller, value, input, code, isStatic, depth, gas, stackFor(depth));
            run(frame);
            result = new CallResult(frame.status, frame.gas, frame.output, null, frame.error);
        }
        if (result.status() != CallResult.Status.SUCCESS) {
            state.revertTo(snapshot);
        }
        return result;
    }

    private void transfer(Address from, Address to, BigInteger value) {
        state.subBalance(from, value);
        state.addBalance(to, value);
    }

    private CallResult runPrecompile(PrecompiledContract precompile, byte[] input, long gas) {
        long required = precompile.gasRequirement(input);
        if (required < 0 || required > gas) {
            return CallResult.halt("precompile out of gas");
        }
        byte[] output = precompile.compute(input, abort);
        if (output == null) {
            return CallResult.halt("precompile failed");
        }
        return CallResult.success(gas - required, output);
    }

    /** The address CREATE gives: keccak256(rlp([sender, nonce]))[12:]. */
    public static Address createAddress(Address sender, long nonce) {
        byte[] hash = Keccak.keccak256(Rlp.encodeList(Rlp.encodeBytes(sender.toArray()), Rlp.encodeLong(nonce)));
        return Address.wrap(java.util.Arrays.copyOfRange(hash, 12, 32));
    }

    /** The address CREATE2 gives: keccak256(0xff ++ sender ++ salt ++ keccak256(initcode))[12:]. */
    public static Address create2Address(Address sender, byte[] salt, byte[] initcode) {
        byte[] preimage = new byte[1 + 20 + 32 + 32];
        preimage[0] = (byte) 0xff;
        System.arraycopy(sender.toArray(), 0, preimage, 1, 20);
        System.arraycopy(salt, 0, preimage, 21, 32);
        System.arraycopy(Keccak.keccak256(initcode), 0, preimage, 53, 32);
        byte[] hash = Keccak.keccak256(preimage);
        return Address.wrap(java.util.Arrays.copyOfRange(hash, 12, 32));
    }

    /**
     * Creates a contract at {@code address} by running {@code initcode}. The caller's nonce must
     * already be incremented (the transaction or the CREATE opcode does that).
     */
    public CallResult createContract(Address caller, Address address, BigInteger value, byte[] initcode, long gas,
            int depth) {
        state.warmAddress(address);
        if (state.nonce(address) != 0 || state.hasCode(address) || state.hasStorage(address)) {
            return CallResult.halt("contract address collision");
        }
        int snapshot = state.snapshot();
        Frame frame = new Frame(address, caller, value, EMPTY, new Code(initcode), false, depth, gas, stackFor(depth));
        try {
            state.createContractAccount(address);
            state.setNonce(address, 1);
            transfer(caller, address, value);
            run(frame);
        } catch (ReadOnlyStateException e) {
            // see call(): a private transaction may not change the public state
            state.revertTo(snapshot);
            return CallResult.halt(e.getMessage());
        }
        if (frame.status == CallResult.Status.SUCCESS) {
            byte[] code = frame.output;
            long depositCost = rules.codeDepositPerByte * code.length;
            if (code.length > rules.maxCodeSize) {
                frame.status = CallResult.Status.EXCEPTIONAL_HALT;
                frame.error = "code size " + code.length + " exceeds " + rules.maxCodeSize;
            } else if (code.length > 0 && (code[0] & 0xff) == 0xef) {
                frame.status = CallResult.Status.EXCEPTIONAL_HALT;
                frame.error = "code starting with 0xEF (EIP-3541)";
            } else if (depositCost > frame.gas) {
                frame.status = CallResult.Status.EXCEPTIONAL_HALT;
                frame.error = "out of gas for code deposit";
            } else {
                frame.gas -= depositCost;
                state.setCode(address, code);
                return new CallResult(CallResult.Status.SUCCESS, frame.gas, EMPTY, address, null);
            }
            frame.gas = 0;
            frame.output = EMPTY;
        }
        state.revertTo(snapshot);
        return new CallResult(frame.status, frame.gas, frame.output, null, frame.error);
    }

    // ================================================================ interpreter

    private static Address toAddress(long[] s, int i) {
        byte[] word = new byte[32];
        Words.toBytes(s, i, word, 0);
        return Address.wrap(java.util.Arrays.copyOfRange(word, 12, 32));
    }

    private static void pushAddress(long[] s, int i, Address address) {
        Words.fromBytes(s, i, address.toArray(), 0, 20);
    }

    private static long words(long bytes) {
        return (bytes + 31) >>> 5;
    }

    /** Gas for touching an account under EIP-2929 (and warms it). */
    private long accessAccount(Address address) {
        return state.warmAddress(address) ? rules.coldAccountAccess : rules.warmAccess;
    }

    private static final String OOG = "out of gas";

    /** Asked every {@link #ABORT_CHECK_GAS} of a frame's gas and every {@link #ABORT_CHECK_FRAMES} frames. */
    private void askAbortCheck() {
        untilAbortCheck = ABORT_CHECK_FRAMES;
        if (abort.shouldAbort()) {
            throw new ExecutionAbortedException("execution aborted");
        }
    }

    private void run(Frame f) {
        if (--untilAbortCheck == 0) {
            askAbortCheck();
        }
        if (tracer == null) {
            interpret(f);
            return;
        }
        tracer.onCallEnter(f.depth, f.address, f.caller, f.gas);
        interpret(f);
        tracer.onCallExit(f.depth, f.status, f.gas, f.output, f.error);
    }

    @SuppressWarnings("checkstyle:MethodLength")
    private void interpret(Frame f) {
        final EvmTracer tracer = this.tracer;
        final long[] s = f.stack;
        final byte[] code = f.code.bytes();
        final int codeSize = code.length;
        final Memory mem = f.memory;
        final boolean[] defined = rules.defined;
        final int[] staticGas = rules.staticGas;
        int sp = 0;
        int pc = 0;
        long gas = f.gas;
        // Where the out-of-gas check also asks the abort check: never below zero, where it is out of gas.
        long gasCheckpoint = Math.max(0, gas - ABORT_CHECK_GAS);
        String halt = null;
        CallResult.Status status = CallResult.Status.SUCCESS;

        loop:
        while (true) {
            int op = pc < codeSize ? code[pc] & 0xff : 0x00;
            if (tracer != null) {
                tracer.onStep(pc, op, gas, f.depth, f.address, s, sp, mem.data(), mem.size());
            }
            if (!defined[op]) {
                halt = "invalid opcode 0x" + Integer.toHexString(op);
                break;
            }
            if (sp < STACK_IN[op]) {
                halt = "stack underflow";
                break;
            }
            if (sp - STACK_IN[op] + STACK_OUT[op] > Frame.STACK_LIMIT) {
                halt = "stack overflow";
                break;
            }
            gas -= staticGas[op];
            if (gas < gasCheckpoint) {
                if (gas < 0) {
                    halt = OOG;
                    break;
                }
                askAbortCheck();
                gasCheckpoint = Math.max(0, gas - ABORT_CHECK_GAS);
            }
            final int t = (sp - 1) << 2; // top word
            final int b = t - 4; // second word
            switch (op) {
                case 0x00: // STOP
                    break loop;
                case 0x01:
                    Words.add(s, t, b);
                    sp--;
                    break;
                case 0x02:
                    Words.mul(s, t, b);
                    sp--;
                    break;
                case 0x03:
                    Words.sub(s, t, b);
                    sp--;
                    break;
                case 0x04:
                    Words.div(s, t, b);
                    sp--;
                    break;
                case 0x05:
                    Words.sdiv(s, t, b);
                    sp--;
                    break;
                case 0x06:
                    Words.mod(s, t, b);
                    sp--;
                    break;
                case 0x07:
                    Words.smod(s, t, b);
                    sp--;
                    break;
                case 0x08:
                    Words.addmod(s, t, b, b - 4);
                    sp -= 2;
                    break;
                case 0x09:
                    Words.mulmod(s, t, b, b - 4);
                    sp -= 2;
                    break;
                case 0x0a: { // EXP
                    gas -= rules.expByteGas * Words.byteLength(s, b);
                    if (gas < 0) {
                        halt = OOG;
                        break loop;
                    }
                    Words.exp(s, t, b);
                    sp--;
                    break;
                }
                case 0x0b:
                    Words.signExtend(s, t, b);
                    sp--;
                    break;
                case 0x10: // LT
                    Words.set(s, b, Words.compareUnsigned(s, t, b) < 0 ? 1 : 0);
                    sp--;
                    break;
                case 0x11: // GT
                    Words.set(s, b, Words.compareUnsigned(s, t, b) > 0 ? 1 : 0);
                    sp--;
                    break;
                case 0x12: // SLT
                    Words.set(s, b, Words.compareSigned(s, t, b) < 0 ? 1 : 0);
                    sp--;
                    break;
                case 0x13: // SGT
                    Words.set(s, b, Words.compareSigned(s, t, b) > 0 ? 1 : 0);
                    sp--;
                    break;
                case 0x14: // EQ
                    Words.set(s, b, Words.compareUnsigned(s, t, b) == 0 ? 1 : 0);
                    sp--;
                    break;
                case 0x15: // ISZERO
                    Words.set(s, t, Words.isZero(s, t) ? 1 : 0);
                    break;
                case 0x16:
                    s[b] &= s[t];
                    s[b + 1] &= s[t + 1];
                    s[b + 2] &= s[t + 2];
                    s[b + 3] &= s[t + 3];
                    sp--;
                    break;
                case 0x17:
                    s[b] |= s[t];
                    s[b + 1] |= s[t + 1];
                    s[b + 2] |= s[t + 2];
                    s[b + 3] |= s[t + 3];
                    sp--;
                    break;
                case 0x18:
                    s[b] ^= s[t];
                    s[b + 1] ^= s[t + 1];
                    s[b + 2] ^= s[t + 2];
                    s[b + 3] ^= s[t + 3];
                    sp--;
                    break;
                case 0x19:
                    s[t] = ~s[t];
                    s[t + 1] = ~s[t + 1];
                    s[t + 2] = ~s[t + 2];
                    s[t + 3] = ~s[t + 3];
                    break;
                case 0x1a:
                    Words.byteOp(s, t, b);
                    sp--;
                    break;
                case 0x1b:
                    Words.shl(s, t, b);
                    sp--;
                    break;
                case 0x1c:
                    Words.shr(s, t, b, false);
                    sp--;
                    break;
                case 0x1d:
                    Words.shr(s, t, b, true);
                    sp--;
                    break;
                case 0x20: { // KECCAK256
                    long offset = Words.clamp(s, t);
                    long length = Words.clamp(s, b);
                    long cost = memoryCost(mem, offset, length, rules.keccakWordGas);
                    if (cost > gas) {
                        halt = OOG;
                        break loop;
                    }
                    gas -= cost;
                    mem.expand(offset, length);
                    if (length == 0) {
                        Words.fromBytes(s, b, Keccak.EMPTY_HASH, 0, 32); // the offset may be anything
                    } else {
                        keccak.update(mem.data(), (int) offset, (int) length);
                        keccak.doFinal(hashOut, 0); // also resets the digest
                        Words.fromBytes(s, b, hashOut, 0, 32);
                    }
                    sp--;
                    break;
                }
                case 0x30:
                    pushAddress(s, t + 4, f.address);
                    sp++;
                    break;
                case 0x31: { // BALANCE
                    Address a = toAddress(s, t);
                    long cost = accessAccount(a);
                    if (cost > gas) {
                        halt = OOG;
                        break loop;
                    }
                    gas -= cost;
                    Words.fromBigInteger(s, t, state.balance(a));
                    break;
                }
                case 0x32:
                    pushAddress(s, t + 4, tx.origin());
                    sp++;
                    break;
                case 0x33:
                    pushAddress(s, t + 4, f.caller);
                    sp++;
                    break;
                case 0x34:
                    Words.fromBigInteger(s, t + 4, f.value);
                    sp++;
                    break;
                case 0x35: { // CALLDATALOAD
                    long offset = Words.clamp(s, t);
                    if (offset >= f.input.length) {
                        Words.set(s, t, 0);
                    } else {
                        Words.fromBytes(s, t, f.input, (int) offset, 32);
                    }
                    break;
                }
                case 0x36:
                    Words.set(s, t + 4, f.input.length);
                    sp++;
                    break;
                case 0x37: // CALLDATACOPY
                case 0x39: // CODECOPY
                case 0x3e: { // RETURNDATACOPY
                    long memOffset = Words.clamp(s, t);
                    long dataOffset = Words.clamp(s, b);
                    long length = Words.clamp(s, b - 4);
                    byte[] source = op == 0x37 ? f.input : op == 0x39 ? code : f.returnData;
                    if (op == 0x3e && (dataOffset == Long.MAX_VALUE || length == Long.MAX_VALUE
                            || dataOffset + length > source.length)) {
                        halt = "return data out of bounds";
                        break loop;
                    }
                    long cost = memoryCost(mem, memOffset, length, rules.copyWordGas);
                    if (cost > gas) {
                        halt = OOG;
                        break loop;
                    }
                    gas -= cost;
                    mem.expand(memOffset, length);
                    mem.copyPadded(memOffset, source, dataOffset, length);
                    sp -= 3;
                    break;
                }
                case 0x38:
                    Words.set(s, t + 4, codeSize);
                    sp++;
                    break;
                case 0x3a:
                    Words.fromBigInteger(s, t + 4, tx.gasPrice());
                    sp++;
                    break;
                case 0x3b: { // EXTCODESIZE
                    Address a = toAddress(s, t);
                    long cost = accessAccount(a);
                    if (cost > gas) {
                        halt = OOG;
                        break loop;
                    }
                    gas -= cost;
                    Words.set(s, t, state.code(a).length);
                    break;
                }
                case 0x3c: { // EXTCODECOPY
                    Address a = toAddress(s, t);
                    long memOffset = Words.clamp(s, b);
                    long codeOffset = Words.clamp(s, b - 4);
                    long length = Words.clamp(s, b - 8);
                    long cost = memoryCost(mem, memOffset, length, rules.copyWordGas);
                    if (cost != Long.MAX_VALUE) {
                        cost += accessAccount(a);
                    }
                    if (cost > gas) {
                        halt = OOG;
                        break loop;
                    }
                    gas -= cost;
                    mem.expand(memOffset, length);
                    mem.copyPadded(memOffset, state.code(a), codeOffset, length);
                    sp -= 4;
                    break;
                }
                case 0x3d:
                    Words.set(s, t + 4, f.returnData.length);
                    sp++;
                    break;
                case 0x3f: { // EXTCODEHASH
                    Address a = toAddress(s, t);
                    long cost = accessAccount(a);
                    if (cost > gas) {
                        halt = OOG;
                        break loop;
                    }
                    gas -= cost;
                    if (state.isEmpty(a)) {
                        Words.set(s, t, 0);
                    } else {
                        Words.fromBytes(s, t, state.codeHash(a), 0, 32);
                    }
                    break;
                }
                case 0x40: { // BLOCKHASH
                    long n = Words.clamp(s, t);
                    if (n < block.number() && block.number() - n <= 256) {
                        Words.fromBytes(s, t, block.blockHashes().apply(n), 0, 32);
                    } else {
                        Words.set(s, t, 0);
                    }
                    break;
                }
                case 0x41:
                    pushAddress(s, t + 4, block.coinbase());
                    sp++;
                    break;
                case 0x42:
                    Words.set(s, t + 4, block.timestamp());
                    sp++;
                    break;
                case 0x43:
                    Words.set(s, t + 4, block.number());
                    sp++;
                    break;
                case 0x44:
                    Words.fromBytes(s, t + 4, block.prevRandao(), 0, block.prevRandao().length);
                    sp++;
                    break;
                case 0x45:
                    Words.set(s, t + 4, block.gasLimit());
                    sp++;
                    break;
                case 0x46:
                    Words.fromBigInteger(s, t + 4, block.chainId());
                    sp++;
                    break;
                case 0x47:
                    Words.fromBigInteger(s, t + 4, state.balance(f.address));
                    sp++;
                    break;
                case 0x48:
                    Words.fromBigInteger(s, t + 4, block.baseFee());
                    sp++;
                    break;
                case 0x49: { // BLOBHASH
                    long index = Words.clamp(s, t);
                    List<byte[]> hashes = tx.blobHashes();
                    if (index < hashes.size()) {
                        Words.fromBytes(s, t, hashes.get((int) index), 0, 32);
                    } else {
                        Words.set(s, t, 0);
                    }
                    break;
                }
                case 0x4a:
                    Words.fromBigInteger(s, t + 4, block.blobBaseFee());
                    sp++;
                    break;
                case 0x50:
                    sp--;
                    break;
                case 0x51: { // MLOAD
                    long offset = Words.clamp(s, t);
                    long cost = mem.expansionCost(offset, 32);
                    if (cost > gas) {
                        halt = OOG;
                        break loop;
                    }
                    gas -= cost;
                    mem.expand(offset, 32);
                    Words.fromBytes(s, t, mem.data(), (int) offset, 32);
                    break;
                }
                case 0x52: { // MSTORE
                    long offset = Words.clamp(s, t);
                    long cost = mem.expansionCost(offset, 32);
                    if (cost > gas) {
                        halt = OOG;
                        break loop;
                    }
                    gas -= cost;
                    mem.expand(offset, 32);
                    Words.toBytes(s, b, mem.data(), (int) offset);
                    sp -= 2;
                    break;
                }
                case 0x53: { // MSTORE8
                    long offset = Words.clamp(s, t);
                    long cost = mem.expansionCost(offset, 1);
                    if (cost > gas) {
                        halt = OOG;
                        break loop;
                    }
                    gas -= cost;
                    mem.expand(offset, 1);
                    mem.data()[(int) offset] = (byte) s[b + 3];
                    sp -= 2;
                    break;
                }
                case 0x54: { // SLOAD
                    UInt256 key = Words.toUInt256(s, t);
                    long cost = state.warmSlot(f.address, key) ? rules.coldSload : rules.warmAccess;
                    if (cost > gas) {
                        halt = OOG;
                        break loop;
                    }
                    gas -= cost;
                    Words.fromUInt256(s, t, state.storage(f.address, key));
                    break;
                }
                case 0x55: { // SSTORE
                    if (f.isStatic) {
                        halt = "state change in a static call";
                        break loop;
                    }
                    if (gas <= rules.sstoreSentry) {
                        halt = OOG;
                        break loop;
                    }
                    UInt256 key = Words.toUInt256(s, t);
                    UInt256 value = Words.toUInt256(s, b);
                    long cost = sstoreCost(f.address, key, value);
                    if (cost > gas) {
                        halt = OOG;
                        break loop;
                    }
                    gas -= cost;
                    state.setStorage(f.address, key, value);
                    sp -= 2;
                    break;
                }
                case 0x56: { // JUMP
                    long dest = Words.clamp(s, t);
                    if (!f.code.isJumpDest(dest)) {
                        halt = "bad jump destination";
                        break loop;
                    }
                    pc = (int) dest;
                    sp--;
                    continue;
                }
                case 0x57: { // JUMPI
                    if (!Words.isZero(s, b)) {
                        long dest = Words.clamp(s, t);
                        if (!f.code.isJumpDest(dest)) {
                            halt = "bad jump destination";
                            break loop;
                        }
                        pc = (int) dest;
                        sp -= 2;
                        continue;
                    }
                    sp -= 2;
                    break;
                }
                case 0x58:
                    Words.set(s, t + 4, pc);
                    sp++;
                    break;
                case 0x59:
                    Words.set(s, t + 4, mem.size());
                    sp++;
                    break;
                case 0x5a:
                    Words.set(s, t + 4, gas);
                    sp++;
                    break;
                case 0x5b:
                    break;
                case 0x5c: // TLOAD
                    Words.fromUInt256(s, t, state.transientStorage(f.address, Words.toUInt256(s, t)));
                    break;
                case 0x5d: // TSTORE
                    if (f.isStatic) {
                        halt = "state change in a static call";
                        break loop;
                    }
                    state.setTransientStorage(f.address, Words.toUInt256(s, t), Words.toUInt256(s, b));
                    sp -= 2;
                    break;
                case 0x5e: { // MCOPY
                    long dest = Words.clamp(s, t);
                    long src = Words.clamp(s, b);
                    long length = Words.clamp(s, b - 4);
                    long cost = memoryCost(mem, Math.max(dest, src), length, rules.copyWordGas);
                    if (cost > gas) {
                        halt = OOG;
                        break loop;
                    }
                    gas -= cost;
                    if (length > 0) {
                        mem.expand(Math.max(dest, src), length);
                        System.arraycopy(mem.data(), (int) src, mem.data(), (int) dest, (int) length);
                    }
                    sp -= 3;
                    break;
                }
                case 0x5f:
                    Words.set(s, t + 4, 0);
                    sp++;
                    break;
                case 0xa0:
                case 0xa1:
                case 0xa2:
                case 0xa3:
                case 0xa4: { // LOG0..LOG4
                    if (f.isStatic) {
                        halt = "state change in a static call";
                        break loop;
                    }
                    int topicCount = op - 0xa0;
                    long offset = Words.clamp(s, t);
                    long length = Words.clamp(s, b);
                    long cost = mem.expansionCost(offset, length);
                    if (cost != Long.MAX_VALUE) {
                        cost += rules.logDataGas * length;
                    }
                    if (cost > gas) {
                        halt = OOG;
                        break loop;
                    }
                    gas -= cost;
                    mem.expand(offset, length);
                    List<byte[]> topics = new ArrayList<>(topicCount);
                    for (int i = 0; i < topicCount; i++) {
                        byte[] topic = new byte[32];
                        Words.toBytes(s, b - 4 - 4 * i, topic, 0);
                        topics.add(topic);
                    }
                    state.addLog(new Log(f.address, topics, mem.read(offset, length)));
                    sp -= 2 + topicCount;
                    break;
                }
                case 0xf0:
                case 0xf5: { // CREATE, CREATE2
                    f.gas = gas;
                    f.sp = sp;
                    halt = create(f, op == 0xf5);
                    gas = f.gas;
                    sp = f.sp;
                    if (halt != null) {
                        break loop;
                    }
                    break;
                }
                case 0xf1:
                case 0xf2:
                case 0xf4:
                case 0xfa: {
                    f.gas = gas;
                    f.sp = sp;
                    halt = callOp(f, op);
                    gas = f.gas;
                    sp = f.sp;
                    if (halt != null) {
                        break loop;
                    }
                    break;
                }
                case 0xf3: // RETURN
                case 0xfd: { // REVERT
                    long offset = Words.clamp(s, t);
                    long length = Words.clamp(s, b);
                    long cost = mem.expansionCost(offset, length);
                    if (cost > gas) {
                        halt = OOG;
                        break loop;
                    }
                    gas -= cost;
                    mem.expand(offset, length);
                    f.output = mem.read(offset, length);
                    if (op == 0xfd) {
                        status = CallResult.Status.REVERT;
                    }
                    break loop;
                }
                case 0xff: { // SELFDESTRUCT
                    if (f.isStatic) {
                        halt = "state change in a static call";
                        break loop;
                    }
                    Address beneficiary = toAddress(s, t);
                    long cost = state.warmAddress(beneficiary) ? rules.coldAccountAccess : 0;
                    BigInteger balance = state.balance(f.address);
                    if (balance.signum() != 0 && state.isEmpty(beneficiary)) {
                        cost += rules.newAccount;
                    }
                    if (cost > gas) {
                        halt = OOG;
                        break loop;
                    }
                    gas -= cost;
                    selfDestruct(f.address, beneficiary, balance);
                    break loop;
                }
                case 0x60, 0x61, 0x62, 0x63, 0x64, 0x65, 0x66, 0x67, 0x68, 0x69, 0x6a, 0x6b, 0x6c, 0x6d, 0x6e, 0x6f, 0x70, 0x71, 0x72, 0x73, 0x74, 0x75, 0x76, 0x77, 0x78, 0x79, 0x7a, 0x7b, 0x7c, 0x7d, 0x7e, 0x7f: { // PUSH1..PUSH32
                    int n = op - 0x5f;
                    Words.fromBytes(s, t + 4, code, pc + 1, n);
                    sp++;
                    pc += n;
                    break;
                }
                case 0x80, 0x81, 0x82, 0x83, 0x84, 0x85, 0x86, 0x87, 0x88, 0x89, 0x8a, 0x8b, 0x8c, 0x8d, 0x8e, 0x8f: { // DUP1..DUP16
                    int src = t - ((op - 0x80) << 2);
                    s[t + 4] = s[src];
                    s[t + 5] = s[src + 1];
                    s[t + 6] = s[src + 2];
                    s[t + 7] = s[src + 3];
                    sp++;
                    break;
                }
                case 0x90, 0x91, 0x92, 0x93, 0x94, 0x95, 0x96, 0x97, 0x98, 0x99, 0x9a, 0x9b, 0x9c, 0x9d, 0x9e, 0x9f: { // SWAP1..SWAP16
                    int other = t - ((op - 0x8f) << 2);
                    long x0 = s[t];
                    long x1 = s[t + 1];
                    long x2 = s[t + 2];
                    long x3 = s[t + 3];
                    s[t] = s[other];
                    s[t + 1] = s[other + 1];
                    s[t + 2] = s[other + 2];
                    s[t + 3] = s[other + 3];
                    s[other] = x0;
                    s[other + 1] = x1;
                    s[other + 2] = x2;
                    s[other + 3] = x3;
                    break;
                }
                default:
                    halt = "invalid opcode 0x" + Integer.toHexString(op);
                    break loop;
            }
            pc++;
        }
        if (halt != null) {
            f.status = CallResult.Status.EXCEPTIONAL_HALT;
            f.error = halt;
            f.gas = 0;
            f.output = EMPTY;
        } else {
            f.status = status;
            f.gas = gas;
        }
    }

    /** Memory expansion plus a per-word charge; Long.MAX_VALUE when unaffordable by any gas. */
    private static long memoryCost(Memory mem, long offset, long length, long perWord) {
        long expansion = mem.expansionCost(offset, length);
        if (expansion == Long.MAX_VALUE) {
            return Long.MAX_VALUE;
        }
        return expansion + perWord * words(length);
    }

    /** EIP-2200 net gas metering with EIP-2929 cold slots and EIP-3529 refunds; adjusts the refund counter. */
    private long sstoreCost(Address address, UInt256 key, UInt256 value) {
        long cost = state.warmSlot(address, key) ? rules.coldSload : 0;
        UInt256 current = state.storage(address, key);
        if (current.equals(value)) {
            return cost + rules.warmAccess;
        }
        UInt256 original = state.originalStorage(address, key);
        if (original.equals(current)) {
            if (original.isZero()) {
                return cost + rules.sstoreSet;
            }
            if (value.isZero()) {
                state.addRefund(rules.sstoreClearsRefund);
            }
            return cost + rules.sstoreReset;
        }
        if (!original.isZero()) {
            if (current.isZero()) {
                state.subRefund(rules.sstoreClearsRefund);
            } else if (value.isZero()) {
                state.addRefund(rules.sstoreClearsRefund);
            }
        }
        if (original.equals(value)) {
            if (original.isZero()) {
                state.addRefund(rules.sstoreSet - rules.warmAccess);
            } else {
                state.addRefund(rules.sstoreReset - rules.warmAccess);
            }
        }
        return cost + rules.warmAccess;
    }

    private void selfDestruct(Address self, Address beneficiary, BigInteger balance) {
        if (rules.selfDestructOnlyWhenCreatedInTx) {
            state.subBalance(self, balance);
            state.addBalance(beneficiary, balance);
            if (state.createdInThisTransaction(self)) {
                state.destroy(self);
            }
        } else {
            state.addBalance(beneficiary, balance);
            state.destroy(self);
        }
    }

    /** CALL, CALLCODE, DELEGATECALL, STATICCALL; returns a halt reason or null. */
    private String callOp(Frame f, int op) {
        long[] s = f.stack;
        int t = (f.sp - 1) << 2;
        boolean hasValue = op == 0xf1 || op == 0xf2;
        long requestedGas = Words.clamp(s, t);
        Address target = toAddress(s, t - 4);
        int argBase = t - (hasValue ? 12 : 8);
        BigInteger value = hasValue ? Words.get(s, t - 8) : BigInteger.ZERO;
        long inOffset = Words.clamp(s, argBase);
        long inLength = Words.clamp(s, argBase - 4);
        long outOffset = Words.clamp(s, argBase - 8);
        long outLength = Words.clamp(s, argBase - 12);
        boolean transfersValue = hasValue && value.signum() != 0;
        if (op == 0xf1 && f.isStatic && transfersValue) {
            return "value transfer in a static call";
        }
        Memory mem = f.memory;
        long inCost = mem.expansionCost(inOffset, inLength);
        long outCost = mem.expansionCost(outOffset, outLength);
        if (inCost == Long.MAX_VALUE || outCost == Long.MAX_VALUE) {
            return OOG;
        }
        long cost = Math.max(inCost, outCost) + accessAccount(target);
        if (transfersValue) {
            cost += rules.callValueTransfer;
            if (op == 0xf1 && state.isEmpty(target)) {
                cost += rules.newAccount;
            }
        }
        if (cost > f.gas) {
            return OOG;
        }
        f.gas -= cost;
        long available = f.gas - f.gas / 64;
        long callGas = Math.min(requestedGas, available);
        f.gas -= callGas;
        if (transfersValue) {
            callGas += rules.callStipend;
        }
        mem.expand(inOffset, inLength);
        mem.expand(outOffset, outLength);
        byte[] input = mem.read(inOffset, inLength);
        CallResult result = switch (op) {
            case 0xf1 -> call(CallKind.CALL, f.address, target, target, value, input, callGas, f.isStatic,
                    f.depth + 1);
            case 0xf2 -> call(CallKind.CALLCODE, f.address, f.address, target, value, input, callGas, f.isStatic,
                    f.depth + 1);
            case 0xf4 -> call(CallKind.DELEGATECALL, f.caller, f.address, target, f.value, input, callGas,
                    f.isStatic, f.depth + 1);
            default -> call(CallKind.STATICCALL, f.address, target, target, BigInteger.ZERO, input, callGas, true,
                    f.depth + 1);
        };
        byte[] output = result.output();
        f.returnData = output;
        int copy = (int) Math.min(outLength, output.length);
        if (copy > 0) {
            System.arraycopy(output, 0, mem.data(), (int) outOffset, copy);
        }
        f.gas += result.gasLeft();
        f.sp -= hasValue ? 6 : 5;
        Words.set(s, (f.sp - 1) << 2, result.isSuccess() ? 1 : 0);
        return null;
    }

    /** CREATE and CREATE2; returns a halt reason or null. */
    private String create(Frame f, boolean create2) {
        if (f.isStatic) {
            return "state change in a static call";
        }
        long[] s = f.stack;
        int t = (f.sp - 1) << 2;
        BigInteger value = Words.get(s, t);
        long offset = Words.clamp(s, t - 4);
        long length = Words.clamp(s, t - 8);
        if (rules.maxInitcodeSize >= 0 && length > rules.maxInitcodeSize) {
            return "initcode too large";
        }
        long cost = f.memory.expansionCost(offset, length);
        if (cost == Long.MAX_VALUE) {
            return OOG;
        }
        cost += rules.initcodeWordGas * words(length);
        if (create2) {
            cost += rules.keccakWordGas * words(length);
        }
        if (cost > f.gas) {
            return OOG;
        }
        f.gas -= cost;
        f.memory.expand(offset, length);
        byte[] initcode = f.memory.read(offset, length);
        byte[] salt = new byte[32];
        if (create2) {
            Words.toBytes(s, t - 12, salt, 0);
        }
        f.sp -= create2 ? 4 : 3;
        int result = (f.sp) << 2; // where the address (or zero) is pushed
        f.sp++;
        f.returnData = EMPTY;
        long callGas = f.gas - f.gas / 64;
        Address caller = f.address;
        long nonce = state.nonce(caller);
        if (f.depth + 1 > rules.maxCallDepth || state.balance(caller).compareTo(value) < 0 || nonce == -1L) {
            Words.set(s, result, 0);
            return null;
        }
        f.gas -= callGas;
        Address address = create2 ? create2Address(caller, salt, initcode) : createAddress(caller, nonce);
        state.setNonce(caller, nonce + 1);
        CallResult outcome = createContract(caller, address, value, initcode, callGas, f.depth + 1);
        f.gas += outcome.gasLeft();
        if (outcome.isSuccess()) {
            pushAddress(s, result, address);
        } else {
            Words.set(s, result, 0);
            if (outcome.status() == CallResult.Status.REVERT) {
                f.returnData = outcome.output();
            }
        }
        return null;
    }
}
