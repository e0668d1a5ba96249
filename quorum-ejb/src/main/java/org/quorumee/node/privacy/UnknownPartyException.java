package org.quorumee.node.privacy;

import jakarta.ejb.ApplicationException;
import org.quorumee.core.privacy.BoxPublicKey;

/**
 * A key no known node holds (a recipient), or that is not this node's (a sender): Tessera answers
 * 404.
 */
@ApplicationException
public class UnknownPartyException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public UnknownPartyException(String message) {
        super(message);
    }

    public static UnknownPartyException recipient(BoxPublicKey key) {
        return new UnknownPartyException("Recipient not found for key: " + key);
    }

    public static UnknownPartyException sender(BoxPublicKey key) {
        return new UnknownPartyException("the sender key " + key + " is not one of this node's keys");
    }
}
