package org.quorumee.core.chain;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.quorumee.core.bytes.Hex;
import org.quorumee.core.consensus.ibft.extra.IstanbulBlockHash;
import org.quorumee.core.crypto.Keccak;
import org.quorumee.core.rlp.Rlp;
import org.quorumee.core.rlp.RlpException;
import org.quorumee.core.rlp.RlpItem;
import org.quorumee.core.trie.MerklePatriciaTrie;
import org.quorumee.core.types.Address;

/**
 * A block header through Cancun: the 15 fields of the Yellow Paper, then the optional fields each
 * fork appended (London: base fee; Shanghai: withdrawals root; Cancun: blob gas used, excess blob
 * gas, parent beacon block root). A field present implies every earlier optional field is present,
 * so the RLP list has 15 to 20 items. Immutable; build one with {@link #builder()}.
 */
public final class BlockHeader {
    /** keccak256(rlp([])): the ommers hash of every block without ommers (all blocks after the merge). */
    public static final byte[] EMPTY_OMMERS_HASH = Keccak.keccak256(Rlp.EMPTY_LIST);

    private static final int BASE_FIELDS = 15;
    private static final int MAX_FIELDS = 20;

    private final byte[] parentHash;
    private final byte[] ommersHash;
    private final Address coinbase;
    private final byte[] stateRoot;
    private final byte[] transactionsRoot;
    private final byte[] receiptsRoot;
    private final LogsBloom logsBloom;
    private final BigInteger difficulty;
    private final long number;
    private final long gasLimit;
    private final long gasUsed;
    private final long timestamp;
    private final byte[] extraData;
    private final byte[] mixHash;
    private final long nonce;
    private final BigInteger baseFee;
    private final byte[] withdrawalsRoot;
    private final Long blobGasUsed;
    private final Long excessBlobGas;
    private final byte[] parentBeaconBlockRoot;
    private byte[] encoded;
    private byte[] hash;

    private BlockHeader(Builder b) {
        parentHash = hash32(b.parentHash, "parentHash");
        ommersHash = hash32(b.ommersHash, "ommersHash");
        coinbase = require(b.coinbase, "coinbase");
        stateRoot = hash32(b.stateRoot, "stateRoot");
        transactionsRoot = hash32(b.transactionsRoot, "transactionsRoot");
        receiptsRoot = hash32(b.receiptsRoot, "receiptsRoot");
        logsBloom = require(b.logsBloom, "logsBloom");
        difficulty = require(b.difficulty, "difficulty");
        number = b.number;
        gasLimit = b.gasLimit;
        gasUsed = b.gasUsed;
        timestamp = b.timestamp;
        extraData = require(b.extraData, "extraData").clone();
        mixHash = hash32(b.mixHash, "mixHash");
        nonce = b.nonce;
        baseFee = b.baseFee;
        withdrawalsRoot = b.withdrawalsRoot == null ? null : hash32(b.withdrawalsRoot, "withdrawalsRoot");
        blobGasUsed = b.blobGasUsed;
        excessBlobGas = b.excessBlobGas;
        parentBeaconBlockRoot = b.parentBeaconBlockRoot == null ? null : hash32(b.parentBeaconBlockRoot, "parentBeaconBlockRoot");
        if (difficulty.signum() < 0 || (baseFee != null && baseFee.signum() < 0)) {
            throw new IllegalArgumentException("difficulty and base fee are unsigned");
        }
        if (number < 0 || gasLimit < 0 || gasUsed < 0 || timestamp < 0
                || (blobGasUsed != null && blobGasUsed < 0) || (excessBlobGas != null && excessBlobGas < 0)) {
            throw new IllegalArgumentException("header numbers are unsigned 63-bit values");
        }
        Object[] optional = optionalFields();
        for (int i = 1; i < optional.length; i++) {
            if (optional[i] != null && optional[i - 1] == null) {
                throw new IllegalArgumentException("header field " + (BASE_FIELDS + i)
                        + " is set but an earlier fork's field is not");
            }
        }
    }

    private Object[] optionalFields() {
        return new Object[] {baseFee, withdrawalsRoot, blobGasUsed, excessBlobGas, parentBeaconBlockRoot};
    }

    private static <T> T require(T value, String name) {
        if (value == null) {
            throw new IllegalArgumentException("header field " + name + " is missing");
        }
        return value;
    }

    private static byte[] hash32(byte[] value, String name) {
        require(value, name);
        if (value.length != 32) {
            throw new IllegalArgumentException("header field " + name + " is 32 bytes, not " + value.length);
        }
        return value.clone();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this header's fields (to derive a modified header). */
    public Builder toBuilder() {
        return new Builder()
                .parentHash(parentHash).ommersHash(ommersHash).coinbase(coinbase).stateRoot(stateRoot)
                .transactionsRoot(transactionsRoot).receiptsRoot(receiptsRoot).logsBloom(logsBloom)
                .difficulty(difficulty).number(number).gasLimit(gasLimit).gasUsed(gasUsed).timestamp(timestamp)
                .extraData(extraData).mixHash(mixHash).nonce(nonce).baseFee(baseFee).withdrawalsRoot(withdrawalsRoot)
                .blobGasUsed(blobGasUsed).excessBlobGas(excessBlobGas).parentBeaconBlockRoot(parentBeaconBlockRoot);
    }

    /** The header's RLP encoding (computed once). */
    public byte[] encode() {
        if (encoded == null) {
            encoded = encodeWithExtraData(extraData);
        }
        return encoded.clone();
    }

    private byte[] encodeWithExtraData(byte[] extra) {
        List<byte[]> items = new ArrayList<>(MAX_FIELDS);
        items.add(Rlp.encodeBytes(parentHash));
        items.add(Rlp.encodeBytes(ommersHash));
        items.add(Rlp.encodeBytes(coinbase.toArray()));
        items.add(Rlp.encodeBytes(stateRoot));
        items.add(Rlp.encodeBytes(transactionsRoot));
        items.add(Rlp.encodeBytes(receiptsRoot));
        items.add(Rlp.encodeBytes(logsBloom.toArray()));
        items.add(Rlp.encodeBigInteger(difficulty));
        items.add(Rlp.encodeLong(number));
        items.add(Rlp.encodeLong(gasLimit));
        items.add(Rlp.encodeLong(gasUsed));
        items.add(Rlp.encodeLong(timestamp));
        items.add(Rlp.encodeBytes(extra));
        items.add(Rlp.encodeBytes(mixHash));
        items.add(Rlp.encodeBytes(nonceBytes(nonce)));
        if (baseFee != null) {
            items.add(Rlp.encodeBigInteger(baseFee));
        }
        if (withdrawalsRoot != null) {
            items.add(Rlp.encodeBytes(withdrawalsRoot));
        }
        if (blobGasUsed != null) {
            items.add(Rlp.encodeLong(blobGasUsed));
        }
        if (excessBlobGas != null) {
            items.add(Rlp.encodeLong(excessBlobGas));
        }
        if (parentBeaconBlockRoot != null) {
            items.add(Rlp.encodeBytes(parentBeaconBlockRoot));
        }
        return Rlp.encodeList(items);
    }

    /**
     * The block's hash: keccak256 of the encoding, except for GoQuorum Istanbul headers (mix hash =
     * the Istanbul digest, extraData in the IBFT or QBFT layout), which hash with the committed
     * seals left out of extraData (and QBFT's round written as 0), as GoQuorum's
     * {@code Header.Hash()} does: the hash the validators sign cannot depend on their signatures.
     * See {@link IstanbulBlockHash}.
     */
    public byte[] hash() {
        if (hash == null) {
            byte[] rlp = encode();
            if (IstanbulBlockHash.isIstanbulDigest(mixHash)) {
                rlp = IstanbulBlockHash.filteredExtraData(extraData).map(this::encodeWithExtraData).orElse(rlp);
            }
            hash = Keccak.keccak256(rlp);
        }
        return hash.clone();
    }

    public static BlockHeader decode(byte[] encoded) {
        return fromRlp(Rlp.decode(encoded));
    }

    /**
     * The header of an already decoded item (inside a block).
     *
     * @throws RlpException when the item is not a header of 15 to 20 canonical fields
     */
    public static BlockHeader fromRlp(RlpItem item) {
        if (!item.isList()) {
            throw new RlpException("a block header is an RLP list");
        }
        List<RlpItem> f = item.items();
        if (f.size() < BASE_FIELDS || f.size() > MAX_FIELDS) {
            throw new RlpException("a block header has 15 to 20 fields, not " + f.size());
        }
        Builder b = builder()
                .parentHash(f.get(0).bytes(32))
                .ommersHash(f.get(1).bytes(32))
                .coinbase(Address.wrap(f.get(2).bytes(Address.SIZE)))
                .stateRoot(f.get(3).bytes(32))
                .transactionsRoot(f.get(4).bytes(32))
                .receiptsRoot(f.get(5).bytes(32))
                .logsBloom(LogsBloom.wrap(f.get(6).bytes(LogsBloom.BYTES)))
                .difficulty(f.get(7).asBigInteger(32))
                .number(f.get(8).asLong())
                .gasLimit(f.get(9).asLong())
                .gasUsed(f.get(10).asLong())
                .timestamp(f.get(11).asLong())
                .extraData(f.get(12).bytes())
                .mixHash(f.get(13).bytes(32))
                .nonce(nonceValue(f.get(14).bytes(8)));
        if (f.size() > 15) {
            b.baseFee(f.get(15).asBigInteger(32));
        }
        if (f.size() > 16) {
            b.withdrawalsRoot(f.get(16).bytes(32));
        }
        if (f.size() > 17) {
            b.blobGasUsed(f.get(17).asLong());
        }
        if (f.size() > 18) {
            b.excessBlobGas(f.get(18).asLong());
        }
        if (f.size() > 19) {
            b.parentBeaconBlockRoot(f.get(19).bytes(32));
        }
        BlockHeader header = b.build();
        header.encoded = item.encoded();
        return header;
    }

    private static byte[] nonceBytes(long nonce) {
        byte[] out = new byte[8];
        for (int i = 7; i >= 0; i--) {
            out[i] = (byte) nonce;
            nonce >>>= 8;
        }
        return out;
    }

    private static long nonceValue(byte[] bytes) {
        long value = 0;
        for (byte b : bytes) {
            value = (value << 8) | (b & 0xff);
        }
        return value;
    }

    public byte[] parentHash() {
        return parentHash.clone();
    }

    public byte[] ommersHash() {
        return ommersHash.clone();
    }

    public Address coinbase() {
        return coinbase;
    }

    public byte[] stateRoot() {
        return stateRoot.clone();
    }

    public byte[] transactionsRoot() {
        return transactionsRoot.clone();
    }

    public byte[] receiptsRoot() {
        return receiptsRoot.clone();
    }

    public LogsBloom logsBloom() {
        return logsBloom;
    }

    public BigInteger difficulty() {
        return difficulty;
    }

    public long number() {
        return number;
    }

    public long gasLimit() {
        return gasLimit;
    }

    public long gasUsed() {
        return gasUsed;
    }

    public long timestamp() {
        return timestamp;
    }

    public byte[] extraData() {
        return extraData.clone();
    }

    /** The mix hash; after the merge it carries PREVRANDAO. */
    public byte[] mixHash() {
        return mixHash.clone();
    }

    /** The 8-byte nonce, read as an unsigned 64-bit value. */
    public long nonce() {
        return nonce;
    }

    public Optional<BigInteger> baseFee() {
        return Optional.ofNullable(baseFee);
    }

    public Optional<byte[]> withdrawalsRoot() {
        return Optional.ofNullable(withdrawalsRoot).map(byte[]::clone);
    }

    public Optional<Long> blobGasUsed() {
        return Optional.ofNullable(blobGasUsed);
    }

    public Optional<Long> excessBlobGas() {
        return Optional.ofNullable(excessBlobGas);
    }

    public Optional<byte[]> parentBeaconBlockRoot() {
        return Optional.ofNullable(parentBeaconBlockRoot).map(byte[]::clone);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BlockHeader other && Arrays.equals(encode(), other.encode());
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(hash());
    }

    @Override
    public String toString() {
        return "BlockHeader[number=" + number + ", hash=" + Hex.encode(hash()) + "]";
    }

    /**
     * Collects header fields. Defaults: zero hashes, the empty ommers hash, the empty trie's root for
     * the state, transactions and receipts, an empty bloom, zero difficulty and empty extra data;
     * the optional fork fields are absent until set.
     */
    public static final class Builder {
        private byte[] parentHash = new byte[32];
        private byte[] ommersHash = EMPTY_OMMERS_HASH;
        private Address coinbase = Address.ZERO;
        private byte[] stateRoot = MerklePatriciaTrie.EMPTY_ROOT;
        private byte[] transactionsRoot = MerklePatriciaTrie.EMPTY_ROOT;
        private byte[] receiptsRoot = MerklePatriciaTrie.EMPTY_ROOT;
        private LogsBloom logsBloom = LogsBloom.EMPTY;
        private BigInteger difficulty = BigInteger.ZERO;
        private long number;
        private long gasLimit;
        private long gasUsed;
        private long timestamp;
        private byte[] extraData = new byte[0];
        private byte[] mixHash = new byte[32];
        private long nonce;
        private BigInteger baseFee;
        private byte[] withdrawalsRoot;
        private Long blobGasUsed;
        private Long excessBlobGas;
        private byte[] parentBeaconBlockRoot;

        private Builder() {
        }

        public Builder parentHash(byte[] value) {
            parentHash = value;
            return this;
        }

        public Builder ommersHash(byte[] value) {
            ommersHash = value;
            return this;
        }

        public Builder coinbase(Address value) {
            coinbase = value;
            return this;
        }

        public Builder stateRoot(byte[] value) {
            stateRoot = value;
            return this;
        }

        public Builder transactionsRoot(byte[] value) {
            transactionsRoot = value;
            return this;
        }

        public Builder receiptsRoot(byte[] value) {
            receiptsRoot = value;
            return this;
        }

        public Builder logsBloom(LogsBloom value) {
            logsBloom = value;
            return this;
        }

        public Builder difficulty(BigInteger value) {
            difficulty = value;
            return this;
        }

        public Builder number(long value) {
            number = value;
            return this;
        }

        public Builder gasLimit(long value) {
            gasLimit = value;
            return this;
        }

        public Builder gasUsed(long value) {
            gasUsed = value;
            return this;
        }

        public Builder timestamp(long value) {
            timestamp = value;
            return this;
        }

        public Builder extraData(byte[] value) {
            extraData = value;
            return this;
        }

        public Builder mixHash(byte[] value) {
            mixHash = value;
            return this;
        }

        public Builder nonce(long value) {
            nonce = value;
            return this;
        }

        /** London (EIP-1559); null for none. */
        public Builder baseFee(BigInteger value) {
            baseFee = value;
            return this;
        }

        /** Shanghai (EIP-4895); null for none. */
        public Builder withdrawalsRoot(byte[] value) {
            withdrawalsRoot = value;
            return this;
        }

        /** Cancun (EIP-4844); null for none. */
        public Builder blobGasUsed(Long value) {
            blobGasUsed = value;
            return this;
        }

        /** Cancun (EIP-4844); null for none. */
        public Builder excessBlobGas(Long value) {
            excessBlobGas = value;
            return this;
        }

        /** Cancun (EIP-4788); null for none. */
        public Builder parentBeaconBlockRoot(byte[] value) {
            parentBeaconBlockRoot = value;
            return this;
        }

        /** @throws IllegalArgumentException on a missing or mis-sized field, or fork fields out of order */
        public BlockHeader build() {
            return new BlockHeader(this);
        }
    }
}
