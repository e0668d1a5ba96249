package org.quorumee.core.privacy;

import java.util.List;

/**
 * A private payload opened for a party: the plaintext (the transaction's real data), who sent it,
 * which of this node's keys are parties to it, and its privacy metadata.
 */
public record PrivatePayload(PayloadHash hash, byte[] plaintext, BoxPublicKey sender, List<BoxPublicKey> managedParties,
                             PrivacyMetadata metadata) {
    public PrivatePayload {
        plaintext = plaintext.clone();
        managedParties = List.copyOf(managedParties);
    }

    @Override
    public byte[] plaintext() {
        return plaintext.clone();
    }

    /** Names the payload, never its plaintext. */
    @Override
    public String toString() {
        return "PrivatePayload{" + hash + ", sender " + sender + ", " + metadata.mode() + "}";
    }
}
