package org.quorumee.core.tx;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.quorumee.core.crypto.InvalidSignatureException;
import org.quorumee.core.crypto.KeyPair;
import org.quorumee.core.crypto.Keccak;
import org.quorumee.core.crypto.Secp256k1;
import org.quorumee.core.crypto.Signature;
import org.quorumee.core.fork.Fork;
import org.quorumee.core.rlp.Rlp;
import org.quorumee.core.rlp.RlpException;
import org.quorumee.core.rlp.RlpItem;
import org.quorumee.core.rlp.RlpWriter;
import org.quorumee.core.tx.InvalidTransactionException.Reason;
import org.quorumee.core.types.Address;

/**
 * A signed transaction of any supported type: legacy (with or without EIP-155 replay protection),
 * Quorum private (legacy form, v = 37/38), EIP-2930, EIP-1559 and EIP-4844 blob transactions.
 * Immutable; the sender is recovered once and cached.
 *
 * <p>Two steps, as the node needs them: {@link #decode(byte[], long)} checks the structure (field
 * sizes, canonical encoding, a meaningful v), {@link #validate(long, Fork)} the chain's rules
 * (chain id, signature, fees, intrinsic gas, init code size). Both fail with an
 * {@link InvalidTransactionException} whose {@link Reason} says why.
 *
 * <p>Nonce and gas limit are unsigned 64-bit values held in a {@code long}: compare them with
 * {@link Long#compareUnsigned}; values of 2^63 and above are legal on the wire.
 *
 * <p><b>Quorum private transactions.</b> As in GoQuorum, a legacy transaction whose v is 37 or 38
 * is private: its data is the 64-byte hash of the payload held by the transaction manager, and it
 * is signed like a Homestead transaction (no chain id, recovery id = v - 37). On chain id 1 the same
 * v values are EIP-155 signatures, which is why GoQuorum refuses chain id 1 for a Quorum chain: the
 * chain id given to {@code decode} decides how v = 37/38 is read.
 */
public final class Transaction {
    /** EIP-3860: the largest init code of a contract creation, from Shanghai. */
    public static final int MAX_INITCODE_SIZE = 49_152;
    /** EIP-4844 (Cancun): a block holds at most 6 blobs, so a transaction does too. */
    public static final int MAX_BLOBS_PER_TRANSACTION = 6;
    /** EIP-4844: the first byte of a blob versioned hash. */
    private static final byte VERSIONED_HASH_VERSION_KZG = 0x01;
    /** The only chain id on which v = 37/38 means EIP-155 instead of a private transaction. */
    public static final long ETHEREUM_MAINNET_CHAIN_ID = 1;

    private static final byte[] EMPTY = new byte[0];
    private static final BigInteger TWO_POW_256 = BigInteger.ONE.shiftLeft(256);
    private static final BigInteger V_27 = BigInteger.valueOf(27);
    private static final BigInteger V_28 = BigInteger.valueOf(28);
    private static final BigInteger V_35 = BigInteger.valueOf(35);
    private static final BigInteger V_PRIVATE_37 = BigInteger.valueOf(37);
    private static final BigInteger V_PRIVATE_38 = BigInteger.valueOf(38);

    /** The signed-over fields. */
    private final Body body;
    private final BigInteger v;
    private final Signature signature;
    private final byte[] encoded;

    private volatile byte[] hash;
    private volatile Address sender;

    private Transaction(Body body, BigInteger v, Signature signature, byte[] encoded) {
        this.body = body;
        this.v = v;
        this.signature = signature;
        this.encoded = encoded;
    }

    // ---------------------------------------------------------------- decoding

    /**
     * Decodes a transaction in its binary form: a typed envelope ({@code type || rlp(fields)}) or a
     * legacy RLP list. This is the form of {@code eth_sendRawTransaction} and of the hash.
     *
     * @param chainId the id of the chain reading it; decides only how v = 37/38 is read (see the
     *                class comment), the chain id itself is checked by {@link #validate}
     * @throws InvalidTransactionException on any structural fault
     */
    public static Transaction decode(byte[] raw, long chainId) {
        return decodeOwned(raw.clone(), chainId);
    }

    /** Decodes bytes that no one else holds (the transaction keeps them as its encoding). */
    private static Transaction decodeOwned(byte[] raw, long chainId) {
        if (raw.length == 0) {
            throw new InvalidTransactionException(Reason.MALFORMED, "empty transaction");
        }
        int first = raw[0] & 0xff;
        if (first >= 0xc0) {
            return decodeLegacy(parse(raw, 0), raw, chainId);
        }
        if (first >= 0x80) {
            // no type byte is 0x80 or above (EIP-2718): these bytes are no transaction at all
            throw new InvalidTransactionException(Reason.MALFORMED,
                    "a transaction is a typed envelope or an RLP list, not an RLP string");
        }
        TransactionType type = TransactionType.ofTypeByte(first);
        return decodeTyped(type, parse(raw, 1), raw);
    }

    /**
     * Decodes a transaction as a block body holds it: a legacy transaction is the list itself, a
     * typed one is an RLP string wrapping its envelope.
     */
    public static Transaction decodeFromBlockBody(RlpItem item, long chainId) {
        if (item.isList()) {
            return decodeLegacy(item, item.encoded(), chainId);
        }
        byte[] envelope = item.bytes();
        if (envelope.length == 0 || (envelope[0] & 0xff) >= 0x80) {
            throw new InvalidTransactionException(Reason.MALFORMED, "a typed transaction in a block body must be a type byte and a list");
        }
        return decodeOwned(envelope, chainId);
    }

    private static RlpItem parse(byte[] raw, int offset) {
        try {
            RlpItem item = Rlp.decode(raw, offset, raw.length - offset);
            if (!item.isList()) {
                throw new InvalidTransactionException(Reason.MALFORMED, "transaction fields must be an RLP list");
            }
            return item;
        } catch (RlpException e) {
            throw new InvalidTransactionException(Reason.MALFORMED, "malformed RLP: " + e.getMessage());
        }
    }

    private static Transaction decodeLegacy(RlpItem list, byte[] encoded, long readingChainId) {
        List<RlpItem> f = fields(list, 9, "legacy");
        Builder b = builder(TransactionType.LEGACY)
                .nonce(readUint64(f.get(0), "nonce"))
                .gasPrice(readUint256(f.get(1), "gasPrice"))
                .gasLimit(readUint64(f.get(2), "gasLimit"))
                .to(readTo(f.get(3)))
                .value(readUint256(f.get(4), "value"))
                .data(readBytes(f.get(5), "data"));
        BigInteger v = readUint256(f.get(6), "v");
        BigInteger r = readUint256(f.get(7), "r");
        BigInteger s = readUint256(f.get(8), "s");
        int recId;
        if (v.equals(V_27) || v.equals(V_28)) {
            recId = v.intValueExact() - 27;
        } else if ((v.equals(V_PRIVATE_37) || v.equals(V_PRIVATE_38)) && readingChainId != ETHEREUM_MAINNET_CHAIN_ID) {
            b.privateTransaction(true);
            recId = v.intValueExact() - 37;
        } else if (v.compareTo(V_35) >= 0) {
            BigInteger offset = v.subtract(V_35);
            b.chainId = offset.shiftRight(1);
            recId = offset.testBit(0) ? 1 : 0;
        } else {
            throw new InvalidTransactionException(Reason.WRONG_CHAIN_ID,
                    "v = " + v + " is neither 27/28 nor an EIP-155 value (chainId * 2 + 35/36)");
        }
        return new Transaction(b.body(), v, new Signature(r, s, recId), encoded);
    }

    private static Transaction decodeTyped(TransactionType type, RlpItem list, byte[] encoded) {
        int count = switch (type) {
            case ACCESS_LIST -> 11;
            case EIP1559 -> 12;
            case BLOB -> 14;
            case LEGACY -> throw new IllegalStateException("legacy is not typed");
        };
        List<RlpItem> f = fields(list, count, type.name());
        Builder b = builder(type).chainId(readUint256(f.get(0), "chainId")).nonce(readUint64(f.get(1), "nonce"));
        int i = 2;
        if (type == TransactionType.ACCESS_LIST) {
            b.gasPrice(readUint256(f.get(i++), "gasPrice"));
        } else {
            b.maxPriorityFeePerGas(readUint256(f.get(i++), "maxPriorityFeePerGas"));
            b.maxFeePerGas(readUint256(f.get(i++), "maxFeePerGas"));
        }
        b.gasLimit(readUint64(f.get(i++), "gasLimit"))
                .to(readTo(f.get(i++)))
                .value(readUint256(f.get(i++), "value"))
                .data(readBytes(f.get(i++), "data"))
                .accessList(readAccessList(f.get(i++)));
        if (type == TransactionType.BLOB) {
            b.maxFeePerBlobGas(readUint256(f.get(i++), "maxFeePerBlobGas"));
            b.blobVersionedHashes(readBlobHashes(f.get(i++)));
        }
        BigInteger yParity = readUint256(f.get(i++), "yParity");
        if (yParity.compareTo(BigInteger.ONE) > 0) {
            throw new InvalidTransactionException(Reason.INVALID_SIGNATURE, "yParity must be 0 or 1, not " + yParity);
        }
        BigInteger r = readUint256(f.get(i++), "r");
        BigInteger s = readUint256(f.get(i), "s");
        return new Transaction(b.body(), yParity, new Signature(r, s, yParity.intValue()), encoded);
    }

    private static List<RlpItem> fields(RlpItem list, int expected, String kind) {
        List<RlpItem> items = list.items();
        if (items.size() != expected) {
            throw new InvalidTransactionException(Reason.MALFORMED,
                    "a " + kind + " transaction has " + expected + " fields, not " + items.size());
        }
        return items;
    }

    private static byte[] readString(RlpItem item, String field) {
        if (item.isList()) {
            throw new InvalidTransactionException(Reason.INVALID_FIELD, field + " must be a byte string, not a list");
        }
        return item.bytes();
    }

    private static byte[] readScalar(RlpItem item, String field, int maxBytes) {
        byte[] bytes = readString(item, field);
        if (bytes.length > 0 && bytes[0] == 0) {
            throw new InvalidTransactionException(Reason.INVALID_FIELD, field + " has leading zero bytes");
        }
        if (bytes.length > maxBytes) {
            throw new InvalidTransactionException(Reason.INVALID_FIELD,
                    field + " has " + bytes.length + " bytes, at most " + maxBytes + " allowed");
        }
        return bytes;
    }

    private static long readUint64(RlpItem item, String field) {
        long value = 0;
        for (byte b : readScalar(item, field, 8)) {
            value = (value << 8) | (b & 0xff);
        }
        return value;
    }

    private static BigInteger readUint256(RlpItem item, String field) {
        byte[] bytes = readScalar(item, field, 32);
        return bytes.length == 0 ? BigInteger.ZERO : new BigInteger(1, bytes);
    }

    private static byte[] readBytes(RlpItem item, String field) {
        return readString(item, field);
    }

    private static Address readTo(RlpItem item) {
        byte[] bytes = readString(item, "to");
        if (bytes.length == 0) {
            return null;
        }
        if (bytes.length != Address.SIZE) {
            throw new InvalidTransactionException(Reason.INVALID_FIELD, "to has " + bytes.length + " bytes, not 20");
        }
        return Address.wrap(bytes);
    }

    private static List<AccessListEntry> readAccessList(RlpItem item) {
        if (!item.isList()) {
            throw new InvalidTransactionException(Reason.INVALID_FIELD, "accessList must be a list");
        }
        List<AccessListEntry> entries = new ArrayList<>();
        for (RlpItem entry : item.items()) {
            if (!entry.isList() || entry.items().size() != 2) {
                throw new InvalidTransactionException(Reason.INVALID_FIELD, "an access list entry is [address, [keys...]]");
            }
            byte[] address = readString(entry.item(0), "access list address");
            if (address.length != Address.SIZE) {
                throw new InvalidTransactionException(Reason.INVALID_FIELD,
                        "access list address has " + address.length + " bytes, not 20");
            }
            RlpItem keys = entry.item(1);
            if (!keys.isList()) {
                throw new InvalidTransactionException(Reason.INVALID_FIELD, "access list storage keys must be a list");
            }
            List<byte[]> storageKeys = new ArrayList<>();
            for (RlpItem key : keys.items()) {
                byte[] bytes = readString(key, "access list storage key");
                if (bytes.length != 32) {
                    throw new InvalidTransactionException(Reason.INVALID_FIELD,
                            "access list storage key has " + bytes.length + " bytes, not 32");
                }
                storageKeys.add(bytes);
            }
            entries.add(new AccessListEntry(Address.wrap(address), storageKeys));
        }
        return entries;
    }

    private static List<byte[]> readBlobHashes(RlpItem item) {
        if (!item.isList()) {
            throw new InvalidTransactionException(Reason.INVALID_FIELD, "blobVersionedHashes must be a list");
        }
        List<byte[]> hashes = new ArrayList<>();
        for (RlpItem hashItem : item.items()) {
            byte[] bytes = readString(hashItem, "blob versioned hash");
            if (bytes.length != 32) {
                throw new InvalidTransactionException(Reason.INVALID_FIELD,
                        "blob versioned hash has " + bytes.length + " bytes, not 32");
            }
            hashes.add(bytes);
        }
        return hashes;
    }

    // ---------------------------------------------------------------- validation

    /**
     * Checks the rules of {@code fork} on the chain {@code chainId}: the type is known at the fork
     * (for blob transactions: 1 to 6 versioned hashes, each of version 1), nonce below 2^64-1, the
     * chain id matches (pre-EIP-155 and private transactions carry none), the signature is
     * canonical and recoverable (checked before the gas rules, as geth does), fee cap not below
     * the tip, gasLimit x price fits 256 bits, gasLimit covers the intrinsic gas, init code within
     * EIP-3860's limit. Rules that need the state or the block (balance, nonce order, base fee,
     * block gas) are the chain's.
     * A blob transaction passes here from Cancun on; refusing it is the chain's choice
     * ({@link #isBlob()}, {@link Reason#BLOB_NOT_SUPPORTED}).
     *
     * @return this transaction, for chaining
     * @throws InvalidTransactionException naming the first rule broken
     */
    public Transaction validate(long chainId, Fork fork) {
        if (body.type() == TransactionType.BLOB) {
            checkBlobs(fork);
        }
        if (body.nonce() == -1L) {
            throw new InvalidTransactionException(Reason.NONCE_MAX, "nonce 2^64-1 is not allowed (EIP-2681)");
        }
        if (body.chainId() != null && !body.chainId().equals(BigInteger.valueOf(chainId))) {
            throw new InvalidTransactionException(Reason.WRONG_CHAIN_ID,
                    "signed for chain " + body.chainId() + ", this chain is " + chainId);
        }
        try {
            signature.validate(true);
        } catch (InvalidSignatureException e) {
            throw new InvalidTransactionException(Reason.INVALID_SIGNATURE, e.getMessage());
        }
        sender();
        if (body.privateTx() && body.data().length != 0 && body.data().length != 64) {
            throw new InvalidTransactionException(Reason.INVALID_PRIVATE_PAYLOAD,
                    "a private transaction's data is the 64-byte payload hash, not " + body.data().length + " bytes");
        }
        if (body.maxPriorityFeePerGas().compareTo(body.maxFeePerGas()) > 0) {
            throw new InvalidTransactionException(Reason.PRIORITY_FEE_ABOVE_MAX_FEE,
                    "maxPriorityFeePerGas " + body.maxPriorityFeePerGas() + " is above maxFeePerGas " + body.maxFeePerGas());
        }
        if (body.maxFeePerGas().multiply(unsigned(body.gasLimit())).compareTo(TWO_POW_256) >= 0) {
            throw new InvalidTransactionException(Reason.GAS_PRICE_OVERFLOW, "gasLimit x gas price exceeds 2^256");
        }
        long intrinsic = intrinsicGas(fork);
        if (Long.compareUnsigned(body.gasLimit(), intrinsic) < 0) {
            throw new InvalidTransactionException(Reason.INTRINSIC_GAS,
                    "gasLimit " + Long.toUnsignedString(body.gasLimit()) + " is below the intrinsic gas " + intrinsic);
        }
        if (fork.isAtLeast(Fork.SHANGHAI) && body.to() == null && body.data().length > MAX_INITCODE_SIZE) {
            throw new InvalidTransactionException(Reason.INITCODE_TOO_LARGE,
                    "init code of " + body.data().length + " bytes exceeds " + MAX_INITCODE_SIZE);
        }
        return this;
    }

    private void checkBlobs(Fork fork) {
        if (!fork.isAtLeast(Fork.CANCUN)) {
            throw new InvalidTransactionException(Reason.TYPE_NOT_SUPPORTED, "blob transactions start at Cancun");
        }
        List<byte[]> hashes = body.blobVersionedHashes();
        if (hashes.isEmpty()) {
            throw new InvalidTransactionException(Reason.INVALID_BLOBS, "a blob transaction carries at least one blob");
        }
        if (hashes.size() > MAX_BLOBS_PER_TRANSACTION) {
            throw new InvalidTransactionException(Reason.INVALID_BLOBS,
                    hashes.size() + " blobs exceed the " + MAX_BLOBS_PER_TRANSACTION + " a block can hold");
        }
        for (byte[] hash : hashes) {
            if (hash[0] != VERSIONED_HASH_VERSION_KZG) {
                throw new InvalidTransactionException(Reason.INVALID_BLOBS,
                        "blob versioned hash of version " + hash[0] + ", not 1 (KZG)");
            }
        }
    }

    /**
     * The gas charged before execution: 21000 (53000 to create), 4 per zero and 16 per non-zero
     * byte of data, 2400 per access-list address and 1900 per storage key, and from Shanghai 2 per
     * 32-byte word of init code (EIP-3860).
     */
    public long intrinsicGas(Fork fork) {
        return intrinsicGas(body.data(), body.to() == null, body.accessList(), fork);
    }

    /** Intrinsic gas of the given parts (also for calls that are not transactions yet, like eth_estimateGas). */
    public static long intrinsicGas(byte[] data, boolean contractCreation, List<AccessListEntry> accessList, Fork fork) {
        long gas = contractCreation ? 53_000 : 21_000;
        int zeros = 0;
        for (byte b : data) {
            if (b == 0) {
                zeros++;
            }
        }
        gas += 4L * zeros + 16L * (data.length - zeros);
        for (AccessListEntry entry : accessList) {
            gas += 2_400 + 1_900L * entry.storageKeys().size();
        }
        if (contractCreation && fork.isAtLeast(Fork.SHANGHAI)) {
            gas += 2L * ((data.length + 31L) / 32);
        }
        return gas;
    }

    // ---------------------------------------------------------------- derived values

    /** Keccak-256 of the binary form: the transaction's identity. */
    public byte[] hash() {
        byte[] h = hash;
        if (h == null) {
            h = Keccak.keccak256(encoded);
            hash = h;
        }
        return h.clone();
    }

    /** The hash the sender signed (see the class comment for private transactions). */
    public byte[] signingHash() {
        return body.signingHash();
    }

    /**
     * The sender, recovered from the signature once and then cached (here, and in {@link SenderCache}
     * for the other objects of the same transaction). Does not check low-s: call
     * {@link #validate} for the full rules.
     *
     * @throws InvalidTransactionException ({@link Reason#SENDER_NOT_RECOVERABLE}) when no key recovers
     */
    public Address sender() {
        Address a = sender;
        if (a == null) {
            byte[] signed = signingHash();
            try {
                a = SenderCache.sender(signed, signature, () -> Secp256k1.recoverAddress(signed, signature));
            } catch (InvalidSignatureException e) {
                throw new InvalidTransactionException(Reason.SENDER_NOT_RECOVERABLE, "cannot recover the sender: " + e.getMessage());
            }
            sender = a;
        }
        return a;
    }

    /** The address a creation deploys to: keccak(rlp([sender, nonce]))[12..]; only for creations. */
    public Address contractAddress() {
        if (body.to() != null) {
            throw new IllegalStateException("not a contract creation");
        }
        byte[] rlp = Rlp.encodeList(Rlp.encodeBytes(sender().toArray()), Rlp.encodeLong(body.nonce()));
        return Address.wrap(Arrays.copyOfRange(Keccak.keccak256(rlp), 12, 32));
    }

    /** The gas price paid at {@code baseFee}: min(maxFee, baseFee + tip); the gas price for legacy types. */
    public BigInteger effectiveGasPrice(BigInteger baseFee) {
        if (body.type() == TransactionType.LEGACY || body.type() == TransactionType.ACCESS_LIST) {
            return body.gasPrice();
        }
        return body.maxFeePerGas().min(baseFee.add(body.maxPriorityFeePerGas()));
    }

    // ---------------------------------------------------------------- encoding

    /** A copy of the binary form: typed envelope or legacy RLP list. */
    public byte[] encoded() {
        return encoded.clone();
    }

    /** The form inside a block body: the legacy list, or the envelope as an RLP string. */
    public byte[] encodedForBlockBody() {
        return body.type() == TransactionType.LEGACY ? encoded.clone() : Rlp.encodeBytes(encoded);
    }

    /** Length of the binary form, without copying it (size limits, pool accounting). */
    public int size() {
        return encoded.length;
    }

    private static BigInteger unsigned(long value) {
        return value >= 0 ? BigInteger.valueOf(value) : BigInteger.valueOf(value).add(BigInteger.ONE.shiftLeft(64));
    }

    // ---------------------------------------------------------------- accessors

    public TransactionType type() {
        return body.type();
    }

    /** The chain id it was signed for; empty for pre-EIP-155 legacy and for private transactions. */
    public Optional<BigInteger> chainId() {
        return Optional.ofNullable(body.chainId());
    }

    /** Unsigned 64-bit. */
    public long nonce() {
        return body.nonce();
    }

    /** The gas price of legacy and EIP-2930 transactions; the fee cap (maxFeePerGas) of the others. */
    public BigInteger gasPrice() {
        return body.gasPrice() != null ? body.gasPrice() : body.maxFeePerGas();
    }

    /** The tip; equals the gas price for legacy and EIP-2930 transactions. */
    public BigInteger maxPriorityFeePerGas() {
        return body.maxPriorityFeePerGas();
    }

    /** The fee cap; equals the gas price for legacy and EIP-2930 transactions. */
    public BigInteger maxFeePerGas() {
        return body.maxFeePerGas();
    }

    /** Unsigned 64-bit. */
    public long gasLimit() {
        return body.gasLimit();
    }

    /** The recipient; empty for a contract creation. */
    public Optional<Address> to() {
        return Optional.ofNullable(body.to());
    }

    public boolean isContractCreation() {
        return body.to() == null;
    }

    public BigInteger value() {
        return body.value();
    }

    /** A copy of the data (for a private transaction: the payload hash). */
    public byte[] data() {
        return body.data().clone();
    }

    /** Length of the data without copying it. */
    public int dataLength() {
        return body.data().length;
    }

    public List<AccessListEntry> accessList() {
        return body.accessList();
    }

    /** The blob fee cap of a blob transaction; zero otherwise. */
    public BigInteger maxFeePerBlobGas() {
        return body.maxFeePerBlobGas();
    }

    /** Copies of the versioned hashes of a blob transaction; empty otherwise. */
    public List<byte[]> blobVersionedHashes() {
        return body.blobVersionedHashes().stream().map(byte[]::clone).toList();
    }

    public boolean isBlob() {
        return body.type() == TransactionType.BLOB;
    }

    /** A Quorum private transaction (legacy form with v = 37/38): its data is the payload hash. */
    public boolean isPrivate() {
        return body.privateTx();
    }

    /**
     * This transaction marked Quorum private, as GoQuorum and web3js-quorum's {@code setPrivate} do: a
     * legacy transaction signed without a chain id keeps its Homestead signature and takes v = 37/38
     * instead of 27/28 (same sender, another hash). A private one is itself.
     *
     * @throws InvalidTransactionException if it is typed or replay-protected (signed with a chain id)
     */
    public Transaction asPrivate() {
        if (body.privateTx()) {
            return this;
        }
        if (body.type() != TransactionType.LEGACY || body.chainId() != null) {
            throw new InvalidTransactionException(Reason.INVALID_FIELD, "a private transaction is a legacy transaction signed "
                    + "without a chain id (Homestead, v = 27/28 or 37/38)");
        }
        Builder builder = builder(TransactionType.LEGACY).nonce(body.nonce()).gasPrice(body.gasPrice()).gasLimit(body.gasLimit())
                .value(body.value()).data(body.data()).privateTransaction(true);
        if (body.to() != null) {
            builder.to(body.to());
        }
        return builder.withSignature(signature);
    }

    /** v as on the wire: 27/28, 37/38 (private), chainId*2+35/36, or the yParity of typed ones. */
    public BigInteger v() {
        return v;
    }

    public Signature signature() {
        return signature;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Transaction other && Arrays.equals(encoded, other.encoded);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(hash());
    }

    @Override
    public String toString() {
        return "Transaction{" + body.type() + (body.privateTx() ? " private" : "") + ", hash=" + org.quorumee.core.bytes.Hex.encode(hash()) + "}";
    }

    // ---------------------------------------------------------------- building and signing

    /** A builder for a new transaction of {@code type}; every field defaults to zero/empty. */
    public static Builder builder(TransactionType type) {
        return new Builder(type);
    }

    /**
     * Collects the fields of a new transaction, then signs it. For legacy transactions a chain id
     * gives EIP-155 protection, none gives a pre-EIP-155 (v = 27/28) transaction, and
     * {@link #privateTransaction(boolean)} a Quorum private one (v = 37/38, no chain id).
     */
    public static final class Builder {
        private final TransactionType type;
        private BigInteger chainId;
        private long nonce;
        private BigInteger gasPrice = BigInteger.ZERO;
        private BigInteger maxPriorityFeePerGas = BigInteger.ZERO;
        private BigInteger maxFeePerGas = BigInteger.ZERO;
        private long gasLimit;
        private Address to;
        private BigInteger value = BigInteger.ZERO;
        private byte[] data = new byte[0];
        private List<AccessListEntry> accessList = List.of();
        private BigInteger maxFeePerBlobGas = BigInteger.ZERO;
        private List<byte[]> blobVersionedHashes = List.of();
        private boolean privateTx;

        private Builder(TransactionType type) {
            this.type = type;
        }

        public Builder chainId(long chainId) {
            return chainId(BigInteger.valueOf(chainId));
        }

        public Builder chainId(BigInteger chainId) {
            this.chainId = chainId;
            return this;
        }

        /** Unsigned 64-bit. */
        public Builder nonce(long nonce) {
            this.nonce = nonce;
            return this;
        }

        /** Legacy and EIP-2930: the gas price (also tip and fee cap, for uniform reading). */
        public Builder gasPrice(BigInteger gasPrice) {
            this.gasPrice = gasPrice;
            this.maxPriorityFeePerGas = gasPrice;
            this.maxFeePerGas = gasPrice;
            return this;
        }

        public Builder maxPriorityFeePerGas(BigInteger fee) {
            this.maxPriorityFeePerGas = fee;
            return this;
        }

        public Builder maxFeePerGas(BigInteger fee) {
            this.maxFeePerGas = fee;
            return this;
        }

        /** Unsigned 64-bit. */
        public Builder gasLimit(long gasLimit) {
            this.gasLimit = gasLimit;
            return this;
        }

        /** The recipient; null for a contract creation. */
        public Builder to(Address to) {
            this.to = to;
            return this;
        }

        public Builder value(BigInteger value) {
            this.value = value;
            return this;
        }

        public Builder data(byte[] data) {
            this.data = data.clone();
            return this;
        }

        public Builder accessList(List<AccessListEntry> accessList) {
            this.accessList = List.copyOf(accessList);
            return this;
        }

        public Builder maxFeePerBlobGas(BigInteger fee) {
            this.maxFeePerBlobGas = fee;
            return this;
        }

        public Builder blobVersionedHashes(List<byte[]> hashes) {
            this.blobVersionedHashes = hashes.stream().map(byte[]::clone).toList();
            return this;
        }

        /** Marks a legacy transaction as Quorum private: v = 37/38, Homestead signing hash. */
        public Builder privateTransaction(boolean isPrivate) {
            this.privateTx = isPrivate;
            return this;
        }

        /** The hash to sign (for external signers: HSMs, remote key stores). */
        public byte[] signingHash() {
            return body().signingHash();
        }

        /** Signs with the key and returns the transaction. */
        public Transaction sign(KeyPair key) {
            return withSignature(key.sign(signingHash()));
        }

        /** Signs with a 32-byte private key and returns the transaction. */
        public Transaction sign(byte[] privateKey) {
            return withSignature(Secp256k1.sign(signingHash(), privateKey));
        }

        /**
         * The transaction before anyone signs it, as geth's {@code eth_fillTransaction} hands it out:
         * r = s = 0 and v = 0, or v = 37 when private (GoQuorum marks the filled transaction
         * private, so the signer keeps the Homestead form). Its sender cannot be recovered.
         */
        public Transaction unsigned() {
            Body body = body();
            BigInteger v = privateTx ? V_PRIVATE_37 : BigInteger.ZERO;
            Signature none = new Signature(BigInteger.ZERO, BigInteger.ZERO, 0);
            return new Transaction(body, v, none, body.encode(v, none));
        }

        /** The transaction with a signature made elsewhere over {@link #signingHash()}. */
        public Transaction withSignature(Signature signature) {
            Body body = body();
            if (signature.recId() > 1) {
                throw new InvalidTransactionException(Reason.INVALID_SIGNATURE,
                        "recovery id " + signature.recId() + " cannot be encoded in v");
            }
            BigInteger v;
            if (type != TransactionType.LEGACY) {
                v = BigInteger.valueOf(signature.recId());
            } else if (privateTx) {
                v = BigInteger.valueOf(37 + signature.recId());
            } else if (chainId != null) {
                v = chainId.shiftLeft(1).add(BigInteger.valueOf(35 + signature.recId()));
            } else {
                v = BigInteger.valueOf(27 + signature.recId());
            }
            return new Transaction(body, v, signature, body.encode(v, signature));
        }

        private void check() {
            if (privateTx && type != TransactionType.LEGACY) {
                throw new InvalidTransactionException(Reason.INVALID_FIELD, "only legacy transactions can be Quorum private");
            }
            if (type != TransactionType.LEGACY && chainId == null) {
                throw new InvalidTransactionException(Reason.INVALID_FIELD, "a typed transaction needs a chain id");
            }
            if (type == TransactionType.BLOB && to == null) {
                throw new InvalidTransactionException(Reason.INVALID_FIELD, "a blob transaction cannot create a contract");
            }
            checkUint256(chainId, "chainId");
            checkUint256(gasPrice, "gasPrice");
            checkUint256(maxPriorityFeePerGas, "maxPriorityFeePerGas");
            checkUint256(maxFeePerGas, "maxFeePerGas");
            checkUint256(value, "value");
            checkUint256(maxFeePerBlobGas, "maxFeePerBlobGas");
        }

        private static void checkUint256(BigInteger value, String field) {
            if (value != null && (value.signum() < 0 || value.bitLength() > 256)) {
                throw new InvalidTransactionException(Reason.INVALID_FIELD, field + " must be in [0, 2^256), not " + value);
            }
        }

        private Body body() {
            check();
            boolean priced = type == TransactionType.LEGACY || type == TransactionType.ACCESS_LIST;
            return new Body(type, privateTx ? null : chainId, nonce, priced ? gasPrice : null,
                    priced ? gasPrice : maxPriorityFeePerGas, priced ? gasPrice : maxFeePerGas, gasLimit, to, value,
                    data, accessList, maxFeePerBlobGas, blobVersionedHashes, privateTx);
        }
    }

    /** The fields a signature covers, and their encodings. */
    private record Body(TransactionType type, BigInteger chainId, long nonce, BigInteger gasPrice,
                        BigInteger maxPriorityFeePerGas, BigInteger maxFeePerGas, long gasLimit, Address to,
                        BigInteger value, byte[] data, List<AccessListEntry> accessList,
                        BigInteger maxFeePerBlobGas, List<byte[]> blobVersionedHashes, boolean privateTx) {

        /** Writes the fields before v, r, s, in the type's order. */
        void writeUnsigned(RlpWriter w) {
            if (type != TransactionType.LEGACY) {
                w.writeBigInteger(chainId);
            }
            w.writeLong(nonce);
            if (gasPrice != null) {
                w.writeBigInteger(gasPrice);
            } else {
                w.writeBigInteger(maxPriorityFeePerGas);
                w.writeBigInteger(maxFeePerGas);
            }
            w.writeLong(gasLimit);
            if (to == null) {
                w.writeBytes(EMPTY);
            } else {
                w.writeBytes(to.toArray());
            }
            w.writeBigInteger(value);
            w.writeBytes(data);
            if (type != TransactionType.LEGACY) {
                w.startList();
                for (AccessListEntry entry : accessList) {
                    w.startList().writeBytes(entry.address().toArray()).startList();
                    for (byte[] key : entry.storageKeys()) {
                        w.writeBytes(key);
                    }
                    w.endList().endList();
                }
                w.endList();
            }
            if (type == TransactionType.BLOB) {
                w.writeBigInteger(maxFeePerBlobGas);
                w.startList();
                for (byte[] h : blobVersionedHashes) {
                    w.writeBytes(h);
                }
                w.endList();
            }
        }

        private RlpWriter writer() {
            return new RlpWriter(160 + data.length + accessList.size() * 100 + blobVersionedHashes.size() * 33);
        }

        /**
         * Legacy: keccak(rlp(6 fields)) before EIP-155 and for private transactions, else with
         * [chainId, 0, 0] appended; typed: keccak(type || rlp(unsigned fields)).
         */
        byte[] signingHash() {
            RlpWriter w = writer();
            if (type != TransactionType.LEGACY) {
                w.writeRawByte(type.typeByte());
            }
            w.startList();
            writeUnsigned(w);
            if (type == TransactionType.LEGACY && chainId != null) {
                w.writeBigInteger(chainId).writeLong(0).writeLong(0);
            }
            w.endList();
            return Keccak.keccak256(w.toByteArray());
        }

        /** The binary form with the signature values. */
        byte[] encode(BigInteger v, Signature signature) {
            RlpWriter w = writer();
            if (type != TransactionType.LEGACY) {
                w.writeRawByte(type.typeByte());
            }
            w.startList();
            writeUnsigned(w);
            w.writeBigInteger(v).writeBigInteger(signature.r()).writeBigInteger(signature.s());
            w.endList();
            return w.toByteArray();
        }
    }
}
