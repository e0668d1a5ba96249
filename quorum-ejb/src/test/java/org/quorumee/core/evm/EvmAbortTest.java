package org.quorumee.core.evm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.quorumee.core.bytes.Hex;
import org.quorumee.core.fork.Fork;
import org.quorumee.core.state.WorldState;
import org.quorumee.core.trie.InMemoryNodeStore;
import org.quorumee.core.types.Address;

/**
 * The interpreter stops when its {@link AbortCheck} says so: asked once a frame spent 100,000 gas
 * since the last question, and every 1024 frames (call trees of frames that spend little).
 */
class EvmAbortTest {
    private static final Address SENDER = Address.fromHex("0x00000000000000000000000000000000000000aa");
    private static final Address CONTRACT = Address.fromHex("0x00000000000000000000000000000000000000cc");
    /** JUMPDEST; PUSH1 0; JUMP — forever, 12 gas a round. */
    private static final String LOOP = "5b600056";
    /** CALL(gas, self, 0, 0, 0, 0, 0); STOP — recursion to the depth limit, no jump anywhere. */
    private static final String SELF_CALL = "60006000600060006000305af15000";
    private static final int JUMP = 0x56;

    private static WorldState stateWith(String code) {
        WorldState state = new WorldState(new InMemoryNodeStore(), WorldState.EMPTY_TRIE_ROOT);
        state.putAccount(SENDER, 0, BigInteger.TEN.pow(20), new byte[0], Map.of());
        state.putAccount(CONTRACT, 1, BigInteger.ZERO, Hex.decode(code), Map.of());
        return state;
    }

    private static Evm evm(WorldState state, EvmTracer tracer, AbortCheck abort) {
        BlockContext block = new BlockContext(Address.ZERO, 10, 1000, 30_000_000, BigInteger.ONE, new byte[32],
                BigInteger.ONE, BigInteger.ONE, n -> new byte[32]);
        return new Evm(ForkRules.of(Fork.CANCUN), state, block, new TxContext(SENDER, BigInteger.ONE, List.of()),
                new CodeCache(4), tracer, abort);
    }

    private static CallResult call(Evm evm, long gas) {
        return evm.call(Evm.CallKind.CALL, SENDER, CONTRACT, CONTRACT, BigInteger.ZERO, new byte[0], gas, false, 0);
    }

    /** Counts the JUMP instructions the interpreter starts. */
    private static final class JumpCounter implements EvmTracer {
        int jumps;

        @Override
        public void onStep(int pc, int opcode, long gas, int depth, Address contract, long[] stack, int stackSize,
                byte[] memory, int memorySize) {
            if (opcode == JUMP) {
                jumps++;
            }
        }
    }

    @Test
    void withoutAnAbortCheckALoopEndsOnlyWhenItsGasRunsOut() {
        CallResult result = call(evm(stateWith(LOOP), null, AbortCheck.NEVER), 120_000);
        assertEquals(CallResult.Status.EXCEPTIONAL_HALT, result.status());
        assertEquals("out of gas", result.error());
    }

    @Test
    void aLoopStopsAtTheFirstYesAndTheCheckIsAskedEveryHundredThousandGas() {
        AtomicInteger asked = new AtomicInteger();
        JumpCounter counter = new JumpCounter();
        Evm evm = evm(stateWith(LOOP), counter, () -> asked.incrementAndGet() == 3);
        ExecutionAbortedException aborted = assertThrows(ExecutionAbortedException.class,
                () -> call(evm, Long.MAX_VALUE / 2));
        assertEquals("execution aborted", aborted.getMessage());
        assertEquals(3, asked.get());
        // A round costs 12 gas (JUMPDEST 1, PUSH1 3, JUMP 8). The first question comes on the first
        // instruction past 100,000 gas spent: the JUMP of round 8334 (100,008 gas); the next ones
        // 100,000 gas further, on the JUMPs of rounds 16668 (200,016) and 25002 (300,024).
        assertEquals(3 * 8334, counter.jumps);
    }

    @Test
    void aShortCallNeverReachesTheCheck() {
        AtomicInteger asked = new AtomicInteger();
        // PUSH1 1; PUSH1 6; JUMPI; INVALID; INVALID; JUMPDEST; STOP — one jump, one frame.
        CallResult result = call(evm(stateWith("6001600757fefe5b00"), null, () -> asked.incrementAndGet() > 0), 100_000);
        assertTrue(result.isSuccess(), String.valueOf(result.error()));
        assertEquals(0, asked.get());
    }

    @Test
    void aCallTreeWithoutJumpsStopsToo() throws Exception {
        AtomicInteger asked = new AtomicInteger();
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        AtomicReference<CallResult> completed = new AtomicReference<>();
        Thread thread = new Thread(null, () -> {
            try {
                completed.set(call(evm(stateWith(SELF_CALL), null, () -> asked.incrementAndGet() > 0), 4_000_000_000_000L));
            } catch (Throwable t) {
                thrown.set(t);
            }
        }, "deep-evm", Evm.REQUIRED_THREAD_STACK);
        thread.start();
        thread.join();
        assertTrue(thrown.get() instanceof ExecutionAbortedException, "completed: " + completed.get() + ", thrown: " + thrown.get());
        assertEquals(1, asked.get(), "asked at the 1024th frame");
    }
}
