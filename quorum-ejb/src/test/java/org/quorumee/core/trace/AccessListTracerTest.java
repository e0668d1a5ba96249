package org.quorumee.core.trace;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.quorumee.core.bytes.Hex;
import org.quorumee.core.evm.CodeCache;
import org.quorumee.core.evm.ForkRules;
import org.quorumee.core.fork.Fork;
import org.quorumee.core.transition.CallSimulator;
import org.quorumee.core.tx.AccessListEntry;
import org.quorumee.core.types.Address;

class AccessListTracerTest {
    /** sload(5); balance(0x0bbb); call(gas, 0x01 (a precompile), 0, 0, 0, 0, 0); stop */
    private static final byte[] TOUCHES = Hex.decode("0x60055450610bbb31506000600060006000600060015af15000");
    private static final Address OTHER = Address.ofLong(0x0bbb);

    private final CallSimulator simulator = new CallSimulator(ForkRules.of(Fork.CANCUN), new CodeCache(16));

    private static CallSimulator.Message message(List<AccessListEntry> accessList) {
        return new CallSimulator.Message(StructLoggerTest.KEY.address(), Optional.of(StructLoggerTest.CONTRACT),
                100_000, BigInteger.ZERO, BigInteger.ZERO, new byte[0], accessList);
    }

    @Test
    void listsTouchedSlotsAndAccountsButNotSenderOrPrecompiles() throws Exception {
        CallSimulator.AccessListResult result = simulator.createAccessList(
                () -> CallSimulator.States.of(StructLoggerTest.stateWith(TOUCHES)), StructLoggerTest.block(), message(List.of()));
        assertTrue(result.outcome().isSuccess());
        List<AccessListEntry> list = result.accessList();
        assertEquals(List.of(StructLoggerTest.CONTRACT, OTHER), list.stream().map(AccessListEntry::address).toList());
        assertEquals(1, list.get(0).storageKeys().size());
        assertArrayEquals(Hex.decode("0x0000000000000000000000000000000000000000000000000000000000000005"),
                list.get(0).storageKeys().get(0));
        assertEquals(List.of(), list.get(1).storageKeys());

        // the reported gas is the gas with the list, counted by hand (Berlin/Cancun schedule):
        // 21000 + access list 2 x 2400 + 1 key x 1900 = 27700; then, everything warm:
        // PUSH1 3, SLOAD 100, POP 2, PUSH2 3, BALANCE 100, POP 2, 6 x PUSH1 18, GAS 2,
        // CALL to the warm precompile 100 + ecrecover's 3000, POP 2 = 3332
        long expected = 27_700 + 3_332;
        assertEquals(expected, result.outcome().gasUsed());
        CallSimulator.Outcome withList = simulator.run(StructLoggerTest.stateWith(TOUCHES), StructLoggerTest.block(),
                message(list));
        assertEquals(expected, withList.gasUsed(), "running with the list uses that gas");
    }

    @Test
    void stableListComparesEqualWhateverTheOrder() {
        AccessListEntry a = new AccessListEntry(OTHER, List.of());
        AccessListEntry b = new AccessListEntry(StructLoggerTest.CONTRACT, List.of(new byte[32]));
        AccessListTracer tracer = new AccessListTracer(List.of(a, b), List.of());
        assertTrue(tracer.sameAs(List.of(b, a)));
    }
}
