package org.quorumee.core.evm.precompile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.quorumee.core.fork.Fork;
import org.quorumee.core.types.Address;

/**
 * The registry: which contract sits at which address in each fork. Each contract has its own test
 * class; their conformance through the EVM is the state-test runner's (GeneralStateTests
 * stPreCompiledContracts*, stZeroKnowledge*).
 */
class PrecompilesTest {

    @Test
    void londonAndShanghaiHaveOneToNineCancunOneToTen() {
        for (Fork fork : Fork.values()) {
            Map<Address, PrecompiledContract> contracts = Precompiles.forFork(fork);
            assertEquals(fork == Fork.CANCUN ? 10 : 9, contracts.size(), fork.name());
            assertSame(contracts, Precompiles.forFork(fork), "built once");
            assertThrows(UnsupportedOperationException.class, () -> contracts.remove(Precompiles.SHA256));
            assertInstanceOf(EcRecover.class, contracts.get(Address.ofLong(0x01)));
            assertInstanceOf(Sha256.class, contracts.get(Address.ofLong(0x02)));
            assertInstanceOf(Ripemd160.class, contracts.get(Address.ofLong(0x03)));
            assertInstanceOf(Identity.class, contracts.get(Address.ofLong(0x04)));
            assertInstanceOf(ModExp.class, contracts.get(Address.ofLong(0x05)));
            assertInstanceOf(AltBn128Add.class, contracts.get(Address.ofLong(0x06)));
            assertInstanceOf(AltBn128Mul.class, contracts.get(Address.ofLong(0x07)));
            assertInstanceOf(AltBn128Pairing.class, contracts.get(Address.ofLong(0x08)));
            assertInstanceOf(Blake2f.class, contracts.get(Address.ofLong(0x09)));
            assertNull(contracts.get(Address.ofLong(0x0b)));
        }
        assertInstanceOf(KzgPointEvaluation.class,
                Precompiles.forFork(Fork.CANCUN).get(Precompiles.KZG_POINT_EVALUATION));
        assertNull(Precompiles.forFork(Fork.SHANGHAI).get(Precompiles.KZG_POINT_EVALUATION));
    }
}
