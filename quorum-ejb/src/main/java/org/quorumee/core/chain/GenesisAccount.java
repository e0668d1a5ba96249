package org.quorumee.core.chain;

import java.math.BigInteger;
import java.util.Collections;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * One {@code alloc} entry of a genesis file: balance (wei), nonce (unsigned 64-bit, as in
 * {@link org.quorumee.core.state.StateAccount}), code, and storage as 256-bit
 * slot -> 256-bit value (zero values are absent, as in the storage trie).
 */
public record GenesisAccount(BigInteger balance, long nonce, byte[] code, SortedMap<BigInteger, BigInteger> storage) {
    private static final BigInteger WORD_LIMIT = BigInteger.ONE.shiftLeft(256);

    public GenesisAccount {
        if (balance.signum() < 0 || balance.compareTo(WORD_LIMIT) >= 0) {
            throw new IllegalArgumentException("balance is not a 256-bit unsigned value: " + balance);
        }
        code = code.clone();
        TreeMap<BigInteger, BigInteger> copy = new TreeMap<>();
        storage.forEach((slot, value) -> {
            if (slot.signum() < 0 || slot.compareTo(WORD_LIMIT) >= 0 || value.signum() < 0 || value.compareTo(WORD_LIMIT) >= 0) {
                throw new IllegalArgumentException("storage slots and values are 256-bit unsigned values");
            }
            if (value.signum() != 0) {
                copy.put(slot, value);
            }
        });
        storage = Collections.unmodifiableSortedMap(copy);
    }

    @Override
    public byte[] code() {
        return code.clone();
    }
}
