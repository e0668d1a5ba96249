package org.quorumee.core.transition;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.quorumee.core.bytes.Hex;
import org.quorumee.core.crypto.KeyPair;
import org.quorumee.core.evm.BlockContext;
import org.quorumee.core.evm.CodeCache;
import org.quorumee.core.evm.ForkRules;
import org.quorumee.core.fork.Fork;
import org.quorumee.core.state.WorldState;
import org.quorumee.core.trie.InMemoryNodeStore;
import org.quorumee.core.tx.Transaction;
import org.quorumee.core.tx.TransactionType;
import org.quorumee.core.types.Address;

class TransactionProcessorTest {
    private static final KeyPair KEY = KeyPair.fromPrivateKey(
            Hex.decode("0x45a915e4d060149eb4365960e6a7a45f334393093061116b197e3240065ff2d8"));
    private static final Address COINBASE = Address.ofLong(0xc0);
    private static final Address RECIPIENT = Address.ofLong(0xbeef);
    private static final BigInteger BASE_FEE = BigInteger.TEN;

    private final TransactionProcessor processor = new TransactionProcessor(ForkRules.of(Fork.CANCUN), new CodeCache(16));

    private static BlockContext block() {
        return new BlockContext(COINBASE, 1, 1000, 30_000_000, BASE_FEE, new byte[32], BigInteger.ONE, BigInteger.ONE,
                n -> new byte[32]);
    }

    private static WorldState fundedState(BigInteger balance) {
        WorldState state = new WorldState(new InMemoryNodeStore(), WorldState.EMPTY_TRIE_ROOT);
        state.putAccount(KEY.address(), 0, balance, new byte[0], Map.of());
        state.commit();
        return state;
    }

    private static Transaction transfer(long nonce, BigInteger value) {
        return Transaction.builder(TransactionType.LEGACY).chainId(1).nonce(nonce).gasPrice(BigInteger.valueOf(12))
                .gasLimit(21_000).to(RECIPIENT).value(value).data(new byte[0]).sign(KEY);
    }

    @Test
    void transferPaysGasAndTipsTheCoinbase() throws Exception {
        WorldState state = fundedState(BigInteger.valueOf(1_000_000));
        TransactionResult result = processor.process(state, block(), transfer(0, BigInteger.valueOf(5)), 0);
        assertTrue(result.isSuccess());
        assertEquals(21_000, result.gasUsed());
        assertEquals(BigInteger.valueOf(5), state.balance(RECIPIENT));
        assertEquals(BigInteger.valueOf(1_000_000 - 5 - 21_000 * 12), state.balance(KEY.address()));
        assertEquals(BigInteger.valueOf(21_000 * 2), state.balance(COINBASE)); // (12 - 10) per gas
        assertEquals(1, state.nonce(KEY.address()));
    }

    @Test
    void rejectedTransactionsLeaveTheStateAlone() {
        WorldState state = fundedState(BigInteger.valueOf(1_000));
        byte[] root = state.commit();
        TransactionRejectedException poor = assertThrows(TransactionRejectedException.class,
                () -> processor.process(state, block(), transfer(0, BigInteger.ONE), 0));
        assertEquals(TransactionRejectedException.Reason.INSUFFICIENT_FUNDS, poor.reason());
        TransactionRejectedException nonce = assertThrows(TransactionRejectedException.class,
                () -> processor.process(state, block(), transfer(3, BigInteger.ONE), 0));
        assertEquals(TransactionRejectedException.Reason.NONCE_TOO_HIGH, nonce.reason());
        assertArrayEquals(root, state.commit());
    }
}
