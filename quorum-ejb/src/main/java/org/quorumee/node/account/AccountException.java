package org.quorumee.node.account;

/** A request on node-managed accounts that cannot be served; the message is go-ethereum's wording. */
public class AccountException extends Exception {
    public AccountException(String message) {
        super(message);
    }
}
