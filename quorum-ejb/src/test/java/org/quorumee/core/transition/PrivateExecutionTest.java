package org.quorumee.core.transition;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.Arrays;
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
import org.quorumee.core.types.UInt256;

/** A private transaction's execution beside the public state: reads allowed, public writes refused. */
class PrivateExecutionTest {
    private static final KeyPair KEY = KeyPair.fromPrivateKey(
            Hex.decode("0x45a915e4d060149eb4365960e6a7a45f334393093061116b197e3240065ff2d8"));
    private static final long CHAIN_ID = 1337;
    private static final Address PUBLIC_WRITER = Address.ofLong(0xa1);
    private static final Address PUBLIC_READABLE = Address.ofLong(0xa2);
    private static final Address PRIVATE_CALLER = Address.ofLong(0xb1);

    private final TransactionProcessor processor = new TransactionProcessor(ForkRules.of(Fork.CANCUN), new CodeCache(16));
    private final WorldState publicState = new WorldState(new InMemoryNodeStore(), WorldState.EMPTY_TRIE_ROOT);
    private final WorldState privateState = new WorldState(new InMemoryNodeStore(), WorldState.EMPTY_TRIE_ROOT);

    private static BlockContext block() {
        return new BlockContext(Address.ofLong(0xc0), 1, 1000, 30_000_000, BigInteger.ZERO, new byte[32],
                BigInteger.valueOf(CHAIN_ID), BigInteger.ONE, n -> new byte[32]);
    }

    /** CALL(10000 gas, target, 0, 0, 0, 0, 32) — a halted callee consumes the gas it was given — then slot 1 = the call's success flag, slot 2 = the returned word. */
    private static byte[] callerOf(Address target) {
        return Hex.decode("6020600060006000600073" + Hex.encodeNoPrefix(target.toArray()) + "612710f1600155600051600255"
                + "00");
    }

    private Transaction privateCall(Address to) {
        byte[] hash = new byte[64];
        Arrays.fill(hash, (byte) 7);
        Transaction signed = Transaction.builder(TransactionType.LEGACY).nonce(0).gasPrice(BigInteger.ZERO).gasLimit(200_000)
                .to(to).value(BigInteger.ZERO).data(hash).privateTransaction(true).sign(KEY);
        return Transaction.decode(signed.encoded(), CHAIN_ID);
    }

    @Test
    void privateCodeReadsPublicContractsButCannotChangeThem() throws Exception {
        publicState.putAccount(KEY.address(), 0, BigInteger.ZERO, new byte[0], Map.of());
        // sstore(0, 1): a write
        publicState.putAccount(PUBLIC_WRITER, 1, BigInteger.ZERO, Hex.decode("600160005500"), Map.of());
        // return the constant 0x2a: a read
        publicState.putAccount(PUBLIC_READABLE, 1, BigInteger.ZERO, Hex.decode("602a60005260206000f3"), Map.of());
        publicState.commit();
        privateState.putAccount(PRIVATE_CALLER, 1, BigInteger.ZERO, callerOf(PUBLIC_WRITER), Map.of());
        privateState.commit();

        PrivateTransactionResult writing = processor.processPrivate(publicState, privateState, block(),
                privateCall(PRIVATE_CALLER), 0, new byte[] {1}, null);
        assertTrue(writing.privateResult().isSuccess(), "the private contract itself runs on: " + writing.privateResult().error());
        assertEquals(UInt256.ZERO, privateState.storage(PRIVATE_CALLER, UInt256.of(1)), "the public write halted its frame");
        assertEquals(UInt256.ZERO, publicState.storage(PUBLIC_WRITER, UInt256.ZERO), "public state unchanged");
        assertEquals(1, publicState.nonce(KEY.address()), "the sender's nonce is public, bumped once");
        assertTrue(writing.publicResult().logs().isEmpty());
        assertEquals(0, writing.publicResult().gasUsed());

        privateState.putAccount(PRIVATE_CALLER, 1, BigInteger.ZERO, callerOf(PUBLIC_READABLE), Map.of());
        privateState.commit();
        Transaction read = Transaction.decode(Transaction.builder(TransactionType.LEGACY).nonce(1).gasPrice(BigInteger.ZERO)
                .gasLimit(200_000).to(PRIVATE_CALLER).value(BigInteger.ZERO).data(new byte[64]).privateTransaction(true)
                .sign(KEY).encoded(), CHAIN_ID);
        PrivateTransactionResult reading = processor.processPrivate(publicState, privateState, block(), read, 0,
                new byte[] {1}, null);
        assertTrue(reading.privateResult().isSuccess());
        assertEquals(UInt256.of(1), privateState.storage(PRIVATE_CALLER, UInt256.of(1)), "the public read succeeded");
        assertEquals(UInt256.of(0x2a), privateState.storage(PRIVATE_CALLER, UInt256.of(2)));
    }

    @Test
    void aNonPartyOnlyBumpsTheNonce() throws Exception {
        publicState.putAccount(KEY.address(), 0, BigInteger.ZERO, new byte[0], Map.of());
        byte[] rootBefore = privateState.commit();
        PrivateTransactionResult result = processor.processPrivate(publicState, privateState, block(),
                privateCall(PRIVATE_CALLER), 0, null, null);
        assertNull(result.privateResult());
        assertTrue(result.publicResult().isSuccess());
        assertEquals(1, publicState.nonce(KEY.address()));
        assertEquals(Hex.encode(rootBefore), Hex.encode(privateState.commit()));
    }
}
