package org.quorumee.core.peer;

/**
 * The kinds of peer message and their wire codes. Codes are never reused; a new kind takes the next
 * free code (a node refuses codes it does not know, so new kinds need every node upgraded first).
 */
public enum MessageType {
    /** Transactions entering a pool, gossiped to every peer. */
    TRANSACTIONS(1),
    /** A new head: number and hash. */
    BLOCK_ANNOUNCEMENT(2),
    /** Blocks wanted, from a number on. */
    BLOCK_REQUEST(3),
    /** Blocks answering a request (correlated to it). */
    BLOCK_RESPONSE(4),
    /** A consensus engine's message (Raft, IBFT, QBFT): engine name and opaque payload. */
    CONSENSUS(5),
    /** A private payload pushed to a recipient's transaction manager (opaque). */
    PRIVACY_PUSH(6),
    /** A recipient's acknowledgement of a push (opaque, correlated to it). */
    PRIVACY_ACK(7);

    private final int code;

    MessageType(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    /** The type of a wire code, or null when this node does not know it. */
    public static MessageType ofCode(long code) {
        for (MessageType type : values()) {
            if (type.code == code) {
                return type;
            }
        }
        return null;
    }
}
