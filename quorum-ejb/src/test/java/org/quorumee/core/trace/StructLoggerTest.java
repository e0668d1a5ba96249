package org.quorumee.core.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.quorumee.core.bytes.Hex;
import org.quorumee.core.crypto.KeyPair;
import org.quorumee.core.evm.AbortCheck;
import org.quorumee.core.evm.BlockContext;
import org.quorumee.core.evm.CodeCache;
import org.quorumee.core.evm.ExecutionAbortedException;
import org.quorumee.core.evm.ForkRules;
import org.quorumee.core.fork.Fork;
import org.quorumee.core.state.WorldState;
import org.quorumee.core.transition.TransactionProcessor;
import org.quorumee.core.transition.TransactionResult;
import org.quorumee.core.trie.InMemoryNodeStore;
import org.quorumee.core.tx.Transaction;
import org.quorumee.core.tx.TransactionType;
import org.quorumee.core.types.Address;

class StructLoggerTest {
    static final KeyPair KEY = KeyPair.fromPrivateKey(
            Hex.decode("0x45a915e4d060149eb4365960e6a7a45f334393093061116b197e3240065ff2d8"));
    static final Address CONTRACT = Address.ofLong(0xc0de);
    /** sstore(1, 42); mstore(0, sload(1)); return(0, 32) */
    static final byte[] STORE_LOAD_RETURN = Hex.decode("0x602a60015560015460005260206000f3");

    private final TransactionProcessor processor = new TransactionProcessor(ForkRules.of(Fork.CANCUN), new CodeCache(16));

    static BlockContext block() {
        return new BlockContext(Address.ofLong(0xc0), 1, 1000, 30_000_000, BigInteger.TEN, new byte[32], BigInteger.ONE,
                BigInteger.ONE, n -> new byte[32]);
    }

    static WorldState stateWith(byte[] code) {
        WorldState state = new WorldState(new InMemoryNodeStore(), WorldState.EMPTY_TRIE_ROOT);
        state.putAccount(KEY.address(), 0, BigInteger.TEN.pow(18), new byte[0], Map.of());
        state.putAccount(CONTRACT, 1, BigInteger.ZERO, code, Map.of());
        state.commit();
        return state;
    }

    static Transaction callContract() {
        return Transaction.builder(TransactionType.LEGACY).chainId(1).nonce(0).gasPrice(BigInteger.valueOf(12))
                .gasLimit(100_000).to(CONTRACT).value(BigInteger.ZERO).data(new byte[0]).sign(KEY);
    }

    private Map<String, Object> trace(byte[] code, StructLogger.Options options) throws Exception {
        WorldState state = stateWith(code);
        StructLogger logger = new StructLogger(state, options);
        TransactionResult result = processor.process(state, block(), callContract(), 0, logger);
        Map<String, Object> trace = logger.result();
        assertEquals(result.gasUsed(), trace.get("gas"));
        return trace;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> logs(Map<String, Object> trace) {
        return (List<Map<String, Object>>) trace.get("structLogs");
    }

    @Test
    void tracesEachInstructionLikeGeth() throws Exception {
        Map<String, Object> trace = trace(STORE_LOAD_RETURN,
                new StructLogger.Options(false, true, false));
        assertEquals(false, trace.get("failed"));
        assertEquals(43_224L, trace.get("gas"));
        assertEquals("000000000000000000000000000000000000000000000000000000000000002a", trace.get("returnValue"));
        List<Map<String, Object>> logs = logs(trace);
        assertEquals(List.of("PUSH1", "PUSH1", "SSTORE", "PUSH1", "SLOAD", "PUSH1", "MSTORE", "PUSH1", "PUSH1",
                "RETURN"), logs.stream().map(l -> l.get("op")).toList());
        assertEquals(List.of(0, 2, 4, 5, 7, 8, 10, 11, 13, 15), logs.stream().map(l -> l.get("pc")).toList());
        assertEquals(List.of(3L, 3L, 22_100L, 3L, 100L, 3L, 6L, 3L, 3L, 0L),
                logs.stream().map(l -> l.get("gasCost")).toList());

        Map<String, Object> sstore = logs.get(2);
        assertEquals(78_994L, sstore.get("gas"));
        assertEquals(1, sstore.get("depth"));
        assertEquals(List.of("0x2a", "0x1"), sstore.get("stack"));
        String slot = "0000000000000000000000000000000000000000000000000000000000000001";
        String value = "000000000000000000000000000000000000000000000000000000000000002a";
        assertEquals(Map.of(slot, value), sstore.get("storage"));
        assertEquals(Map.of(slot, value), logs.get(4).get("storage")); // SLOAD reads what was stored
        assertFalse(logs.get(3).containsKey("storage"));
        assertEquals(List.of(), logs.get(6).get("memory"));
        assertEquals(List.of(value), logs.get(7).get("memory"));
    }

    @Test
    void optionsLeaveOutStackMemoryAndStorage() throws Exception {
        List<Map<String, Object>> logs = logs(trace(STORE_LOAD_RETURN, new StructLogger.Options(true, false, true)));
        for (Map<String, Object> log : logs) {
            assertFalse(log.containsKey("stack"));
            assertFalse(log.containsKey("memory"));
            assertFalse(log.containsKey("storage"));
        }
    }

    @Test
    void faultingInstructionCarriesTheError() throws Exception {
        Map<String, Object> trace = trace(Hex.decode("0x6001fe"), StructLogger.Options.DEFAULT);
        assertEquals(true, trace.get("failed"));
        assertEquals(100_000L, trace.get("gas"));
        List<Map<String, Object>> logs = logs(trace);
        assertEquals("INVALID", logs.get(1).get("op"));
        assertTrue(((String) logs.get(1).get("error")).contains("invalid opcode"));
        assertFalse(logs.get(0).containsKey("error"));
    }

    private static long jsonSize(Object value) throws Exception {
        return new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsBytes(value).length;
    }

    private Map<String, Object> boundedTrace(byte[] code, long maxBytes) throws Exception {
        WorldState state = stateWith(code);
        StructLogger logger = new StructLogger(state, new StructLogger.Options(false, true, false), AbortCheck.NEVER,
                maxBytes);
        try {
            processor.process(state, block(), callContract(), 0, logger);
        } catch (TraceTooLargeException e) {
            return null;
        }
        return logger.result();
    }

    @Test
    void theOutputBoundCountsWithinAFactorOfTwoOfTheRealJson() throws Exception {
        long real = jsonSize(logs(trace(STORE_LOAD_RETURN, new StructLogger.Options(false, true, false))));
        assertTrue(boundedTrace(STORE_LOAD_RETURN, real * 2) != null, "fits in twice its size");
        assertEquals(null, boundedTrace(STORE_LOAD_RETURN, real / 2), "refused in half its size");
    }

    @Test
    void aTraceOverItsBoundStopsTheExecution() {
        WorldState state = stateWith(Hex.decode("0x5b600056")); // JUMPDEST; PUSH1 0; JUMP: forever
        StructLogger logger = new StructLogger(state, StructLogger.Options.DEFAULT, AbortCheck.NEVER, 100_000);
        TraceTooLargeException e = assertThrows(TraceTooLargeException.class,
                () -> processor.process(state, block(), callContract(), 0, logger));
        assertEquals("trace larger than 100000 bytes", e.getMessage());
        // Each log counts at least its 90 bytes of fields: at most 1111 fit in 100000.
        assertTrue(logger.structLogs().size() <= 100_000 / 90, "stopped at the bound: " + logger.structLogs().size());
    }

    @Test
    void aTraceStopsWhenItsAbortCheckSaysSo() {
        WorldState state = stateWith(Hex.decode("0x5b600056"));
        java.util.concurrent.atomic.AtomicInteger asked = new java.util.concurrent.atomic.AtomicInteger();
        StructLogger logger = new StructLogger(state, StructLogger.Options.DEFAULT, () -> asked.incrementAndGet() == 2,
                Long.MAX_VALUE);
        ExecutionAbortedException e = assertThrows(ExecutionAbortedException.class,
                () -> processor.process(state, block(), callContract(), 0, logger));
        assertEquals("execution timeout", e.getMessage());
        assertEquals(2, asked.get());
        assertEquals(2 * StructLogger.ABORT_CHECK_STEPS - 1, logger.structLogs().size(),
                "asked every 1024 steps; the step that asked is not logged");
    }

    @Test
    void namesOpcodes() {
        assertEquals("PUSH32", OpcodeNames.name(0x7f));
        assertEquals("SWAP16", OpcodeNames.name(0x9f));
        assertEquals("opcode 0xc not defined", OpcodeNames.name(0x0c));
    }
}
