package org.quorumee.core.chain;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.quorumee.core.types.Address;

class HeaderValidatorTest {
    private final ChainFixture chain = ChainFixture.cancun();
    private final HeaderValidator validator = chain.processor.headerValidator();
    private final BlockHeader parent = chain.genesis;
    private final BlockHeader child = emptyChild(chain);

    private static BlockHeader emptyChild(ChainFixture chain) {
        try {
            return chain.builder.build(chain.genesis, chain.stateAt(chain.genesis), List.of(),
                    BlockBuilder.Attributes.of(Address.ZERO, 1012, 30_000_000), chain.ancestors(chain.genesis))
                    .block().header();
        } catch (InvalidBlockException e) {
            throw new AssertionError(e);
        }
    }

    private void assertRefused(String messagePart, UnaryOperator<BlockHeader.Builder> change) {
        BlockHeader header = change.apply(child.toBuilder()).build();
        InvalidBlockException e = assertThrows(InvalidBlockException.class, () -> validator.validate(header, parent));
        assertTrue(e.getMessage().contains(messagePart), e.getMessage());
    }

    @Test
    void acceptsTheBuiltChild() {
        assertDoesNotThrow(() -> validator.validate(child, parent));
    }

    @Test
    void numberParentHashAndTime() {
        assertRefused("block number", b -> b.number(2));
        assertRefused("parent hash", b -> b.parentHash(new byte[32]));
        assertRefused("timestamp", b -> b.timestamp(parent.timestamp()));
        assertRefused("timestamp", b -> b.timestamp(parent.timestamp() - 1));
    }

    /** An engine that allows equal timestamps (Raft in seconds) still refuses an earlier one; others refuse both. */
    @Test
    void aParentsTimestampOnlyWhereTheEngineAllowsIt() {
        ConsensusRules equalAllowed = new ConsensusRules() {
            @Override
            public void validate(BlockHeader header, BlockHeader parent) {
            }

            @Override
            public boolean allowsParentTimestamp() {
                return true;
            }
        };
        HeaderValidator relaxed = HeaderValidator.forChain(chain.config, equalAllowed);
        BlockHeader sameTime = child.toBuilder().timestamp(parent.timestamp()).build();
        assertDoesNotThrow(() -> relaxed.validate(sameTime, parent));
        BlockHeader earlier = child.toBuilder().timestamp(parent.timestamp() - 1).build();
        InvalidBlockException e = assertThrows(InvalidBlockException.class, () -> relaxed.validate(earlier, parent));
        assertTrue(e.getMessage().contains("is before the parent's"), e.getMessage());
        assertThrows(InvalidBlockException.class, () -> HeaderValidator.forChain(chain.config, ConsensusRules.NONE)
                .validate(sameTime, parent), "Ethereum's and the single node's rule: strictly after");
    }

    @Test
    void gasLimitMovesByLessThanOne1024thAndStaysAbove5000() {
        long bound = parent.gasLimit() / HeaderValidator.GAS_LIMIT_BOUND_DIVISOR;
        assertRefused("gas limit", b -> b.gasLimit(parent.gasLimit() + bound));
        assertRefused("gas limit", b -> b.gasLimit(parent.gasLimit() - bound));
        assertDoesNotThrow(() -> validator.validate(child.toBuilder().gasLimit(parent.gasLimit() + bound - 1).build(), parent));
        assertDoesNotThrow(() -> validator.validate(child.toBuilder().gasLimit(parent.gasLimit() - bound + 1).build(), parent));
        BlockHeader smallParent = parent.toBuilder().gasLimit(5000).build();
        BlockHeader tooSmall = child.toBuilder().parentHash(smallParent.hash()).gasLimit(4999).build();
        InvalidBlockException e = assertThrows(InvalidBlockException.class, () -> validator.validate(tooSmall, smallParent));
        assertTrue(e.getMessage().contains("minimum"), e.getMessage());
        assertRefused("gas used", b -> b.gasUsed(child.gasLimit() + 1));
    }

    @Test
    void nextGasLimitMovesTowardsTheDesiredLimitWithinTheBound() throws Exception {
        long up = HeaderValidator.nextGasLimit(30_000_000, 60_000_000);
        assertEquals(30_000_000 + 30_000_000 / 1024 - 1, up);
        assertDoesNotThrow(() -> validator.validate(child.toBuilder().gasLimit(up).build(), parent));
        long down = HeaderValidator.nextGasLimit(30_000_000, 0);
        assertDoesNotThrow(() -> validator.validate(child.toBuilder().gasLimit(down).build(), parent));
        assertEquals(30_000_100, HeaderValidator.nextGasLimit(30_000_000, 30_000_100));
        assertEquals(30_000_000, HeaderValidator.nextGasLimit(30_000_000, 30_000_000));
        assertEquals(HeaderValidator.MIN_GAS_LIMIT, HeaderValidator.nextGasLimit(5001, 0));
    }

    @Test
    void baseFeeIsExactlyTheOneComputedFromTheParent() {
        assertRefused("base fee", b -> b.baseFee(child.baseFee().orElseThrow().add(BigInteger.ONE)));
        assertRefused("base fee", b -> b.baseFee(child.baseFee().orElseThrow().subtract(BigInteger.ONE)));
    }

    @Test
    void postMergeRules() {
        assertRefused("difficulty", b -> b.difficulty(BigInteger.ONE));
        assertRefused("nonce", b -> b.nonce(42));
        assertRefused("ommers hash", b -> b.ommersHash(new byte[32]));
        assertDoesNotThrow(() -> validator.validate(child.toBuilder().mixHash(new byte[] {
            1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32}).build(),
                parent), "the mix hash (PREVRANDAO) is free");
    }

    @Test
    void extraDataIsLimitedOnEthereumAndAParameterElsewhere() {
        assertRefused("extra data", b -> b.extraData(new byte[33]));
        assertDoesNotThrow(() -> validator.validate(child.toBuilder().extraData(new byte[32]).build(), parent));
        HeaderValidator relaxed = new HeaderValidator(chain.config, 1024, true, ConsensusRules.NONE);
        assertDoesNotThrow(() -> relaxed.validate(child.toBuilder().extraData(new byte[1024]).build(), parent));
    }

    @Test
    void forkFieldsArePresentFromTheirFork() {
        BlockHeader noBlobFields = BlockHeader.builder().parentHash(parent.hash()).number(1).timestamp(1012)
                .gasLimit(30_000_000).baseFee(child.baseFee().orElseThrow()).withdrawalsRoot(child.withdrawalsRoot().orElseThrow())
                .build();
        InvalidBlockException e = assertThrows(InvalidBlockException.class, () -> validator.validate(noBlobFields, parent));
        assertTrue(e.getMessage().contains("Cancun"), e.getMessage());
        BlockHeader noWithdrawals = BlockHeader.builder().parentHash(parent.hash()).number(1).timestamp(1012)
                .gasLimit(30_000_000).baseFee(child.baseFee().orElseThrow()).build();
        e = assertThrows(InvalidBlockException.class, () -> validator.validate(noWithdrawals, parent));
        assertTrue(e.getMessage().contains("withdrawals root"), e.getMessage());
    }

    @Test
    void blobGas() {
        assertRefused("excess blob gas", b -> b.excessBlobGas(HeaderValidator.GAS_PER_BLOB));
        assertRefused("blob gas used", b -> b.blobGasUsed(1L));
        // a parent 2 blobs above the target leaves an excess of 2 blobs
        BlockHeader busyParent = parent.toBuilder().blobGasUsed(HeaderValidator.MAX_BLOB_GAS_PER_BLOCK).excessBlobGas(
                HeaderValidator.GAS_PER_BLOB).build();
        assertEquals(4 * HeaderValidator.GAS_PER_BLOB, HeaderValidator.excessBlobGas(busyParent));
        assertEquals(0, HeaderValidator.excessBlobGas(parent.toBuilder().blobGasUsed(HeaderValidator.GAS_PER_BLOB).build()));
    }

    @Test
    void feeMarketFollowsEip1559() {
        FeeMarket market = validator.feeMarket();
        BigInteger base = BigInteger.valueOf(1_000_000_000L);
        BlockHeader atTarget = parent.toBuilder().baseFee(base).gasLimit(30_000_000).gasUsed(15_000_000).build();
        assertEquals(base, market.nextBaseFee(atTarget));
        BlockHeader full = atTarget.toBuilder().gasUsed(30_000_000).build();
        assertEquals(BigInteger.valueOf(1_125_000_000L), market.nextBaseFee(full));
        BlockHeader empty = atTarget.toBuilder().gasUsed(0).build();
        assertEquals(BigInteger.valueOf(875_000_000L), market.nextBaseFee(empty));
        BlockHeader tiny = atTarget.toBuilder().baseFee(BigInteger.ONE).gasUsed(15_000_001).build();
        assertEquals(BigInteger.TWO, market.nextBaseFee(tiny), "a rise is at least 1 wei");
    }

    @Test
    void londonTransitionStartsAtTheInitialBaseFeeWithTheGasTargetAtTheOldLimit() {
        FeeMarket market = new FeeMarket(ChainFixture.config(new com.fasterxml.jackson.databind.ObjectMapper()
                .createObjectNode().put("chainId", 1).put("londonBlock", 5)));
        BlockHeader before = BlockHeader.builder().number(3).gasLimit(10_000_000).build();
        BlockHeader last = BlockHeader.builder().number(4).gasLimit(10_000_000).build();
        assertEquals(null, market.nextBaseFee(before));
        assertEquals(FeeMarket.INITIAL_BASE_FEE, market.nextBaseFee(last));
        assertEquals(20_000_000, market.parentGasLimitForBounds(last));
        assertEquals(10_000_000, market.parentGasLimitForBounds(before));
        assertEquals(Long.MAX_VALUE, market.parentGasLimitForBounds(last.toBuilder().gasLimit(Long.MAX_VALUE).build()));
    }

    @Test
    void quorumChainsHaveNoFeeMarketUntilGasPriceIsEnabled() {
        FeeMarket quorum = ChainFixture.quorum().processor.headerValidator().feeMarket();
        BlockHeader busy = parent.toBuilder().baseFee(BigInteger.ZERO).gasUsed(30_000_000).build();
        assertEquals(BigInteger.ZERO, quorum.nextBaseFee(busy));
        assertTrue(quorum.isFeeless(1));

        FeeMarket enabled = new FeeMarket(ChainFixture.config(new com.fasterxml.jackson.databind.ObjectMapper()
                .createObjectNode().put("chainId", 1337).put("isQuorum", true).put("londonBlock", 0)
                .put("enableGasPriceBlock", 10)));
        BlockHeader at9 = busy.toBuilder().number(9).build();
        BlockHeader at10 = busy.toBuilder().number(10).baseFee(FeeMarket.INITIAL_BASE_FEE).gasUsed(15_000_000).build();
        assertEquals(FeeMarket.INITIAL_BASE_FEE, enabled.nextBaseFee(at9), "block 10 starts at the initial base fee");
        assertEquals(FeeMarket.INITIAL_BASE_FEE, enabled.nextBaseFee(at10));
    }

    @Test
    void quorumValidatorLeavesConsensusFieldsToTheEngine() throws Exception {
        ChainFixture quorum = ChainFixture.quorum();
        BlockHeader header = quorum.builder.build(quorum.genesis, quorum.stateAt(quorum.genesis), List.of(),
                new BlockBuilder.Attributes(Address.ZERO, 1001, 30_000_000, new byte[200], BigInteger.ONE, new byte[32],
                        new byte[32], List.of()), quorum.ancestors(quorum.genesis)).block().header();
        // difficulty 1, 200 bytes of extra data, nonce 2^64-1: an IBFT-like header, which the Quorum
        // validator leaves to the engine ...
        BlockHeader engineFields = header.toBuilder().nonce(-1L).build();
        assertEquals(BigInteger.ONE, engineFields.difficulty());
        assertDoesNotThrow(() -> quorum.processor.headerValidator().validate(engineFields, quorum.genesis));
        // ... while the same nonce breaks Ethereum's post-merge rules, which the Cancun validator checks
        assertRefused("nonce", b -> b.nonce(-1L));
        // and a rule that is the chain's, not the engine's, still holds on Quorum: the parent hash
        InvalidBlockException parentHash = assertThrows(InvalidBlockException.class, () -> quorum.processor
                .headerValidator().validate(engineFields.toBuilder().parentHash(new byte[32]).build(), quorum.genesis));
        assertTrue(parentHash.getMessage().startsWith("parent hash"), parentHash.getMessage());
    }
}
