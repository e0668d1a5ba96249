package org.quorumee.core.tx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.quorumee.core.bytes.Hex;
import org.quorumee.core.crypto.InvalidSignatureException;
import org.quorumee.core.crypto.KeyPair;
import org.quorumee.core.crypto.Signature;
import org.quorumee.core.fork.Fork;
import org.quorumee.core.types.Address;

class SenderCacheTest {
    private static final KeyPair KEY = KeyPair.fromPrivateKey(
            Hex.decode("4646464646464646464646464646464646464646464646464646464646464646"));
    private static final Address TO = Address.fromHex("0x3535353535353535353535353535353535353535");

    @Test
    void theSameSignedHashAndSignatureAreRecoveredOnce() {
        byte[] hash = randomHash();
        Signature signature = new Signature(BigInteger.valueOf(7), BigInteger.valueOf(9), 0);
        AtomicInteger recoveries = new AtomicInteger();
        Address first = SenderCache.sender(hash, signature, () -> {
            recoveries.incrementAndGet();
            return TO;
        });
        Address again = SenderCache.sender(hash.clone(), new Signature(BigInteger.valueOf(7), BigInteger.valueOf(9), 0), () -> {
            recoveries.incrementAndGet();
            return Address.ZERO;
        });
        assertEquals(TO, first);
        assertEquals(TO, again);
        assertEquals(1, recoveries.get());
    }

    @Test
    void anotherSignatureOverTheSameHashIsItsOwnEntry() {
        byte[] hash = randomHash();
        SenderCache.sender(hash, new Signature(BigInteger.ONE, BigInteger.TWO, 0), () -> TO);
        assertEquals(Address.ZERO, SenderCache.sender(hash, new Signature(BigInteger.ONE, BigInteger.TWO, 1), () -> Address.ZERO));
        assertEquals(Address.ZERO, SenderCache.sender(hash, new Signature(BigInteger.TWO, BigInteger.TWO, 0), () -> Address.ZERO));
    }

    @Test
    void aFailedRecoveryIsNotCached() {
        byte[] hash = randomHash();
        Signature signature = new Signature(BigInteger.ONE, BigInteger.ONE, 0);
        assertThrows(InvalidSignatureException.class, () -> SenderCache.sender(hash, signature, () -> {
            throw new InvalidSignatureException("no key");
        }));
        assertEquals(TO, SenderCache.sender(hash, signature, () -> TO));
    }

    @Test
    void valuesWiderThan32BytesAreNeverCached() {
        byte[] hash = randomHash();
        BigInteger wide = BigInteger.ONE.shiftLeft(256).add(BigInteger.ONE);
        AtomicInteger recoveries = new AtomicInteger();
        for (int i = 0; i < 2; i++) {
            SenderCache.sender(hash, new Signature(wide, BigInteger.ONE, 0), () -> {
                recoveries.incrementAndGet();
                return TO;
            });
        }
        assertEquals(2, recoveries.get());
        // and the truncated twin (r = 1) is not served from it
        assertEquals(Address.ZERO, SenderCache.sender(hash, new Signature(BigInteger.ONE, BigInteger.ONE, 0), () -> Address.ZERO));
    }

    @Test
    void holdsAtMostTwoGenerations() {
        Signature signature = new Signature(BigInteger.ONE, BigInteger.ONE, 0);
        for (int i = 0; i < 3 * SenderCache.GENERATION_SIZE; i++) {
            SenderCache.sender(randomHash(), signature, () -> TO);
        }
        assertTrue(SenderCache.size() <= 2L * SenderCache.GENERATION_SIZE, "held " + SenderCache.size());
    }

    @Test
    void theSameBytesReadAsPrivateOrAsEip155OnChainOneKeepTheirOwnSenders() {
        // v = 37: a private transaction on a Quorum chain, an EIP-155 signature for chain 1; the signed hashes differ
        Transaction onChainOne = Transaction.builder(TransactionType.LEGACY).chainId(1).nonce(1).gasLimit(21_000).to(TO)
                .sign(KEY);
        assertEquals(BigInteger.valueOf(37), onChainOne.v());
        Transaction asEip155 = Transaction.decode(onChainOne.encoded(), 1).validate(1, Fork.CANCUN);
        Transaction asPrivate = Transaction.decode(onChainOne.encoded(), 10);
        assertTrue(asPrivate.isPrivate());
        assertEquals(KEY.address(), asEip155.sender());
        assertNotEquals(KEY.address(), asPrivate.sender());
        assertEquals(KEY.address(), Transaction.decode(onChainOne.encoded(), 1).sender());
    }

    private static byte[] randomHash() {
        byte[] hash = new byte[32];
        ThreadLocalRandom.current().nextBytes(hash);
        return hash;
    }
}
