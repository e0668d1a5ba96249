package org.quorumee.core.privacy.enclave;

import org.quorumee.core.privacy.BoxPublicKey;
import org.quorumee.core.privacy.PayloadHash;

/**
 * A payload stored for its sender only (Tessera's "raw" transaction, made by {@code /storeraw} for
 * external signers): the payload sealed under a master key, and that master key sealed for the sender
 * itself with the same nonce. Recipients' boxes are made later, when the signed transaction is sent.
 */
public record RawPayload(byte[] cipherText, byte[] encryptedMasterKey, byte[] nonce, BoxPublicKey sender) {
    public RawPayload {
        cipherText = cipherText.clone();
        encryptedMasterKey = encryptedMasterKey.clone();
        nonce = nonce.clone();
    }

    @Override
    public byte[] cipherText() {
        return cipherText.clone();
    }

    @Override
    public byte[] encryptedMasterKey() {
        return encryptedMasterKey.clone();
    }

    @Override
    public byte[] nonce() {
        return nonce.clone();
    }

    /** SHA3-512 of the cipher text, as for every payload. */
    public PayloadHash hash() {
        return PayloadHash.ofCipherText(cipherText);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RawPayload other && java.util.Arrays.equals(cipherText, other.cipherText)
                && java.util.Arrays.equals(encryptedMasterKey, other.encryptedMasterKey)
                && java.util.Arrays.equals(nonce, other.nonce) && sender.equals(other.sender);
    }

    @Override
    public int hashCode() {
        return java.util.Arrays.hashCode(cipherText);
    }

    @Override
    public String toString() {
        return "RawPayload{" + hash() + ", sender " + sender + "}";
    }
}
