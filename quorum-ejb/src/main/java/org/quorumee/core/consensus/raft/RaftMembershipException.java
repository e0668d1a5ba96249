package org.quorumee.core.consensus.raft;

/** A membership request GoQuorum refuses, with GoQuorum's error text. */
public class RaftMembershipException extends RuntimeException {
    public RaftMembershipException(String message) {
        super(message);
    }
}
