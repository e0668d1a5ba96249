package org.quorumee.core.transition;

/**
 * A transaction that cannot be included at this state: nothing was executed or charged. The
 * {@link Reason} is what the pool, block import and JSON-RPC branch on.
 */
public final class TransactionRejectedException extends Exception {

    public enum Reason {
        /** Fails a rule that needs no state (decoding, signature, chain id, intrinsic gas...). */
        INVALID,
        NONCE_TOO_LOW,
        NONCE_TOO_HIGH,
        /** EIP-3607: the sender has code. */
        SENDER_NOT_EOA,
        /** The fee cap (or legacy gas price) is below the block's base fee. */
        FEE_CAP_BELOW_BASE_FEE,
        /** The sender cannot pay gasLimit x fee cap + value (+ blob gas). */
        INSUFFICIENT_FUNDS,
        /** The gas limit is above what is left of the block's gas. */
        BLOCK_GAS_LIMIT_EXCEEDED,
        /** Initcode above the fork's limit (EIP-3860 with the chain's maxCodeSize). */
        INITCODE_TOO_LARGE,
        /** A type-3 transaction without blobs, with a bad version byte, too many, or creating. */
        INVALID_BLOBS,
        /** maxFeePerBlobGas below the block's blob base fee. */
        BLOB_FEE_CAP_TOO_LOW
    }

    private final Reason reason;

    public TransactionRejectedException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public TransactionRejectedException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
