package org.quorumee.node.privacy;

import jakarta.ejb.ApplicationException;
import org.quorumee.core.privacy.PrivacyUnavailableException;

/**
 * The core's {@link PrivacyUnavailableException} as it leaves the privacy manager bean: an
 * application exception, so callers receive it as such (not wrapped by the container).
 */
@ApplicationException
public class TransactionManagerUnavailableException extends PrivacyUnavailableException {
    private static final long serialVersionUID = 1L;

    public TransactionManagerUnavailableException(PrivacyUnavailableException cause) {
        super(cause.getMessage(), cause);
    }
}
