package org.quorumee.core.privacy;

/**
 * The transaction manager could not answer (its store cannot be read, a payload it holds does not
 * open). Never to be read as "not a party": a node that skipped a transaction it is a party to
 * would leave the parties' private state.
 */
public class PrivacyUnavailableException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public PrivacyUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }

    public PrivacyUnavailableException(String message) {
        super(message);
    }
}
