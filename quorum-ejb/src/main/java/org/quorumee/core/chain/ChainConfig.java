package org.quorumee.core.chain;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.quorumee.core.fork.Fork;

/**
 * The {@code config} object of a GoQuorum {@code genesis.json}: chain id, fork activation blocks
 * (and times from Shanghai on), the Quorum limits and the consensus sections, which are kept as raw
 * JSON for the consensus engines to read. Immutable.
 */
public final class ChainConfig {
    /** Block-numbered forks, in activation order, as named in {@code genesis.json}. */
    public static final List<String> BLOCK_FORKS = List.of(
            "homesteadBlock", "eip150Block", "eip155Block", "eip158Block", "byzantiumBlock",
            "constantinopleBlock", "petersburgBlock", "istanbulBlock", "muirGlacierBlock", "berlinBlock",
            "londonBlock", "arrowGlacierBlock", "grayGlacierBlock");
    /** EIP-170's contract size limit, the default when the config sets none. */
    public static final int DEFAULT_MAX_CODE_SIZE = 24 * 1024;
    /** GoQuorum's default transaction size limit, in KiB. */
    public static final int DEFAULT_TXN_SIZE_LIMIT_KIB = 64;

    /** One entry of {@code maxCodeSizeConfig}: from {@code block} on, contracts may hold {@code sizeKiB} KiB. */
    public record MaxCodeSizeChange(long block, int sizeKiB) {
    }

    private final long chainId;
    private final boolean quorum;
    private final Map<String, Long> forkBlocks;
    private final Long shanghaiTime;
    private final Long cancunTime;
    private final int txnSizeLimitKiB;
    private final int maxCodeSizeKiB;
    private final Long maxCodeSizeChangeBlock;
    private final List<MaxCodeSizeChange> maxCodeSizeConfig;
    private final Map<String, Object> raw;

    private ChainConfig(Map<String, Object> config) {
        this.raw = config;
        Long id = JsonFields.longValue(config, "chainId");
        if (id == null) {
            throw new InvalidGenesisException("config.chainId is missing");
        }
        this.chainId = id;
        this.quorum = JsonFields.bool(config, "isQuorum");
        Map<String, Long> blocks = new LinkedHashMap<>();
        for (String fork : BLOCK_FORKS) {
            Long block = JsonFields.longValue(config, fork);
            if (block != null) {
                blocks.put(fork, block);
            }
        }
        this.forkBlocks = Collections.unmodifiableMap(blocks);
        this.shanghaiTime = JsonFields.longValue(config, "shanghaiTime");
        this.cancunTime = JsonFields.longValue(config, "cancunTime");
        if (shanghaiTime != null && !blocks.containsKey("londonBlock")) {
            throw new InvalidGenesisException("config.shanghaiTime is set but config.londonBlock is not");
        }
        if (cancunTime != null && (shanghaiTime == null || cancunTime < shanghaiTime)) {
            throw new InvalidGenesisException("config.cancunTime needs config.shanghaiTime at or before it");
        }
        Long txnSizeLimit = JsonFields.longValue(config, "txnSizeLimit");
        this.txnSizeLimitKiB = txnSizeLimit == null || txnSizeLimit == 0 ? DEFAULT_TXN_SIZE_LIMIT_KIB : txnSizeLimit.intValue();
        if (txnSizeLimitKiB < 32 || txnSizeLimitKiB > 128) {
            throw new InvalidGenesisException("config.txnSizeLimit must be between 32 and 128 (KiB), not " + txnSizeLimitKiB);
        }
        Long maxCodeSize = JsonFields.longValue(config, "maxCodeSize");
        this.maxCodeSizeKiB = maxCodeSize == null ? 0 : checkCodeSize(maxCodeSize, "config.maxCodeSize");
        this.maxCodeSizeChangeBlock = JsonFields.longValue(config, "maxCodeSizeChangeBlock");
        this.maxCodeSizeConfig = readMaxCodeSizeConfig(JsonFields.field(config, "maxCodeSizeConfig"));
        if (!maxCodeSizeConfig.isEmpty() && (maxCodeSizeKiB != 0 || maxCodeSizeChangeBlock != null)) {
            throw new InvalidGenesisException(
                    "config.maxCodeSize/maxCodeSizeChangeBlock are replaced by config.maxCodeSizeConfig: set only one");
        }
    }

    /** Reads the {@code config} object of a genesis file, parsed into a plain tree (see {@link GenesisConfig#fromJson}). */
    public static ChainConfig fromJson(Object config) {
        Map<String, Object> map = JsonFields.object(config);
        if (map == null) {
            throw new InvalidGenesisException("genesis config must be a JSON object");
        }
        return new ChainConfig(immutableCopy(map));
    }

    /** A deep, unmodifiable copy of a plain tree: a config never changes once read. */
    @SuppressWarnings("unchecked")
    private static <T> T immutableCopy(T value) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> copy = new LinkedHashMap<>();
            map.forEach((k, v) -> copy.put((String) k, immutableCopy(v)));
            return (T) Collections.unmodifiableMap(copy);
        }
        if (value instanceof List<?> list) {
            List<Object> copy = new ArrayList<>();
            list.forEach(v -> copy.add(immutableCopy(v)));
            return (T) Collections.unmodifiableList(copy);
        }
        return value;
    }

    private static int checkCodeSize(long sizeKiB, String name) {
        if (sizeKiB < 24 || sizeKiB > 128) {
            throw new InvalidGenesisException(name + " must be between 24 and 128 (KiB), not " + sizeKiB);
        }
        return (int) sizeKiB;
    }

    private static List<MaxCodeSizeChange> readMaxCodeSizeConfig(Object value) {
        if (value == null) {
            return List.of();
        }
        List<Object> list = JsonFields.list(value);
        if (list == null) {
            throw new InvalidGenesisException("config.maxCodeSizeConfig must be a list of {block, size}");
        }
        List<MaxCodeSizeChange> changes = new ArrayList<>();
        long previous = 0;
        for (Object entry : list) {
            Long block = JsonFields.longValue(entry, "block");
            Long size = JsonFields.longValue(entry, "size");
            if (block == null || size == null) {
                throw new InvalidGenesisException("each config.maxCodeSizeConfig entry needs block and size");
            }
            if (block < previous) {
                throw new InvalidGenesisException("config.maxCodeSizeConfig blocks must be in ascending order");
            }
            previous = block;
            changes.add(new MaxCodeSizeChange(block, checkCodeSize(size, "config.maxCodeSizeConfig size")));
        }
        return List.copyOf(changes);
    }

    public long chainId() {
        return chainId;
    }

    /** GoQuorum's {@code isQuorum}: the chain follows Quorum rules (private transactions and the rest). */
    public boolean isQuorum() {
        return quorum;
    }

    /**
     * The block number set under {@code name}: a fork of {@link #BLOCK_FORKS}, or any other
     * block-numbered setting of the config (GoQuorum's {@code privacyEnhancementsBlock},
     * {@code enableGasPriceBlock}, {@code qip714Block}...), if set.
     *
     * @throws InvalidGenesisException when the setting is not a block number
     */
    public OptionalLong forkBlock(String name) {
        Long block = forkBlocks.containsKey(name) ? forkBlocks.get(name) : JsonFields.longValue(raw, name);
        return block == null ? OptionalLong.empty() : OptionalLong.of(block);
    }

    public OptionalLong shanghaiTime() {
        return shanghaiTime == null ? OptionalLong.empty() : OptionalLong.of(shanghaiTime);
    }

    public OptionalLong cancunTime() {
        return cancunTime == null ? OptionalLong.empty() : OptionalLong.of(cancunTime);
    }

    public boolean isLondon(long blockNumber) {
        Long london = forkBlocks.get("londonBlock");
        return london != null && blockNumber >= london;
    }

    public boolean isShanghai(long blockNumber, long timestamp) {
        return shanghaiTime != null && timestamp >= shanghaiTime && isLondon(blockNumber);
    }

    public boolean isCancun(long blockNumber, long timestamp) {
        return cancunTime != null && timestamp >= cancunTime && isLondon(blockNumber);
    }

    /**
     * The rule set in force at a block. The EVM implements London, Shanghai and Cancun only, so a
     * chain before London (most GoQuorum networks: Istanbul or Berlin rules, no base fee) runs London
     * rules for now; the header's shape still follows the config ({@link #isLondon}).
     */
    public Fork forkAt(long blockNumber, long timestamp) {
        if (isCancun(blockNumber, timestamp)) {
            return Fork.CANCUN;
        }
        if (isShanghai(blockNumber, timestamp)) {
            return Fork.SHANGHAI;
        }
        return Fork.LONDON;
    }

    /** The largest contract code allowed at a block, in bytes (GoQuorum's rules for the three settings). */
    public int maxCodeSize(long blockNumber) {
        int size = DEFAULT_MAX_CODE_SIZE;
        if (!maxCodeSizeConfig.isEmpty()) {
            for (MaxCodeSizeChange change : maxCodeSizeConfig) {
                if (change.block() > blockNumber) {
                    break;
                }
                size = change.sizeKiB() * 1024;
            }
        } else if (maxCodeSizeKiB > 0 && (maxCodeSizeChangeBlock == null || blockNumber >= maxCodeSizeChangeBlock)) {
            size = maxCodeSizeKiB * 1024;
        }
        return size;
    }

    public List<MaxCodeSizeChange> maxCodeSizeConfig() {
        return maxCodeSizeConfig;
    }

    /** The largest transaction allowed, in bytes ({@code txnSizeLimit} KiB, 64 by default). */
    public int transactionSizeLimit() {
        return txnSizeLimitKiB * 1024;
    }

    /** The {@code istanbul} section (IBFT), as written: a plain tree (unmodifiable). */
    public Optional<Map<String, Object>> istanbul() {
        return Optional.ofNullable(JsonFields.object(JsonFields.field(raw, "istanbul")));
    }

    /** The {@code qbft} section, as written: a plain tree (unmodifiable). */
    public Optional<Map<String, Object>> qbft() {
        return Optional.ofNullable(JsonFields.object(JsonFields.field(raw, "qbft")));
    }

    /**
     * The {@code raft} section, as written: a plain tree (unmodifiable). GoQuorum has none; this
     * node reads {@code timestampUnit} from it (see {@code RaftTimestampUnit}).
     */
    public Optional<Map<String, Object>> raft() {
        return Optional.ofNullable(JsonFields.object(JsonFields.field(raw, "raft")));
    }

    /** The {@code transitions} list (GoQuorum's per-block changes of consensus settings), as written. */
    public Optional<List<Object>> transitions() {
        return Optional.ofNullable(JsonFields.list(JsonFields.field(raw, "transitions")));
    }

    /** The whole {@code config} object (unmodifiable), for settings this class does not read. */
    public Map<String, Object> raw() {
        return raw;
    }
}
