package org.quorumee.node.privacy;

import jakarta.ejb.ApplicationException;
import org.quorumee.core.privacy.BoxPublicKey;

/** A remote recipient did not acknowledge a payload; the send fails and nothing of it is kept. */
@ApplicationException
public class PublishException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final transient BoxPublicKey recipient;

    public PublishException(BoxPublicKey recipient, String reason) {
        super("recipient " + recipient + " did not acknowledge the payload: " + reason);
        this.recipient = recipient;
    }

    public PublishException(BoxPublicKey recipient, String reason, Throwable cause) {
        super("recipient " + recipient + " did not acknowledge the payload: " + reason, cause);
        this.recipient = recipient;
    }

    public BoxPublicKey recipient() {
        return recipient;
    }
}
