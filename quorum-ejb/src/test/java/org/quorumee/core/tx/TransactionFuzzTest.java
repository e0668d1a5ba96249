package org.quorumee.core.tx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.quorumee.core.bytes.Hex;
import org.quorumee.core.crypto.KeyPair;
import org.quorumee.core.fork.Fork;
import org.quorumee.core.types.Address;

/**
 * Mutated transactions of every type fail only with {@link InvalidTransactionException}; those that
 * are accepted are canonical (they re-encode to their bytes) and hash to the Keccak-256 of them.
 */
class TransactionFuzzTest {
    private static final KeyPair KEY = KeyPair.fromPrivateKey(
            Hex.decode("4646464646464646464646464646464646464646464646464646464646464646"));
    private static final long CHAIN = 10;

    @Test
    void mutatedInputFailsOnlyWithInvalidTransactionException() {
        Address to = Address.fromHex("0x3535353535353535353535353535353535353535");
        List<AccessListEntry> accessList = List.of(new AccessListEntry(to, List.of(new byte[32])));
        byte[] blobHash = new byte[32];
        blobHash[0] = 1;
        List<Transaction> seeds = List.of(
                Transaction.builder(TransactionType.LEGACY).chainId(CHAIN).nonce(5).gasPrice(BigInteger.TEN)
                        .gasLimit(21_000).to(to).value(BigInteger.ONE).sign(KEY),
                Transaction.builder(TransactionType.LEGACY).privateTransaction(true).gasLimit(90_000).to(to)
                        .data(new byte[64]).sign(KEY),
                Transaction.builder(TransactionType.ACCESS_LIST).chainId(CHAIN).gasPrice(BigInteger.TEN)
                        .gasLimit(30_000).to(to).accessList(accessList).sign(KEY),
                Transaction.builder(TransactionType.EIP1559).chainId(CHAIN).maxFeePerGas(BigInteger.TEN)
                        .gasLimit(60_000).data(new byte[] {1, 2, 3}).accessList(accessList).sign(KEY),
                Transaction.builder(TransactionType.BLOB).chainId(CHAIN).maxFeePerGas(BigInteger.TEN)
                        .gasLimit(21_000).to(to).maxFeePerBlobGas(BigInteger.ONE)
                        .blobVersionedHashes(List.of(blobHash)).sign(KEY));
        Random random = new Random(99);
        int accepted = 0;
        int refused = 0;
        for (Transaction seed : seeds) {
            byte[] original = seed.encoded();
            assertArrayEquals(original, Transaction.decode(original, CHAIN).validate(CHAIN, Fork.CANCUN).encoded());
            for (int i = 0; i < 3_000; i++) {
                byte[] input = mutate(original, random);
                Transaction tx;
                try {
                    tx = Transaction.decode(input, CHAIN).validate(CHAIN, Fork.CANCUN);
                } catch (InvalidTransactionException expected) {
                    refused++; // the only allowed failure
                    continue;
                }
                accepted++;
                // what is accepted is canonical: it re-encodes to the very bytes, and its hash is theirs
                assertArrayEquals(input, tx.encoded(), Hex.encode(input));
                assertArrayEquals(keccak256(input), tx.hash(), "hash of " + Hex.encode(input));
                assertEquals(tx.sender(), Transaction.decode(tx.encoded(), CHAIN).sender(), "the sender is stable");
            }
        }
        // both paths ran: a fuzzer that only ever refuses (or accepts) would check nothing
        assertTrue(refused > 1_000, "refused " + refused);
        assertTrue(accepted > 100, "accepted " + accepted);
    }

    /** Keccak-256 by Bouncy Castle, not the project's wrapper. */
    private static byte[] keccak256(byte[] input) {
        org.bouncycastle.crypto.digests.KeccakDigest digest = new org.bouncycastle.crypto.digests.KeccakDigest(256);
        digest.update(input, 0, input.length);
        byte[] out = new byte[32];
        digest.doFinal(out, 0);
        return out;
    }

    private static byte[] mutate(byte[] original, Random random) {
        switch (random.nextInt(3)) {
            case 0 -> {
                byte[] out = original.clone();
                out[random.nextInt(out.length)] = (byte) random.nextInt(256);
                return out;
            }
            case 1 -> {
                return java.util.Arrays.copyOf(original, random.nextInt(original.length));
            }
            default -> {
                byte[] out = java.util.Arrays.copyOf(original, original.length + 1 + random.nextInt(3));
                out[random.nextInt(out.length)] = (byte) random.nextInt(256);
                return out;
            }
        }
    }
}
