package org.quorumee.core.privacy;

/** Bytes that are not an encoded payload: the message says which field and why. */
public class PayloadDecodingException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public PayloadDecodingException(String message) {
        super(message);
    }
}
