package org.quorumee.core.privacy;

import java.util.Optional;

/**
 * What block processing asks when it meets a private transaction (v = 37/38, data = a 64-byte
 * payload hash): the plaintext, if this node is a party. The node's transaction manager answers it.
 */
@FunctionalInterface
public interface PrivatePayloadSource {
    /**
     * The payload opened, or empty when this node holds no payload of that hash or none of its keys
     * is a party to it (GoQuorum: execute nothing, bump the sender's nonce).
     *
     * @throws PrivacyUnavailableException if the answer cannot be known now (never "not a party")
     */
    Optional<PrivatePayload> find(PayloadHash hash);
}
