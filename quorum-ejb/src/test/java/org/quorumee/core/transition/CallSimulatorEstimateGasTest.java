package org.quorumee.core.transition;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.quorumee.core.bytes.Hex;
import org.quorumee.core.crypto.Keccak;
import org.quorumee.core.evm.BlockContext;
import org.quorumee.core.evm.CallResult;
import org.quorumee.core.evm.CodeCache;
import org.quorumee.core.evm.ForkRules;
import org.quorumee.core.fork.Fork;
import org.quorumee.core.state.WorldState;
import org.quorumee.core.trie.InMemoryNodeStore;
import org.quorumee.core.types.Address;

/** eth_estimateGas' search: the least gas with which a message succeeds, each expected value counted by hand. */
class CallSimulatorEstimateGasTest {
    private static final Address SENDER = Address.ofLong(0xaa);
    private static final Address STORE = Address.ofLong(0x5107e);
    private static final Address GAS_CHECK = Address.ofLong(0x6a5);
    private static final Address REVERTS = Address.ofLong(0xdead);
    /** sstore(1, 42); mstore(0, sload(1)); return(0, 32). */
    private static final byte[] STORE_LOAD_RETURN = Hex.decode("0x602a60015560015460005260206000f3");
    /** if (gasleft() after GAS > 10000) stop else revert(0, 0): GAS PUSH2 LT PUSH1 JUMPI PUSH1 PUSH1 REVERT JUMPDEST STOP. */
    private static final byte[] NEEDS_10001 = Hex.decode("0x5a61271010600d5760006000fd5b00");

    private final CallSimulator simulator = new CallSimulator(ForkRules.of(Fork.CANCUN), new CodeCache(16));

    private static BlockContext block() {
        return new BlockContext(Address.ZERO, 10, 1000, 30_000_000, BigInteger.ZERO, new byte[32], BigInteger.ONE,
                BigInteger.ONE, n -> Keccak.keccak256(Long.toString(n).getBytes(StandardCharsets.US_ASCII)));
    }

    private static Supplier<CallSimulator.States> state() {
        return () -> {
            WorldState state = new WorldState(new InMemoryNodeStore(), WorldState.EMPTY_TRIE_ROOT);
            state.putAccount(SENDER, 0, BigInteger.TEN.pow(18), new byte[0], Map.of());
            state.putAccount(STORE, 1, BigInteger.ZERO, STORE_LOAD_RETURN, Map.of());
            state.putAccount(GAS_CHECK, 1, BigInteger.ZERO, NEEDS_10001, Map.of());
            state.putAccount(REVERTS, 1, BigInteger.ZERO, Hex.decode("0x60006000fd"), Map.of());
            return CallSimulator.States.of(state);
        };
    }

    private static CallSimulator.Message to(Address to, long cap) {
        return new CallSimulator.Message(SENDER, Optional.of(to), cap, BigInteger.ZERO, BigInteger.ZERO, new byte[0], List.of());
    }

    @Test
    void aTransferNeedsTheIntrinsicGasOnly() throws Exception {
        CallSimulator.Estimate estimate = simulator.estimateGas(state(), block(), to(Address.ofLong(0x1234), 30_000_000));
        assertTrue(estimate.succeeded());
        assertEquals(21_000, estimate.gas());
    }

    @Test
    void aStoreNeedsExactlyWhatItUses() throws Exception {
        // 21,000 + PUSH1 3 + PUSH1 3 + SSTORE of a cold, empty slot 22,100 + PUSH1 3 + SLOAD (warm) 100
        // + PUSH1 3 + MSTORE 3 + 3 of memory + PUSH1 3 + PUSH1 3 + RETURN 0 = 43,224
        CallSimulator.Estimate estimate = simulator.estimateGas(state(), block(), to(STORE, 30_000_000));
        assertTrue(estimate.succeeded());
        assertEquals(43_224, estimate.gas());
        // with one gas less the store runs out of gas
        CallSimulator.Outcome short1 = simulator.run(state().get(), block(), to(STORE, 43_223));
        assertFalse(short1.isSuccess());
    }

    @Test
    void aGasCheckNeedsMoreThanItUses() throws Exception {
        // GAS costs 2 and pushes what is left: left after GAS > 10,000 needs gas - 21,000 - 2 >= 10,001,
        // so 31,003; the run itself uses 21,000 + 2 + PUSH2 3 + LT 3 + PUSH1 3 + JUMPI 10 + JUMPDEST 1 = 21,022
        CallSimulator.Estimate estimate = simulator.estimateGas(state(), block(), to(GAS_CHECK, 30_000_000));
        assertTrue(estimate.succeeded());
        assertEquals(31_003, estimate.gas());
        assertEquals(21_022, simulator.run(state().get(), block(), to(GAS_CHECK, 31_003)).gasUsed());
        assertEquals(CallResult.Status.REVERT, simulator.run(state().get(), block(), to(GAS_CHECK, 31_002)).status());
    }

    @Test
    void aCapBelowWhatIsNeededIsTheFailureAtTheCap() throws Exception {
        CallSimulator.Estimate capped = simulator.estimateGas(state(), block(), to(GAS_CHECK, 31_002));
        assertFalse(capped.succeeded());
        assertEquals(CallResult.Status.REVERT, capped.failure().status());
        CallSimulator.Estimate reverts = simulator.estimateGas(state(), block(), to(REVERTS, 30_000_000));
        assertFalse(reverts.succeeded());
        assertEquals(CallResult.Status.REVERT, reverts.failure().status());
        // a cap below the intrinsic gas cannot even start
        assertThrows(CallSimulator.CallRejectedException.class,
                () -> simulator.estimateGas(state(), block(), to(STORE, 20_999)));
    }
}
