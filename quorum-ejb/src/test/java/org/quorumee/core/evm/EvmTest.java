package org.quorumee.core.evm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.quorumee.core.bytes.Hex;
import org.quorumee.core.crypto.Keccak;
import org.quorumee.core.fork.Fork;
import org.quorumee.core.state.WorldState;
import org.quorumee.core.trie.InMemoryNodeStore;
import org.quorumee.core.types.Address;
import org.quorumee.core.types.UInt256;

/** What the state tests do not pin down: deep call chains, the configurable code size, opcodes by fork. */
class EvmTest {
    private static final Address SENDER = Address.fromHex("0x00000000000000000000000000000000000000aa");
    private static final Address CONTRACT = Address.fromHex("0x00000000000000000000000000000000000000cc");

    private static BlockContext block() {
        return new BlockContext(Address.ZERO, 10, 1000, 30_000_000, BigInteger.ONE, new byte[32], BigInteger.ONE,
                BigInteger.ONE, n -> Keccak.keccak256(Long.toString(n).getBytes(StandardCharsets.US_ASCII)));
    }

    private static WorldState stateWith(String code) {
        WorldState state = new WorldState(new InMemoryNodeStore(), WorldState.EMPTY_TRIE_ROOT);
        state.putAccount(SENDER, 0, BigInteger.TEN.pow(20), new byte[0], Map.of());
        state.putAccount(CONTRACT, 1, BigInteger.ZERO, Hex.decode(code), Map.of());
        return state;
    }

    private static Evm evm(ForkRules rules, WorldState state) {
        return new Evm(rules, state, block(), new TxContext(SENDER, BigInteger.ONE, List.of()), new CodeCache(16));
    }

    @Test
    void recursionReachesDepth1024WithoutOverflowingTheJavaStack() throws Exception {
        // slot0 += 1; CALL(gas, self, 0, 0, 0, 0, 0); STOP
        WorldState state = stateWith("600054600101600055" + "60006000600060006000305af15000");
        AtomicReference<CallResult> result = new AtomicReference<>();
        Thread thread = new Thread(null, () -> result.set(evm(ForkRules.of(Fork.CANCUN), state).call(
                Evm.CallKind.CALL, SENDER, CONTRACT, CONTRACT, BigInteger.ZERO, new byte[0], 4_000_000_000_000L,
                false, 0)), "deep-evm", Evm.REQUIRED_THREAD_STACK);
        thread.start();
        thread.join(TimeUnit.MINUTES.toMillis(2));
        assertFalse(thread.isAlive(), "the 1025-deep call chain did not finish within 2 minutes");
        assertTrue(result.get() != null, "the deep call threw (see the thread's stack trace)");
        assertTrue(result.get().isSuccess(), String.valueOf(result.get().error()));
        assertEquals(UInt256.of(1025), state.storage(CONTRACT, UInt256.ZERO), "frames at depths 0..1024 ran");
    }

    @Test
    void codeSizeLimitIsConfigurable() {
        // initcode returning 11 zero bytes: RETURN(0, 11)
        byte[] initcode = Hex.decode("600b6000f3");
        Address created = Address.fromHex("0x00000000000000000000000000000000000000dd");
        WorldState state = stateWith("00");
        CallResult tooLarge = evm(ForkRules.of(Fork.CANCUN).withMaxCodeSize(10), state)
                .createContract(SENDER, created, BigInteger.ZERO, initcode, 100_000, 0);
        assertFalse(tooLarge.isSuccess());
        assertEquals(0, tooLarge.gasLeft());
        CallResult fits = evm(ForkRules.of(Fork.CANCUN).withMaxCodeSize(11), state)
                .createContract(SENDER, created, BigInteger.ZERO, initcode, 100_000, 0);
        assertTrue(fits.isSuccess());
        assertEquals(created, fits.createdAddress());
        assertEquals(11, state.code(created).length);
    }

    @Test
    void opcodesFollowTheForkRules() {
        // PUSH0 PUSH0 RETURN: valid from Shanghai, an invalid opcode in London
        WorldState state = stateWith("5f5ff3");
        CallResult london = evm(ForkRules.of(Fork.LONDON), state)
                .call(Evm.CallKind.CALL, SENDER, CONTRACT, CONTRACT, BigInteger.ZERO, new byte[0], 100_000, false, 0);
        assertFalse(london.isSuccess());
        assertTrue(london.error().contains("invalid opcode"));
        CallResult shanghai = evm(ForkRules.of(Fork.SHANGHAI), state)
                .call(Evm.CallKind.CALL, SENDER, CONTRACT, CONTRACT, BigInteger.ZERO, new byte[0], 100_000, false, 0);
        assertTrue(shanghai.isSuccess());
        assertNull(shanghai.error());
    }

    @Test
    void revertKeepsGasAndReturnsData() {
        // MSTORE(0, 0x2a) REVERT(0, 32)
        WorldState state = stateWith("602a60005260206000fd");
        CallResult result = evm(ForkRules.of(Fork.CANCUN), state)
                .call(Evm.CallKind.CALL, SENDER, CONTRACT, CONTRACT, BigInteger.ZERO, new byte[0], 100_000, false, 0);
        assertEquals(CallResult.Status.REVERT, result.status());
        assertTrue(result.gasLeft() > 99_000);
        assertArrayEquals(UInt256.of(42).toBytes(), result.output());
    }
}
