package org.quorumee.core.privacy.enclave;

/**
 * Sealed bytes that do not open: the authenticator does not match (wrong key, wrong nonce, or the
 * bytes were changed), or a public key is of low order.
 */
public class DecryptionException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public DecryptionException(String message) {
        super(message);
    }
}
