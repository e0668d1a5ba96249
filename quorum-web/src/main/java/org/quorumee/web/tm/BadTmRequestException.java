package org.quorumee.web.tm;

/** A request to {@code /tm} that cannot be read: answered 400 with the message. */
public class BadTmRequestException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public BadTmRequestException(String message) {
        super(message);
    }
}
