package org.quorumee.node.chain;

/** A query that would read or return more than the node's configured limit. */
public class QueryLimitException extends Exception {
    public QueryLimitException(String message) {
        super(message);
    }
}
