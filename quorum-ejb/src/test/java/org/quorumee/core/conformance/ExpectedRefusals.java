package org.quorumee.core.conformance;

import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import org.quorumee.core.transition.TransactionRejectedException;
import org.quorumee.core.tx.InvalidTransactionException;

/**
 * What refusal each exception name of the fixtures ({@code expectException} of GeneralStateTests and
 * BlockchainTests, {@code exception} of TransactionTests) asks of this node. The names are the
 * filling clients' (go-ethereum's, then the execution-spec tests'); the node refuses with a reason
 * of its own — {@link InvalidTransactionException.Reason} for a transaction alone,
 * {@link TransactionRejectedException.Reason} against the state and the block, and for a block
 * whose header or body breaks a rule, the kind the blockchain runner reads from its refusal
 * ({@code BlockchainTestRunner.classify}: TIMESTAMP, GAS_LIMIT, STATE_ROOT...). A refusal counts only when
 * its kind is one the name allows; a name missing from the table fails the case, so a new fixture
 * name is noticed rather than accepted.
 *
 * <p>Kinds are compared as names: the two reason enums share their names where they mean the same
 * rule (INITCODE_TOO_LARGE, INVALID_BLOBS).
 */
public final class ExpectedRefusals {
    /** A transaction whose bytes are not a well-formed transaction: the decoder's two reasons. */
    private static final Set<String> DECODING = Set.of("MALFORMED", "INVALID_FIELD");

    private static final Map<String, Set<String>> TABLE = new HashMap<>();

    static {
        // a transaction alone (decoding and InvalidTransactionException)
        allow(DECODING, "TR_RLP_WRONGVALUE", "1559LeadingZerosBaseFee", "1559LeadingZerosPriorityFee",
                "2930AccessListAddressTooLong", "2930AccessListAddressTooShort", "2930AccessListStorageHashTooLong",
                "2930AccessListStorageHashTooShort", "AddressTooLong", "AddressTooShort", "InvalidGasLimit4",
                "InvalidGasLimit5", "InvalidGasPrice", "InvalidMaxPriorityFeePerGas", "InvalidValue", "InvalidData",
                "InvalidNonce", "InvalidTo", "LeadingZerosDataSize", "LeadingZerosGasLimit", "LeadingZerosGasPrice",
                "LeadingZerosNonce", "LeadingZerosNonceSize", "LeadingZerosR", "LeadingZerosS", "LeadingZerosV",
                "LeadingZerosValue", "NonceTooLong", "RLP_Error_EOF", "RLP_Error_RLP_Size", "RLP_Error_Size_Information",
                "RLP_TooFewElements", "RLP_TooManyElements", "TR_BlobDecodeError");
        allow(Set.of("INTRINSIC_GAS"), "IntrinsicGas", "TR_IntrinsicGas");
        allow(Set.of("NONCE_MAX"), "TR_NonceHasMaxValue", "NonceMax");
        allow(Set.of("PRIORITY_FEE_ABOVE_MAX_FEE"), "TR_TipGtFeeCap", "1559PriorityFeeGreaterThanBaseFee");
        allow(Set.of("INITCODE_TOO_LARGE"), "TR_InitCodeLimitExceeded", "TransactionException.INITCODE_SIZE_EXCEEDED");
        // a type-3 transaction's "to" is a 20-byte field (no creation): an empty one fails decoding
        allow(union(DECODING, Set.of("INVALID_BLOBS")), "TR_BLOBCREATE");
        allow(Set.of("INVALID_BLOBS"), "TR_BLOBLIST_OVERSIZE", "TR_BLOBVERSION_INVALID",
                "TransactionException.TYPE_3_TX_BLOB_COUNT_EXCEEDED",
                "TransactionException.TYPE_3_TX_INVALID_BLOB_VERSIONED_HASH", "TransactionException.TYPE_3_TX_ZERO_BLOBS");
        allow(Set.of("TYPE_NOT_SUPPORTED"), "TR_TypeNotSupported", "TransactionException.TYPE_3_TX_PRE_FORK");
        allow(Set.of("WRONG_CHAIN_ID"), "InvalidChainID");
        // v, r or s unusable: out of range, unrecoverable, a v that encodes no chain, or a field of the
        // wrong size or shape (r of 34 bytes, r given as a list) that the decoder refuses first
        allow(union(DECODING, Set.of("INVALID_SIGNATURE", "SENDER_NOT_RECOVERABLE", "WRONG_CHAIN_ID")),
                "InvalidVRS", "InvalidR", "InvalidS", "ECRecoveryFail");
        allow(Set.of("GAS_PRICE_OVERFLOW"), "GasLimitPriceProductOverflow");
        // a transaction against the state and the block (TransactionRejectedException)
        allow(Set.of("SENDER_NOT_EOA"), "SenderNotEOA");
        allow(Set.of("FEE_CAP_BELOW_BASE_FEE"), "TR_FeeCapLessThanBlocks", "TransactionException.INSUFFICIENT_MAX_FEE_PER_GAS");
        allow(Set.of("BLOCK_GAS_LIMIT_EXCEEDED"), "TR_GasLimitReached");
        allow(Set.of("INSUFFICIENT_FUNDS"), "TR_NoFunds", "TransactionException.INSUFFICIENT_ACCOUNT_FUNDS");
        // go-ethereum checks gas x price + value against the balance in big integers, so a product
        // beyond 256 bits is its "insufficient funds" (the X cases: HighGasPrice)
        allow(Set.of("INSUFFICIENT_FUNDS", "GAS_PRICE_OVERFLOW"), "TR_NoFundsX");
        // "no funds or gas": the same, or a gas limit below the intrinsic gas
        allow(Set.of("INSUFFICIENT_FUNDS", "GAS_PRICE_OVERFLOW", "INTRINSIC_GAS"), "TR_NoFundsOrGas");
        allow(Set.of("BLOB_FEE_CAP_TOO_LOW"), "TransactionException.INSUFFICIENT_MAX_FEE_PER_BLOB_GAS");
        allow(Set.of("NONCE_TOO_HIGH"), "TR_NonceTooHigh");
        allow(Set.of("NONCE_TOO_LOW"), "TR_NonceTooLow");
        // go-ethereum checks the fee cap and the balance before the intrinsic gas; the three blocks of this
        // name (EmptyTransaction, UserTransactionGasLimitIsTooLowWhenZeroCost, txCost-sec73) carry a
        // transaction whose gas limit (0, 12, 21000 for 21004) is also below its intrinsic gas, the rule
        // this node checks first because it needs no state
        allow(Set.of("FEE_CAP_BELOW_BASE_FEE", "INSUFFICIENT_FUNDS", "INTRINSIC_GAS"), "TR_FeeCapLessThanBlocksORNoFunds");
        allow(Set.of("SENDER_NOT_EOA", "INSUFFICIENT_FUNDS"), "SenderNotEOAorNoCASH");
        // a block (header rules, body against header, execution against header)
        allow(union(DECODING, Set.of("BLOCK_DECODING")), "INPUT_UNMARSHAL_ERROR", "INPUT_UNMARSHAL_ADDRESS_ERROR");
        allow(Set.of("UNKNOWN_PARENT"), "UnknownParent", "UnknownParent2");
        allow(Set.of("TIMESTAMP"), "InvalidTimestampOlderParent");
        allow(Set.of("EXTRA_DATA"), "ExtraDataTooBig");
        // a gas limit above 2^63-1 (EIP-1985's bound, GasLimitHigherThan2p63m1) is refused by this node's
        // header decoder, which reads the gas limit as at most 63 bits
        allow(Set.of("GAS_LIMIT", "BLOCK_DECODING"), "InvalidGasLimit");
        allow(Set.of("GAS_LIMIT"), "InvalidGasLimit2");
        allow(Set.of("GAS_USED_ABOVE_LIMIT"), "TooMuchGasUsed");
        allow(Set.of("BASE_FEE"), "1559BlockImportImpossible_BaseFeeWrong");
        allow(Set.of("OMMERS_HASH"), "PostParisUncleHashIsNotEmpty");
        allow(Set.of("DIFFICULTY"), "PostParisDifficultyIsNot0");
        allow(Set.of("TRANSACTIONS_ROOT"), "InvalidTransactionsRoot");
        allow(Set.of("WITHDRAWALS"), "InvalidWithdrawals");
        allow(Set.of("GAS_USED"), "InvalidGasUsed");
        allow(Set.of("RECEIPTS_ROOT"), "InvalidReceiptsStateRoot");
        allow(Set.of("LOGS_BLOOM"), "InvalidLogBloom");
        allow(Set.of("STATE_ROOT"), "InvalidStateRoot");
    }

    private ExpectedRefusals() {
    }

    private static void allow(Set<String> kinds, String... names) {
        for (String name : names) {
            if (TABLE.put(name, kinds) != null) {
                throw new IllegalStateException("twice in the table: " + name);
            }
        }
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> out = new LinkedHashSet<>(a);
        out.addAll(b);
        return out;
    }

    /**
     * The refusal kinds {@code expected} allows ({@code A|B} allows those of either), or null when a
     * name is not in the table.
     */
    public static Set<String> allowed(String expected) {
        Set<String> kinds = new LinkedHashSet<>();
        for (String name : expected.split("\\|")) {
            Set<String> one = TABLE.get(name.strip());
            if (one == null) {
                return null;
            }
            kinds.addAll(one);
        }
        return kinds;
    }

    /** True when {@code expected} allows a refusal that needs the state or the block (funds, base fee, sender code...). */
    public static boolean needsState(String expected) {
        Set<String> kinds = allowed(expected);
        if (kinds == null) {
            return false;
        }
        for (TransactionRejectedException.Reason reason : TransactionRejectedException.Reason.values()) {
            if (reason != TransactionRejectedException.Reason.INVALID && kinds.contains(reason.name())) {
                return true;
            }
        }
        return false;
    }

    /** The kind of a transaction refused by itself. */
    public static String kind(InvalidTransactionException e) {
        return e.reason().name();
    }

    /** The kind of a transaction refused against the state: a stateless refusal gives its own reason. */
    public static String kind(TransactionRejectedException e) {
        if (e.reason() == TransactionRejectedException.Reason.INVALID
                && e.getCause() instanceof InvalidTransactionException invalid) {
            return kind(invalid);
        }
        return e.reason().name();
    }

    /**
     * Null when a refusal of {@code kind} (with {@code message}) is what {@code expected} asks for,
     * else why not.
     */
    public static String mismatch(String expected, String kind, String message) {
        Set<String> kinds = allowed(expected);
        if (kinds == null) {
            return "expected " + expected + ", a name this runner does not map to a refusal (add it to ExpectedRefusals);"
                    + " refused " + kind + ": " + message;
        }
        if (!kinds.contains(kind)) {
            return "expected " + expected + " (" + String.join(" or ", kinds) + "), refused for another reason: "
                    + kind + ": " + message;
        }
        return null;
    }
}
