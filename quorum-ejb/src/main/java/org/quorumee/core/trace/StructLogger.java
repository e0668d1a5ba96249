package org.quorumee.core.trace;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.quorumee.core.bytes.Hex;
import org.quorumee.core.evm.AbortCheck;
import org.quorumee.core.evm.CallResult;
import org.quorumee.core.evm.EvmTracer;
import org.quorumee.core.evm.ExecutionAbortedException;
import org.quorumee.core.state.ExecutionState;
import org.quorumee.core.types.Address;
import org.quorumee.core.types.UInt256;

/**
 * go-ethereum's default {@code debug_traceTransaction} tracer: one struct log per executed
 * instruction and the transaction's outcome, as plain maps and lists ready for JSON.
 *
 * <p>Formats follow geth: depth counts from 1, stack words as minimal {@code 0x} hex (bottom first),
 * memory as 32-byte chunks and storage slots as 64 hex digits without prefix, {@code returnValue}
 * as hex without prefix. Storage is the slots the current contract read (SLOAD) or wrote (SSTORE)
 * so far and appears on those two instructions only. An instruction's {@code gasCost} is the gas
 * between it and the next instruction of its frame, with gas a callee returned added back, so a
 * call's cost includes the gas it forwarded.
 *
 * <p>Bounded: the logger counts the JSON its logs will take as it goes and stops the execution
 * with {@link TraceTooLargeException} past its limit, and asks its {@link AbortCheck} (a timeout)
 * every {@link #ABORT_CHECK_STEPS} steps, stopping with {@link ExecutionAbortedException}.
 */
public final class StructLogger implements EvmTracer {

    /** What each struct log carries. geth leaves memory out unless asked ({@code enableMemory}). */
    public record Options(boolean disableStack, boolean enableMemory, boolean disableStorage) {
        public static final Options DEFAULT = new Options(false, false, false);
    }

    private static final int SLOAD = 0x54;
    private static final int SSTORE = 0x55;
    private static final int MAX_DEPTH = 1026;

    /** Steps between two questions to the abort check (tracing a step costs far more than asking). */
    public static final int ABORT_CHECK_STEPS = 1024;
    /** JSON text of a struct log besides its stack, memory and storage (field names, numbers). */
    private static final int LOG_OVERHEAD_BYTES = 90;
    /** A memory chunk: 64 hex digits, quotes and a comma; a storage entry: two of them and a colon. */
    private static final int MEMORY_CHUNK_BYTES = 67;
    private static final int STORAGE_ENTRY_BYTES = 134;

    private final ExecutionState state;
    private final Options options;
    private final AbortCheck abort;
    private final long maxOutputBytes;
    private long outputBytes;
    private int untilAbortCheck = ABORT_CHECK_STEPS;
    private final List<Map<String, Object>> structLogs = new ArrayList<>();
    /** The storage each contract touched so far (slot -> value, both 64 hex digits). */
    private final Map<Address, Map<String, String>> storage = new HashMap<>();
    /** Per depth: the last instruction's log and its gas, awaiting its cost; gas callees returned. */
    private final Map<String, Object>[] lastStep;
    private final long[] lastGas = new long[MAX_DEPTH];
    private final long[] returnedGas = new long[MAX_DEPTH];

    private boolean finished;
    private boolean failed;
    private long gasUsed;
    private byte[] output = new byte[0];

    /** An unbounded logger. @param state the state the traced execution runs on (read for SLOAD values) */
    public StructLogger(ExecutionState state, Options options) {
        this(state, options, AbortCheck.NEVER, Long.MAX_VALUE);
    }

    /**
     * A logger that stops the execution when {@code abort} says so or when its logs would take more
     * than {@code maxOutputBytes} of JSON.
     */
    @SuppressWarnings("unchecked")
    public StructLogger(ExecutionState state, Options options, AbortCheck abort, long maxOutputBytes) {
        this.state = state;
        this.options = options;
        this.abort = abort;
        this.maxOutputBytes = maxOutputBytes;
        this.lastStep = new Map[MAX_DEPTH];
    }

    @Override
    public void onStep(int pc, int opcode, long gas, int depth, Address contract, long[] stack, int stackSize,
            byte[] memory, int memorySize) {
        if (--untilAbortCheck == 0) {
            untilAbortCheck = ABORT_CHECK_STEPS;
            if (abort.shouldAbort()) {
                throw new ExecutionAbortedException("execution timeout");
            }
        }
        settle(depth, gas);
        long size = LOG_OVERHEAD_BYTES;
        Map<String, Object> log = new LinkedHashMap<>();
        log.put("pc", pc);
        log.put("op", OpcodeNames.name(opcode));
        log.put("gas", gas);
        log.put("gasCost", 0L);
        log.put("depth", depth + 1);
        if (!options.disableStack()) {
            List<String> words = new ArrayList<>(stackSize);
            for (int i = 0; i < stackSize; i++) {
                String word = "0x" + new BigInteger(1, EvmTracer.word(stack, i)).toString(16);
                words.add(word);
                size += word.length() + 3;
            }
            log.put("stack", words);
        }
        if (options.enableMemory()) {
            // Counted before the chunks are made: one step's memory can be megabytes.
            size += (long) (memorySize / 32) * MEMORY_CHUNK_BYTES;
            countOutput(size);
            size = 0;
            List<String> chunks = new ArrayList<>(memorySize / 32);
            for (int offset = 0; offset < memorySize; offset += 32) {
                chunks.add(bare(Arrays.copyOfRange(memory, offset, offset + 32)));
            }
            log.put("memory", chunks);
        }
        if (!options.disableStorage() && (opcode == SLOAD && stackSize >= 1 || opcode == SSTORE && stackSize >= 2)) {
            byte[] key = EvmTracer.word(stack, stackSize - 1);
            byte[] value = opcode == SLOAD
                    ? state.storage(contract, UInt256.fromBytes(key)).toBytes()
                    : EvmTracer.word(stack, stackSize - 2);
            Map<String, String> slots = storage.computeIfAbsent(contract, a -> new TreeMap<>());
            slots.put(bare(key), bare(value));
            log.put("storage", new TreeMap<>(slots));
            size += (long) slots.size() * STORAGE_ENTRY_BYTES;
        }
        countOutput(size);
        structLogs.add(log);
        lastStep[depth] = log;
        lastGas[depth] = gas;
        returnedGas[depth] = 0;
    }

    private void countOutput(long bytes) {
        outputBytes += bytes;
        if (outputBytes > maxOutputBytes) {
            throw new TraceTooLargeException(maxOutputBytes);
        }
    }

    /** Gives the previous instruction at {@code depth} its cost now that the gas after it is known. */
    private void settle(int depth, long gasAfter) {
        Map<String, Object> previous = lastStep[depth];
        if (previous != null) {
            previous.put("gasCost", lastGas[depth] - gasAfter + returnedGas[depth]);
            lastStep[depth] = null;
        }
    }

    @Override
    public void onCallEnter(int depth, Address contract, Address caller, long gas) {
        lastStep[depth] = null;
    }

    @Override
    public void onCallExit(int depth, CallResult.Status status, long gasLeft, byte[] output, String error) {
        Map<String, Object> last = lastStep[depth];
        settle(depth, gasLeft);
        if (last != null && status == CallResult.Status.EXCEPTIONAL_HALT && error != null) {
            last.put("error", error);
        }
        if (depth > 0) {
            returnedGas[depth - 1] += gasLeft;
        }
    }

    @Override
    public void onTransactionEnd(boolean success, long gasUsed, byte[] output, String error) {
        this.finished = true;
        this.failed = !success;
        this.gasUsed = gasUsed;
        this.output = output.clone();
    }

    /**
     * geth's result: {@code {gas, failed, returnValue, structLogs}}.
     *
     * @throws IllegalStateException before the traced transaction ended
     */
    public Map<String, Object> result() {
        if (!finished) {
            throw new IllegalStateException("the traced transaction has not finished");
        }
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("gas", gasUsed);
        result.put("failed", failed);
        result.put("returnValue", bare(output));
        result.put("structLogs", structLogs);
        return result;
    }

    /** The struct logs so far. */
    public List<Map<String, Object>> structLogs() {
        return structLogs;
    }

    private static String bare(byte[] bytes) {
        return Hex.encode(bytes).substring(2);
    }
}
