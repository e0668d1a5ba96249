package org.quorumee.core.crypto;

/** A key file that cannot be read: malformed, of an unsupported kind, or a wrong password. */
public class KeystoreException extends Exception {
    public KeystoreException(String message) {
        super(message);
    }

    public KeystoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
