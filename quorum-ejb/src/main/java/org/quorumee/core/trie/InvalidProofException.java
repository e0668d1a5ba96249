package org.quorumee.core.trie;

/** A Merkle proof that does not lead from the given root to a value or to a proven absence. */
public class InvalidProofException extends TrieException {
    public InvalidProofException(String message, Throwable cause) {
        super(message, cause);
    }
}
