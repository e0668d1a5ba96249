package org.quorumee.core.txpool;

/**
 * A transaction the pool refused. {@link #getMessage()} starts with go-ethereum's exact words for
 * the {@link Reason} (JSON-RPC answers it with code -32000 and clients match on these words),
 * followed by ": detail" where go-ethereum adds one.
 */
public final class TransactionRejectedException extends Exception {

    /** Why, with go-ethereum's (or GoQuorum's) error text. */
    public enum Reason {
        ALREADY_KNOWN("already known"),
        NONCE_TOO_LOW("nonce too low"),
        /** EIP-2681: nonce 2^64-1 can never be followed. */
        NONCE_MAX("nonce has max value"),
        REPLACEMENT_UNDERPRICED("replacement transaction underpriced"),
        /** Balance below gasLimit x fee cap + value, added to the cost of the sender's pending transactions. */
        INSUFFICIENT_FUNDS("insufficient funds for gas * price + value"),
        INTRINSIC_GAS_TOO_LOW("intrinsic gas too low"),
        EXCEEDS_BLOCK_GAS_LIMIT("exceeds block gas limit"),
        /** Bad signature, no recoverable key, or signed for another chain id (go-ethereum says the same for all). */
        INVALID_SENDER("invalid sender"),
        /** Larger than the chain's {@code txnSizeLimit}. */
        OVERSIZED_DATA("oversized data"),
        /** Tip (gas price) below the pool's minimum. */
        UNDERPRICED("transaction underpriced"),
        /** No room, and nothing cheaper (or further in the future) to evict. */
        POOL_FULL("txpool is full"),
        /** The sender already has as many queued transactions as allowed, all nearer than this one. */
        ACCOUNT_LIMIT_EXCEEDED("account limit exceeded"),
        /** Fee cap (gas price) below the head's base fee. */
        FEE_CAP_BELOW_BASE_FEE("max fee per gas less than block base fee"),
        TIP_ABOVE_FEE_CAP("max priority fee per gas higher than max fee per gas"),
        /** Blob transactions (Quorum carries no blobs), or a type the fork does not know. */
        TYPE_NOT_SUPPORTED("transaction type not supported"),
        /** EIP-3860, from Shanghai. */
        MAX_INITCODE_SIZE_EXCEEDED("max initcode size exceeded"),
        /** GoQuorum: on a Quorum chain, before {@code enableGasPriceBlock}, every price must be 0 (GoQuorum's capital G). */
        GAS_PRICE_NOT_ZERO("Gas price not 0"),
        /** GoQuorum: a private transaction cannot move ether. */
        ETHER_VALUE_UNSUPPORTED("ether value is not supported for private transactions"),
        /** Any other fault of the transaction itself (for instance a private payload hash of the wrong size). */
        INVALID_TRANSACTION("invalid transaction");

        private final String text;

        Reason(String text) {
            this.text = text;
        }

        /** go-ethereum's words, without detail. */
        public String text() {
            return text;
        }
    }

    private final Reason reason;

    public TransactionRejectedException(Reason reason) {
        super(reason.text());
        this.reason = reason;
    }

    public TransactionRejectedException(Reason reason, String detail) {
        super(reason.text() + ": " + detail);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
