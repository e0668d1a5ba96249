package org.quorumee.core.consensus.raft;

/** A membership request GoQuorum refuses, with GoQuorum's error text. */
public class RaftMembershipException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public RaftMembershipException(String message) {
        super(message);
    }
}
