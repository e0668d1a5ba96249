package org.quorumee.core.trie;

/** A trie that cannot be read: a malformed node, a missing node, or a proof that does not hold. */
public class TrieException extends RuntimeException {
    public TrieException(String message) {
        super(message);
    }

    public TrieException(String message, Throwable cause) {
        super(message, cause);
    }
}
