package org.quorumee.core.privacy.enclave;

import org.quorumee.core.privacy.BoxPublicKey;

/** The enclave holds no private key for this public key. */
public class UnknownKeyException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public UnknownKeyException(BoxPublicKey key) {
        super("the enclave holds no private key for " + key);
    }
}
