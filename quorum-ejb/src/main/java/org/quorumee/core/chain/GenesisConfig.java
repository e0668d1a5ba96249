package org.quorumee.core.chain;

import java.math.BigInteger;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.quorumee.core.crypto.Keccak;
import org.quorumee.core.rlp.Rlp;
import org.quorumee.core.state.StateAccount;
import org.quorumee.core.trie.BufferedNodeStore;
import org.quorumee.core.trie.InMemoryNodeStore;
import org.quorumee.core.trie.MerklePatriciaTrie;
import org.quorumee.core.trie.NodeStore;
import org.quorumee.core.trie.SecureTrie;
import org.quorumee.core.types.Address;

/**
 * A GoQuorum {@code genesis.json}: the chain config, the initial accounts ({@code alloc}) and the
 * genesis header fields. Field names match regardless of case and numbers may be decimal or hex,
 * as GoQuorum reads them. {@link #toBlock} builds the genesis state and block. The file is parsed
 * outside the core ({@code org.quorumee.node.config.GenesisFile}) into a plain tree, read here.
 */
public final class GenesisConfig {
    /** GoQuorum's defaults for a genesis that leaves them out. */
    public static final long DEFAULT_GAS_LIMIT = 4_712_388L;
    public static final BigInteger DEFAULT_DIFFICULTY = BigInteger.valueOf(131_072);
    /** EIP-1559's initial base fee, used when a London genesis sets none. */
    public static final BigInteger DEFAULT_BASE_FEE = BigInteger.valueOf(1_000_000_000L);

    private final ChainConfig config;
    private final SortedMap<Address, GenesisAccount> alloc;
    private final long number;
    private final long gasLimit;
    private final long gasUsed;
    private final BigInteger difficulty;
    private final byte[] extraData;
    private final long timestamp;
    private final Address coinbase;
    private final byte[] mixHash;
    private final byte[] parentHash;
    private final long nonce;
    private final BigInteger baseFeePerGas;
    private final Long excessBlobGas;
    private final Long blobGasUsed;

    private GenesisConfig(Object root) {
        if (JsonFields.object(root) == null) {
            throw new InvalidGenesisException("a genesis file is a JSON object");
        }
        config = ChainConfig.fromJson(JsonFields.field(root, "config"));
        alloc = readAlloc(JsonFields.field(root, "alloc"));
        number = orElse(JsonFields.longValue(root, "number"), 0L);
        Long limit = JsonFields.longValue(root, "gasLimit");
        gasLimit = limit == null || limit == 0 ? DEFAULT_GAS_LIMIT : limit;
        gasUsed = orElse(JsonFields.longValue(root, "gasUsed"), 0L);
        difficulty = orElse(JsonFields.bigInteger(root, "difficulty"), DEFAULT_DIFFICULTY);
        extraData = orElse(JsonFields.bytes(root, "extraData"), new byte[0]);
        timestamp = orElse(JsonFields.longValue(root, "timestamp"), 0L);
        byte[] coinbaseBytes = JsonFields.fixedBytes(root, "coinbase", Address.SIZE);
        coinbase = coinbaseBytes == null ? Address.ZERO : Address.wrap(coinbaseBytes);
        mixHash = orElse(JsonFields.fixedBytes(root, "mixHash", 32), new byte[32]);
        parentHash = orElse(JsonFields.fixedBytes(root, "parentHash", 32), new byte[32]);
        nonce = orElse(JsonFields.unsigned64(root, "nonce"), 0L);
        baseFeePerGas = JsonFields.bigInteger(root, "baseFeePerGas");
        excessBlobGas = JsonFields.longValue(root, "excessBlobGas");
        blobGasUsed = JsonFields.longValue(root, "blobGasUsed");
    }

    private static <T> T orElse(T value, T otherwise) {
        return value != null ? value : otherwise;
    }

    /**
     * Reads a parsed genesis document: a plain tree of maps, lists, strings, numbers (whole numbers as
     * {@code Integer}, {@code Long} or {@code BigInteger}), booleans and nulls.
     */
    public static GenesisConfig fromJson(Object root) {
        return new GenesisConfig(root);
    }

    private static SortedMap<Address, GenesisAccount> readAlloc(Object allocNode) {
        TreeMap<Address, GenesisAccount> accounts = new TreeMap<>();
        if (allocNode == null) {
            return Collections.unmodifiableSortedMap(accounts);
        }
        Map<String, Object> allocMap = JsonFields.object(allocNode);
        if (allocMap == null) {
            throw new InvalidGenesisException("alloc must be an object of address -> account");
        }
        for (Map.Entry<String, Object> entry : allocMap.entrySet()) {
            String where = "alloc." + entry.getKey();
            Address address;
            try {
                address = Address.fromHex(entry.getKey());
            } catch (IllegalArgumentException e) {
                throw new InvalidGenesisException(where + " is not an address: " + e.getMessage(), e);
            }
            Object account = entry.getValue();
            if (JsonFields.object(account) == null) {
                throw new InvalidGenesisException(where + " must be an object");
            }
            BigInteger balance = JsonFields.bigInteger(account, "balance");
            if (balance == null) {
                throw new InvalidGenesisException(where + ".balance is missing");
            }
            if (balance.bitLength() > 256) {
                throw new InvalidGenesisException(where + ".balance does not fit 256 bits");
            }
            long nonce = orElse(JsonFields.unsigned64(account, "nonce"), 0L);
            byte[] code = orElse(JsonFields.bytes(account, "code"), new byte[0]);
            SortedMap<BigInteger, BigInteger> storage = new TreeMap<>();
            Object storageNode = JsonFields.field(account, "storage");
            if (storageNode != null) {
                Map<String, Object> slots = JsonFields.object(storageNode);
                if (slots == null) {
                    throw new InvalidGenesisException(where + ".storage must be an object of slot -> value");
                }
                for (Map.Entry<String, Object> slot : slots.entrySet()) {
                    String slotWhere = where + ".storage." + slot.getKey();
                    byte[] key = JsonFields.leftPad(JsonFields.hexText(slot.getKey(), slotWhere), slotWhere, 32);
                    byte[] value = JsonFields.toFixedBytes(slot.getValue(), slotWhere, 32);
                    storage.put(new BigInteger(1, key), new BigInteger(1, value));
                }
            }
            if (accounts.put(address, new GenesisAccount(balance, nonce, code, storage)) != null) {
                throw new InvalidGenesisException(where + " appears twice");
            }
        }
        return Collections.unmodifiableSortedMap(accounts);
    }

    public ChainConfig config() {
        return config;
    }

    public SortedMap<Address, GenesisAccount> alloc() {
        return alloc;
    }

    public long gasLimit() {
        return gasLimit;
    }

    public BigInteger difficulty() {
        return difficulty;
    }

    public byte[] extraData() {
        return extraData.clone();
    }

    public long timestamp() {
        return timestamp;
    }

    public Address coinbase() {
        return coinbase;
    }

    public byte[] mixHash() {
        return mixHash.clone();
    }

    public long nonce() {
        return nonce;
    }

    /** The state root of {@code alloc}, computed without keeping anything. */
    public byte[] stateRoot() {
        return writeState(new InMemoryNodeStore());
    }

    /**
     * Writes the genesis state into {@code store} (the account trie, each storage trie, and each
     * contract's code under its Keccak-256 hash: the store is content-addressed, so code and nodes
     * share it safely) and returns the genesis block.
     */
    public Block toBlock(NodeStore store) {
        byte[] stateRoot = writeState(store);
        BlockHeader.Builder header = BlockHeader.builder()
                .parentHash(parentHash)
                .coinbase(coinbase)
                .stateRoot(stateRoot)
                .difficulty(difficulty)
                .number(number)
                .gasLimit(gasLimit)
                .gasUsed(gasUsed)
                .timestamp(timestamp)
                .extraData(extraData)
                .mixHash(mixHash)
                .nonce(nonce);
        List<Withdrawal> withdrawals = null;
        if (config.isLondon(number)) {
            // GoQuorum without gas price has no fee market: its base fee is 0 from the start.
            BigInteger defaultBaseFee = new FeeMarket(config).isFeeless(number) ? BigInteger.ZERO : DEFAULT_BASE_FEE;
            header.baseFee(baseFeePerGas != null ? baseFeePerGas : defaultBaseFee);
        }
        if (config.isShanghai(number, timestamp)) {
            header.withdrawalsRoot(MerklePatriciaTrie.EMPTY_ROOT);
            withdrawals = List.of();
        }
        if (config.isCancun(number, timestamp)) {
            header.blobGasUsed(orElse(blobGasUsed, 0L))
                    .excessBlobGas(orElse(excessBlobGas, 0L))
                    .parentBeaconBlockRoot(new byte[32]);
        }
        return new Block(header.build(), List.of(), List.of(), withdrawals);
    }

    /** Builds every trie of the genesis state and writes all of it to {@code store} in one batch. */
    private byte[] writeState(NodeStore store) {
        BufferedNodeStore buffer = new BufferedNodeStore(store);
        byte[] root = buildState(buffer);
        buffer.flush();
        return root;
    }

    private byte[] buildState(NodeStore store) {
        SecureTrie accounts = new SecureTrie(store);
        for (Map.Entry<Address, GenesisAccount> entry : alloc.entrySet()) {
            GenesisAccount account = entry.getValue();
            SecureTrie storage = new SecureTrie(store);
            account.storage().forEach((slot, value) ->
                    storage.put(word(slot), Rlp.encodeBytes(Rlp.unsignedBytes(value))));
            byte[] storageRoot = storage.commit();
            byte[] code = account.code();
            byte[] codeHash = Keccak.keccak256(code);
            if (code.length > 0) {
                store.write(List.of(new NodeStore.Entry(codeHash, code)));
            }
            StateAccount state = new StateAccount(account.nonce(), account.balance(), storageRoot, codeHash);
            accounts.put(entry.getKey().toArray(), state.encode());
        }
        return accounts.commit();
    }

    /** The 32-byte big-endian word of a slot number. */
    private static byte[] word(BigInteger value) {
        byte[] raw = Rlp.unsignedBytes(value);
        byte[] out = new byte[32];
        System.arraycopy(raw, 0, out, 32 - raw.length, raw.length);
        return out;
    }
}
