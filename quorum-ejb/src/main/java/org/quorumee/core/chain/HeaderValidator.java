package org.quorumee.core.chain;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.Optional;
import org.quorumee.core.bytes.Hex;

/**
 * Checks a header against its parent: the rules every chain shares (number, parent hash, time, gas
 * limit bounds, gas used, EIP-1559 base fee, the fields each fork adds, EIP-4844 excess blob gas) and,
 * when asked, the proof-of-stake rules of Ethereum after the merge (difficulty 0, nonce 0). Quorum's
 * consensus engines (Raft, IBFT/QBFT) check their own fields — difficulty, nonce, mix hash and the
 * seals they put in extra data — so for them the post-merge rules are off and extra data is not
 * limited here. Ommers are refused on every chain this node runs (none has proof of work).
 */
public final class HeaderValidator {
    /** Ethereum's limit on extra data (Yellow Paper). */
    public static final int ETHEREUM_MAX_EXTRA_DATA = 32;
    /** The smallest gas limit a block may have. */
    public static final long MIN_GAS_LIMIT = 5000;
    /** The gas limit moves by less than parent / this per block. */
    public static final long GAS_LIMIT_BOUND_DIVISOR = 1024;
    /** EIP-4844: blob gas of one blob. */
    public static final long GAS_PER_BLOB = 131072;
    /** EIP-4844 (Cancun): the blob gas target of a block (3 blobs). */
    public static final long TARGET_BLOB_GAS_PER_BLOCK = 3 * GAS_PER_BLOB;
    /** EIP-4844 (Cancun): the most blob gas a block may use (6 blobs). */
    public static final long MAX_BLOB_GAS_PER_BLOCK = 6 * GAS_PER_BLOB;

    private final ChainConfig config;
    private final FeeMarket feeMarket;
    private final int maxExtraDataBytes;
    private final boolean proofOfStakeRules;
    private final ConsensusRules consensusRules;

    /**
     * @param maxExtraDataBytes the longest extra data accepted ({@link #ETHEREUM_MAX_EXTRA_DATA} on
     *     Ethereum; IBFT puts its validators and seals there, so Quorum chains relax it)
     * @param proofOfStakeRules check Ethereum's post-merge rules (difficulty 0, nonce 0)
     * @param consensusRules the engine's own header rules, checked last
     */
    public HeaderValidator(ChainConfig config, int maxExtraDataBytes, boolean proofOfStakeRules,
            ConsensusRules consensusRules) {
        this.config = config;
        this.feeMarket = new FeeMarket(config);
        this.maxExtraDataBytes = maxExtraDataBytes;
        this.proofOfStakeRules = proofOfStakeRules;
        this.consensusRules = consensusRules;
    }

    /**
     * The validator a chain's config calls for: on a Quorum chain extra data is unlimited and the
     * consensus fields are the engine's ({@code consensusRules}); otherwise Ethereum's rules after
     * the merge.
     */
    public static HeaderValidator forChain(ChainConfig config, ConsensusRules consensusRules) {
        return config.isQuorum()
                ? new HeaderValidator(config, Integer.MAX_VALUE, false, consensusRules)
                : new HeaderValidator(config, ETHEREUM_MAX_EXTRA_DATA, true, consensusRules);
    }

    public FeeMarket feeMarket() {
        return feeMarket;
    }

    /**
     * Every rule: the chain's, then the consensus engine's.
     *
     * @throws InvalidBlockException naming the first rule {@code header} breaks against {@code parent}
     */
    public void validate(BlockHeader header, BlockHeader parent) throws InvalidBlockException {
        validateChainRules(header, parent);
        consensusRules.validate(header, parent);
    }

    /**
     * The rules every chain shares, without the engine's: what a block being built must already
     * satisfy before its producer seals it.
     *
     * @throws InvalidBlockException naming the first rule {@code header} breaks against {@code parent}
     */
    public void validateChainRules(BlockHeader header, BlockHeader parent) throws InvalidBlockException {
        if (header.number() != parent.number() + 1) {
            throw new InvalidBlockException("block number " + header.number() + " does not follow the parent's " + parent.number());
        }
        if (!Arrays.equals(header.parentHash(), parent.hash())) {
            throw new InvalidBlockException("parent hash " + Hex.encode(header.parentHash()) + " is not the parent's hash "
                    + Hex.encode(parent.hash()));
        }
        int time = Long.compareUnsigned(header.timestamp(), parent.timestamp());
        if (time < 0 || time == 0 && !consensusRules.allowsParentTimestamp()) {
            throw new InvalidBlockException("timestamp " + Long.toUnsignedString(header.timestamp())
                    + (consensusRules.allowsParentTimestamp() ? " is before" : " is not after")
                    + " the parent's " + Long.toUnsignedString(parent.timestamp()));
        }
        if (header.extraData().length > maxExtraDataBytes) {
            throw new InvalidBlockException("extra data of " + header.extraData().length + " bytes exceeds "
                    + maxExtraDataBytes);
        }
        validateGasLimit(header, parent);
        if (header.gasUsed() > header.gasLimit()) {
            throw new InvalidBlockException("gas used " + header.gasUsed() + " above the gas limit " + header.gasLimit());
        }
        validateBaseFee(header, parent);
        if (!Arrays.equals(header.ommersHash(), BlockHeader.EMPTY_OMMERS_HASH)) {
            throw new InvalidBlockException("ommers hash " + Hex.encode(header.ommersHash()) + " is not that of an empty list");
        }
        if (proofOfStakeRules) {
            if (header.difficulty().signum() != 0) {
                throw new InvalidBlockException("difficulty " + header.difficulty() + " is not 0 after the merge");
            }
            if (header.nonce() != 0) {
                throw new InvalidBlockException("nonce " + Long.toUnsignedString(header.nonce()) + " is not 0 after the merge");
            }
        }
        boolean shanghai = config.isShanghai(header.number(), header.timestamp());
        if (shanghai != header.withdrawalsRoot().isPresent()) {
            throw new InvalidBlockException(shanghai ? "withdrawals root missing (Shanghai)" : "withdrawals root before Shanghai");
        }
        validateBlobFields(header, parent);
    }

    private void validateGasLimit(BlockHeader header, BlockHeader parent) throws InvalidBlockException {
        long limit = header.gasLimit();
        if (limit < MIN_GAS_LIMIT) {
            throw new InvalidBlockException("gas limit " + limit + " below the minimum " + MIN_GAS_LIMIT);
        }
        long parentLimit = feeMarket.parentGasLimitForBounds(parent);
        long bound = parentLimit / GAS_LIMIT_BOUND_DIVISOR;
        if (Math.abs(limit - parentLimit) >= bound) {
            throw new InvalidBlockException("gas limit " + limit + " moves by " + Math.abs(limit - parentLimit)
                    + " from the parent's " + parentLimit + ", not less than " + bound);
        }
    }

    private void validateBaseFee(BlockHeader header, BlockHeader parent) throws InvalidBlockException {
        BigInteger expected = feeMarket.nextBaseFee(parent);
        Optional<BigInteger> actual = header.baseFee();
        if (expected == null) {
            if (actual.isPresent()) {
                throw new InvalidBlockException("base fee before London");
            }
        } else if (actual.isEmpty()) {
            throw new InvalidBlockException("base fee missing (London)");
        } else if (!actual.get().equals(expected)) {
            throw new InvalidBlockException("base fee " + actual.get() + " is not " + expected
                    + " as computed from the parent (EIP-1559)");
        }
    }

    private void validateBlobFields(BlockHeader header, BlockHeader parent) throws InvalidBlockException {
        boolean cancun = config.isCancun(header.number(), header.timestamp());
        if (!cancun) {
            if (header.blobGasUsed().isPresent() || header.excessBlobGas().isPresent()
                    || header.parentBeaconBlockRoot().isPresent()) {
                throw new InvalidBlockException("blob gas fields or parent beacon block root before Cancun");
            }
            return;
        }
        if (header.blobGasUsed().isEmpty() || header.excessBlobGas().isEmpty() || header.parentBeaconBlockRoot().isEmpty()) {
            throw new InvalidBlockException("blob gas used, excess blob gas and parent beacon block root are required (Cancun)");
        }
        long blobGasUsed = header.blobGasUsed().get();
        if (blobGasUsed > MAX_BLOB_GAS_PER_BLOCK || blobGasUsed % GAS_PER_BLOB != 0) {
            throw new InvalidBlockException("blob gas used " + blobGasUsed + " is not a multiple of " + GAS_PER_BLOB
                    + " up to " + MAX_BLOB_GAS_PER_BLOCK);
        }
        long expected = excessBlobGas(parent);
        if (header.excessBlobGas().get() != expected) {
            throw new InvalidBlockException("excess blob gas " + header.excessBlobGas().get() + " is not " + expected
                    + " as computed from the parent (EIP-4844)");
        }
    }

    /**
     * The gas limit a producer gives the child of a block with {@code parentGasLimit} to move towards
     * {@code desired}: as far as the bound allows in one block, never below {@link #MIN_GAS_LIMIT}.
     */
    public static long nextGasLimit(long parentGasLimit, long desired) {
        long step = parentGasLimit / GAS_LIMIT_BOUND_DIVISOR - 1;
        long target = Math.max(desired, MIN_GAS_LIMIT);
        if (step <= 0) {
            return parentGasLimit;
        }
        return parentGasLimit < target
                ? Math.min(parentGasLimit + step, target)
                : Math.max(parentGasLimit - step, target);
    }

    /** EIP-4844: the excess blob gas of the child of {@code parent} (0 after a parent without blob fields). */
    public static long excessBlobGas(BlockHeader parent) {
        long parentExcess = parent.excessBlobGas().orElse(0L);
        long parentUsed = parent.blobGasUsed().orElse(0L);
        long total = parentExcess + parentUsed;
        return total < TARGET_BLOB_GAS_PER_BLOCK ? 0 : total - TARGET_BLOB_GAS_PER_BLOCK;
    }
}
