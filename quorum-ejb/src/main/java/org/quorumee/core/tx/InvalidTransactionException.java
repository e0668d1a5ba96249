package org.quorumee.core.tx;

/**
 * A transaction that cannot be decoded or is not valid under the chain's rules. The {@link Reason}
 * is what callers (JSON-RPC, the pool, block import) branch on; the message is for people.
 */
public class InvalidTransactionException extends RuntimeException {

    /** Why a transaction was refused. */
    public enum Reason {
        /** Not canonical RLP, or a list of the wrong shape. */
        MALFORMED,
        /** A typed envelope whose type this node does not know (or not at this fork). */
        TYPE_NOT_SUPPORTED,
        /** A field of the wrong size, with leading zeros, or a list where a string belongs. */
        INVALID_FIELD,
        /** Nonce 2^64-1, which can never be followed (EIP-2681). */
        NONCE_MAX,
        /** v, r or s out of range, or s above n/2 (EIP-2). */
        INVALID_SIGNATURE,
        /** No public key can be recovered from the signature. */
        SENDER_NOT_RECOVERABLE,
        /** Signed for another chain, or v encodes no chain this node accepts. */
        WRONG_CHAIN_ID,
        /** maxPriorityFeePerGas above maxFeePerGas. */
        PRIORITY_FEE_ABOVE_MAX_FEE,
        /** gasLimit times the gas price does not fit 256 bits. */
        GAS_PRICE_OVERFLOW,
        /** gasLimit below the intrinsic gas. */
        INTRINSIC_GAS,
        /** Contract creation whose init code exceeds 49152 bytes (EIP-3860, from Shanghai). */
        INITCODE_TOO_LARGE,
        /** A blob transaction without blobs, with more than a block holds, or a hash of an unknown version. */
        INVALID_BLOBS,
        /** A blob transaction (type 3): Quorum carries no blob data. For the chain to use. */
        BLOB_NOT_SUPPORTED,
        /** A private transaction whose data is not a 64-byte payload hash (nor empty). */
        INVALID_PRIVATE_PAYLOAD
    }

    private final Reason reason;

    public InvalidTransactionException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
