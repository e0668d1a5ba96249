package org.quorumee.core.consensus.ibft;

import java.util.HashMap;
import java.util.Map;
import org.quorumee.core.bytes.Hex;
import org.quorumee.core.crypto.KeyPair;
import org.quorumee.core.crypto.Signature;
import org.quorumee.core.types.Address;

/**
 * Real secp256k1 signing and recovery (Bouncy Castle, through the project's {@code Secp256k1}) with
 * the results remembered. Both are pure functions (signing is RFC 6979 deterministic), so a cached
 * answer is the answer: the simulation checks every signature it would check anyway, it only avoids
 * redoing the same curve arithmetic when the same message meets several nodes or several runs.
 */
final class MemoCrypto {
    private static final int MAX_ENTRIES = 400_000;
    private final Map<String, Signature> signatures = new HashMap<>();
    private final Map<String, Address> recovered = new HashMap<>();
    long signCalls;
    long signComputed;
    long recoverCalls;
    long recoverComputed;

    /** One shared instance for a test class's runs. */
    static final MemoCrypto SHARED = new MemoCrypto();

    synchronized Signature sign(KeyPair key, byte[] hash) {
        signCalls++;
        String k = key.address() + Hex.encodeNoPrefix(hash);
        Signature s = signatures.get(k);
        if (s == null) {
            signComputed++;
            s = key.sign(hash);
            if (signatures.size() > MAX_ENTRIES) {
                signatures.clear();
            }
            signatures.put(k, s);
        }
        return s;
    }

    /** Recovery through {@link SignatureRecovery#SECP256K1}, remembered (failures are not). */
    synchronized Address recover(byte[] hash, byte[] signature) {
        recoverCalls++;
        String k = Hex.encodeNoPrefix(hash) + Hex.encodeNoPrefix(signature);
        Address a = recovered.get(k);
        if (a == null) {
            recoverComputed++;
            a = SignatureRecovery.SECP256K1.recover(hash, signature);
            if (recovered.size() > MAX_ENTRIES) {
                recovered.clear();
            }
            recovered.put(k, a);
        }
        return a;
    }

    SignatureRecovery recovery() {
        return this::recover;
    }

    NodeSigner signer(KeyPair key) {
        return new NodeSigner() {
            @Override
            public Address address() {
                return key.address();
            }

            @Override
            public Signature sign(byte[] hash) {
                return MemoCrypto.this.sign(key, hash);
            }
        };
    }
}
