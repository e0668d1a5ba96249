package org.quorumee.core.txpool;

import java.math.BigInteger;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.quorumee.core.types.Address;

/** Nonces and balances in maps; absent accounts have nonce 0 and balance 0. Thread-safe. */
final class InMemoryAccountState implements AccountStateReader {
    private final Map<Address, Long> nonces = new ConcurrentHashMap<>();
    private final Map<Address, BigInteger> balances = new ConcurrentHashMap<>();

    InMemoryAccountState set(Address address, long nonce, BigInteger balance) {
        nonces.put(address, nonce);
        balances.put(address, balance);
        return this;
    }

    InMemoryAccountState nonce(Address address, long nonce) {
        nonces.put(address, nonce);
        return this;
    }

    InMemoryAccountState balance(Address address, BigInteger balance) {
        balances.put(address, balance);
        return this;
    }

    @Override
    public long nonce(Address address) {
        return nonces.getOrDefault(address, 0L);
    }

    @Override
    public BigInteger balance(Address address) {
        return balances.getOrDefault(address, BigInteger.ZERO);
    }
}
