package org.quorumee.core.tx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.math.BigInteger;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.quorumee.core.bytes.Hex;
import org.quorumee.core.crypto.KeyPair;
import org.quorumee.core.fork.Fork;
import org.quorumee.core.types.Address;

/** Mutated transactions of every type fail only with {@link InvalidTransactionException}. */
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
        for (Transaction seed : seeds) {
            byte[] original = seed.encoded();
            assertArrayEquals(original, Transaction.decode(original, CHAIN).validate(CHAIN, Fork.CANCUN).encoded());
            for (int i = 0; i < 3_000; i++) {
                byte[] input = mutate(original, random);
                try {
                    Transaction tx = Transaction.decode(input, CHAIN);
                    tx.validate(CHAIN, Fork.CANCUN);
                    tx.hash();
                } catch (InvalidTransactionException expected) {
                    // the only allowed failure
                }
            }
        }
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
