package org.quorumee.core.chain;

import java.math.BigInteger;
import java.util.OptionalLong;

/**
 * The base fee rule of a chain. Ethereum (EIP-1559): absent before London, 1 gwei in London's first
 * block, then moved by at most 1/8 towards the parent's gas target (half its gas limit). GoQuorum:
 * on a chain with {@code isQuorum} whose gas price is not enabled ({@code enableGasPriceBlock} unset
 * or not reached) there is no fee market — the base fee is 0 once London is active, so gas price 0
 * is accepted.
 */
public final class FeeMarket {
    /** EIP-1559's base fee of the first London block. */
    public static final BigInteger INITIAL_BASE_FEE = BigInteger.valueOf(1_000_000_000L);
    /** The gas limit is this many times the gas target. */
    public static final long ELASTICITY_MULTIPLIER = 2;
    /** The base fee moves by at most 1/8 per block. */
    public static final long BASE_FEE_MAX_CHANGE_DENOMINATOR = 8;

    private final ChainConfig config;
    private final OptionalLong enableGasPriceBlock;

    public FeeMarket(ChainConfig config) {
        this.config = config;
        this.enableGasPriceBlock = config.forkBlock("enableGasPriceBlock");
    }

    /** True when block {@code number} carries a base fee (London is active). */
    public boolean hasBaseFee(long number) {
        return config.isLondon(number);
    }

    /** True when the base fee is fixed at zero at block {@code number} (GoQuorum without gas price). */
    public boolean isFeeless(long number) {
        return config.isQuorum() && (enableGasPriceBlock.isEmpty() || number < enableGasPriceBlock.getAsLong());
    }

    /**
     * The base fee the child of {@code parent} must carry; null when the child has none (before London).
     */
    public BigInteger nextBaseFee(BlockHeader parent) {
        long number = parent.number() + 1;
        if (!hasBaseFee(number)) {
            return null;
        }
        if (isFeeless(number)) {
            return BigInteger.ZERO;
        }
        BigInteger parentBaseFee = parent.baseFee().orElse(null);
        if (!hasBaseFee(parent.number()) || parentBaseFee == null || isFeeless(parent.number())) {
            return INITIAL_BASE_FEE;
        }
        long target = parent.gasLimit() / ELASTICITY_MULTIPLIER;
        long used = parent.gasUsed();
        if (used == target || target == 0) {
            return parentBaseFee;
        }
        BigInteger denominator = BigInteger.valueOf(target).multiply(BigInteger.valueOf(BASE_FEE_MAX_CHANGE_DENOMINATOR));
        if (used > target) {
            BigInteger delta = parentBaseFee.multiply(BigInteger.valueOf(used - target)).divide(denominator);
            return parentBaseFee.add(delta.max(BigInteger.ONE));
        }
        BigInteger delta = parentBaseFee.multiply(BigInteger.valueOf(target - used)).divide(denominator);
        return parentBaseFee.subtract(delta).max(BigInteger.ZERO);
    }

    /**
     * The gas limit of the parent as the child's bound is computed from it: doubled at the London
     * transition, where the gas target became half the limit (EIP-1559).
     */
    public long parentGasLimitForBounds(BlockHeader parent) {
        boolean transition = hasBaseFee(parent.number() + 1) && !hasBaseFee(parent.number());
        if (!transition || isFeeless(parent.number() + 1)) {
            return parent.gasLimit();
        }
        return parent.gasLimit() > Long.MAX_VALUE / ELASTICITY_MULTIPLIER ? Long.MAX_VALUE
                : parent.gasLimit() * ELASTICITY_MULTIPLIER;
    }
}
