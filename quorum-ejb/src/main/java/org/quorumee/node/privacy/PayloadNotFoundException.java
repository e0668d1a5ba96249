package org.quorumee.node.privacy;

import jakarta.ejb.ApplicationException;
import org.quorumee.core.privacy.PayloadHash;

/** No payload of this hash, or none this node is a party to: Tessera answers 404. */
@ApplicationException
public class PayloadNotFoundException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public PayloadNotFoundException(String what, PayloadHash hash) {
        super(what + " with hash " + hash + " was not found");
    }
}
