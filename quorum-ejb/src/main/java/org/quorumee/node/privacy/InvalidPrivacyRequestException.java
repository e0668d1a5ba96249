package org.quorumee.node.privacy;

import jakarta.ejb.ApplicationException;

/** A request the transaction manager refuses as it stands (Tessera answers 400). */
@ApplicationException
public class InvalidPrivacyRequestException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public InvalidPrivacyRequestException(String message) {
        super(message);
    }

    public InvalidPrivacyRequestException(String message, Throwable cause) {
        super(message, cause);
    }
}
