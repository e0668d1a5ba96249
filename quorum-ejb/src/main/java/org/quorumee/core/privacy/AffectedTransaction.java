package org.quorumee.core.privacy;

import java.util.Arrays;

/**
 * An affected contract transaction of a party-protection or state-validation payload: the payload
 * hash of the transaction that created an affected contract, with the security hash that proves the
 * sender knew that transaction's master key. Both are carried as Tessera writes them (any length).
 */
public final class AffectedTransaction {
    private final byte[] transactionHash;
    private final byte[] securityHash;

    public AffectedTransaction(byte[] transactionHash, byte[] securityHash) {
        this.transactionHash = transactionHash.clone();
        this.securityHash = securityHash.clone();
    }

    public byte[] transactionHash() {
        return transactionHash.clone();
    }

    public byte[] securityHash() {
        return securityHash.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AffectedTransaction other
                && Arrays.equals(transactionHash, other.transactionHash)
                && Arrays.equals(securityHash, other.securityHash);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(transactionHash) + Arrays.hashCode(securityHash);
    }
}
