package org.quorumee.core.chain;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.quorumee.core.bytes.Hex;
import org.quorumee.core.evm.Evm;
import org.quorumee.core.state.WorldState;
import org.quorumee.core.transition.TransactionRejectedException.Reason;
import org.quorumee.core.trie.InMemoryNodeStore;
import org.quorumee.core.tx.Transaction;
import org.quorumee.core.tx.TransactionType;
import org.quorumee.core.types.Address;
import org.quorumee.core.types.UInt256;

class BlockBuilderTest {
    private static final Address BOB = Address.ofLong(0xb0b);
    private static final Address CAROL = Address.ofLong(0xca501);
    private static final byte[] RUNTIME = Hex.decode("0x602a60005260206000f3"); // returns 42
    /** Stores 1 at slot 0, logs (LOG0), returns {@link #RUNTIME}. */
    private static final byte[] INIT = Hex.decode("0x6001600055" + "60006000a0" + "600a601660003960" + "0a6000f3"
            + Hex.encodeNoPrefix(RUNTIME));

    private static Transaction transfer(long nonce, Address to, BigInteger value, BigInteger maxFee, long chainId) {
        return Transaction.builder(TransactionType.EIP1559).chainId(chainId).nonce(nonce).maxFeePerGas(maxFee)
                .maxPriorityFeePerGas(maxFee.min(BigInteger.ONE)).gasLimit(21_000).to(to).value(value).sign(ChainFixture.KEY);
    }

    private static Transaction legacy(long nonce, Address to, BigInteger gasPrice, long gas, byte[] data, long chainId) {
        Transaction.Builder b = Transaction.builder(TransactionType.LEGACY).chainId(chainId).nonce(nonce)
                .gasPrice(gasPrice).gasLimit(gas).data(data);
        if (to != null) {
            b.to(to);
        }
        return b.sign(ChainFixture.KEY);
    }

    @Test
    void buildsTransfersAndADeploymentThatImportWithTheSameRoots() throws Exception {
        ChainFixture chain = ChainFixture.cancun();
        BigInteger fee = ChainFixture.GWEI.multiply(BigInteger.TEN);
        Address contract = Evm.createAddress(chain.sender(), 2);
        List<Transaction> candidates = List.of(
                transfer(0, BOB, BigInteger.valueOf(1000), fee, 1),
                legacy(1, CAROL, fee, 21_000, new byte[0], 1),
                legacy(2, null, fee, 200_000, INIT, 1),
                transfer(9, BOB, BigInteger.ONE, fee, 1),            // nonce gap
                legacy(3, BOB, BigInteger.ZERO, 21_000, new byte[0], 1), // below the base fee
                legacy(3, contract, fee, 50_000, new byte[0], 1));
        List<Withdrawal> withdrawals = List.of(new Withdrawal(0, 7, CAROL, 5));
        BlockBuilder.Attributes attributes = BlockBuilder.Attributes.of(Address.ofLong(0xc0), 1012, 30_000_000)
                .withWithdrawals(withdrawals);

        WorldState buildState = chain.stateAt(chain.genesis);
        BlockBuilder.BuiltBlock built = chain.builder.build(chain.genesis, buildState, candidates, attributes,
                chain.ancestors(chain.genesis));

        Block block = built.block();
        assertEquals(4, block.transactions().size());
        assertEquals(List.of(Reason.NONCE_TOO_HIGH, Reason.FEE_CAP_BELOW_BASE_FEE),
                built.skipped().stream().map(BlockBuilder.Skipped::reason).toList());
        assertTrue(built.result().receipts().stream().allMatch(Receipt::success));
        assertEquals(built.result().gasUsed(), block.header().gasUsed());
        assertEquals(1, built.result().receipts().get(2).logs().size());
        assertTrue(block.header().logsBloom().mightContain(contract.toArray()));
        assertEquals(contract, built.result().transactionResults().get(2).contractAddress());
        assertArrayEquals(RUNTIME, buildState.code(contract));
        assertEquals(ChainFixture.GWEI.multiply(BigInteger.valueOf(5)), buildState.balance(CAROL)); // the withdrawal
        assertEquals(BigInteger.valueOf(1000), buildState.balance(BOB));

        // Counted by hand. Base fee of block 1: 1 gwei - 1 gwei x 15M / 15M / 8 = 875,000,000 wei.
        // Gas: two transfers 21,000 each; the deployment 53,430 intrinsic (21,000 + 32,000 + 25 non-zero
        // bytes x 16 + 7 zero bytes x 4 + 2 for one word of init code) + 22,511 of execution (SSTORE of a
        // cold slot 22,100, LOG0 375, CODECOPY 3 + 3 + 3 of memory, seven PUSH1 and two PUSH1 more) + 2,000
        // of code deposit (10 bytes x 200) = 77,941; the call 21,000 + 18 (PUSH1, PUSH1, MSTORE 3 + 3 of
        // memory, PUSH1, PUSH1, RETURN) = 21,018.
        long deploymentGas = 77_941;
        long callGas = 21_018;
        assertEquals(List.of(21_000L, 42_000L, 42_000L + deploymentGas, 42_000L + deploymentGas + callGas),
                built.result().receipts().stream().map(Receipt::cumulativeGasUsed).toList());
        assertEquals(140_959, block.header().gasUsed());
        assertEquals(BigInteger.valueOf(875_000_000), block.header().baseFee().orElseThrow());
        // Balances: the 1559 transfer pays base fee + 1 wei of tip, the legacy ones 10 gwei a gas; the
        // coinbase gets the tips. The state root of exactly these accounts is the block's.
        BigInteger baseFee = BigInteger.valueOf(875_000_000);
        long legacyGas = 21_000 + deploymentGas + callGas;
        BigInteger senderBalance = ChainFixture.ETHER.multiply(BigInteger.valueOf(100)).subtract(BigInteger.valueOf(1000))
                .subtract(BigInteger.valueOf(21_000).multiply(baseFee.add(BigInteger.ONE)))
                .subtract(BigInteger.valueOf(legacyGas).multiply(fee));
        BigInteger tips = BigInteger.valueOf(21_000).add(BigInteger.valueOf(legacyGas).multiply(fee.subtract(baseFee)));
        assertEquals(new BigInteger("99998782034999978000"), senderBalance, "the arithmetic above, in one number");
        WorldState expected = new WorldState(new InMemoryNodeStore(), WorldState.EMPTY_TRIE_ROOT);
        expected.putAccount(chain.sender(), 4, senderBalance, new byte[0], Map.of());
        expected.putAccount(BOB, 0, BigInteger.valueOf(1000), new byte[0], Map.of());
        expected.putAccount(CAROL, 0, ChainFixture.GWEI.multiply(BigInteger.valueOf(5)), new byte[0], Map.of());
        expected.putAccount(Address.ofLong(0xc0), 0, tips, new byte[0], Map.of());
        expected.putAccount(contract, 1, BigInteger.ZERO, RUNTIME, Map.of(UInt256.ZERO, UInt256.of(1)));
        assertArrayEquals(expected.commit(), block.header().stateRoot(), "state root of the hand-counted accounts");

        // the block travels as bytes and is imported by another node (its own store) on the same genesis
        ChainFixture other = ChainFixture.cancun();
        Block received = Block.decode(block.encode());
        BlockResult imported = other.processor.importBlock(received, other.genesis, other.stateAt(other.genesis),
                other.ancestors(other.genesis));
        assertArrayEquals(block.header().stateRoot(), imported.stateRoot());
        assertArrayEquals(block.header().receiptsRoot(), imported.receiptsRoot());
        assertEquals(built.result().receipts(), imported.receipts());
        WorldState importedState = other.stateAt(block.header());
        assertArrayEquals(RUNTIME, importedState.code(contract));
        assertEquals(senderBalance, importedState.balance(chain.sender()));
        assertEquals(tips, importedState.balance(Address.ofLong(0xc0)));
    }

    @Test
    void aChildBuildsOnTheImportedBlock() throws Exception {
        ChainFixture chain = ChainFixture.cancun();
        BigInteger fee = ChainFixture.GWEI.multiply(BigInteger.TEN);
        Block first = chain.builder.build(chain.genesis, chain.stateAt(chain.genesis),
                List.of(transfer(0, BOB, BigInteger.ONE, fee, 1)),
                BlockBuilder.Attributes.of(Address.ZERO, 1012, 30_000_000), chain.ancestors(chain.genesis)).block();
        chain.store(first.header());
        BlockBuilder.BuiltBlock second = chain.builder.build(first.header(), chain.stateAt(first.header()),
                List.of(transfer(1, BOB, BigInteger.ONE, fee, 1)),
                BlockBuilder.Attributes.of(Address.ZERO, 1024, 30_000_000), chain.ancestors(first.header()));
        assertEquals(2, second.block().header().number());
        // by hand: block 1 has 875,000,000 and uses 21,000 of its 15M target, so block 2 has
        // 875,000,000 - (875,000,000 x (15,000,000 - 21,000) / 15,000,000) / 8 = 765,778,125
        assertEquals(BigInteger.valueOf(875_000_000), first.header().baseFee().orElseThrow());
        assertEquals(BigInteger.valueOf(765_778_125), second.block().header().baseFee().orElseThrow());
        chain.processor.importBlock(second.block(), first.header(), chain.stateAt(first.header()),
                chain.ancestors(first.header()));
        assertEquals(BigInteger.TWO, chain.stateAt(second.block().header()).balance(BOB));
    }

    @Test
    void importsWithTheCallersDecodedTransactionsOnlyWhenTheyAreTheBlocks() throws Exception {
        ChainFixture chain = ChainFixture.cancun();
        BigInteger fee = ChainFixture.GWEI.multiply(BigInteger.TEN);
        List<Transaction> pool = List.of(transfer(0, BOB, BigInteger.ONE, fee, 1), transfer(1, BOB, BigInteger.TWO, fee, 1));
        Block block = chain.builder.build(chain.genesis, chain.stateAt(chain.genesis), pool,
                BlockBuilder.Attributes.of(Address.ZERO, 1012, 30_000_000), chain.ancestors(chain.genesis)).block();
        BlockResult result = chain.processor.importBlock(block, pool, chain.genesis, chain.stateAt(chain.genesis),
                chain.ancestors(chain.genesis));
        assertEquals(pool, result.transactions());
        InvalidBlockException e = assertThrows(InvalidBlockException.class, () -> chain.processor.importBlock(block,
                List.of(pool.get(1), pool.get(0)), chain.genesis, chain.stateAt(chain.genesis), chain.ancestors(chain.genesis)));
        assertTrue(e.getMessage().contains("not the block's"), e.getMessage());
        assertThrows(InvalidBlockException.class, () -> chain.processor.importBlock(block, pool.subList(0, 1),
                chain.genesis, chain.stateAt(chain.genesis), chain.ancestors(chain.genesis)));
    }

    @Test
    void decodesTheBlocksTransactionsTakingTheKnownInstances() throws Exception {
        ChainFixture chain = ChainFixture.cancun();
        BigInteger fee = ChainFixture.GWEI.multiply(BigInteger.TEN);
        Transaction pooled = transfer(0, BOB, BigInteger.ONE, fee, 1);
        Transaction unknown = transfer(1, BOB, BigInteger.TWO, fee, 1);
        Block block = chain.builder.build(chain.genesis, chain.stateAt(chain.genesis), List.of(pooled, unknown),
                BlockBuilder.Attributes.of(Address.ZERO, 1012, 30_000_000), chain.ancestors(chain.genesis)).block();
        Transaction impostor = transfer(5, CAROL, BigInteger.TEN, fee, 1);

        List<Transaction> decoded = Block.decode(block.encode()).decodeTransactions(1, hash ->
                Arrays.equals(hash, pooled.hash()) ? Optional.of(pooled)
                        : Arrays.equals(hash, unknown.hash()) ? Optional.of(impostor) : Optional.empty());

        assertSame(pooled, decoded.get(0)); // its sender already recovered
        assertNotSame(impostor, decoded.get(1)); // a lookup that answers another transaction is ignored
        assertArrayEquals(unknown.encoded(), decoded.get(1).encoded());
    }

    @Test
    void quorumChainAcceptsGasPriceZeroAndLongExtraData() throws Exception {
        ChainFixture chain = ChainFixture.quorum();
        byte[] istanbulExtra = new byte[97];
        BlockBuilder.BuiltBlock built = chain.builder.build(chain.genesis, chain.stateAt(chain.genesis),
                List.of(legacy(0, BOB, BigInteger.ZERO, 21_000, new byte[0], 1337),
                        transfer(1, BOB, BigInteger.TEN, BigInteger.ZERO, 1337)),
                BlockBuilder.Attributes.of(Address.ZERO, 1001, 30_000_000).withExtraData(istanbulExtra),
                chain.ancestors(chain.genesis));
        assertEquals(List.of(), built.skipped());
        assertEquals(BigInteger.ZERO, built.block().header().baseFee().orElseThrow());
        assertTrue(built.block().header().withdrawalsRoot().isEmpty());
        assertEquals(42_000, built.block().header().gasUsed());
        // imported by another node (its own store): the state it computes is the one counted by hand
        ChainFixture other = ChainFixture.quorum();
        BlockResult imported = other.processor.importBlock(Block.decode(built.block().encode()), other.genesis,
                other.stateAt(other.genesis), other.ancestors(other.genesis));
        assertArrayEquals(built.block().header().stateRoot(), imported.stateRoot());
        WorldState after = other.stateAt(built.block().header());
        assertEquals(BigInteger.TEN, after.balance(BOB));
        assertEquals(2, after.nonce(chain.sender()));
        assertEquals(ChainFixture.ETHER.multiply(BigInteger.valueOf(100)).subtract(BigInteger.TEN), after.balance(chain.sender()),
                "gas price 0: only the value left");
    }

    @Test
    void skipsWhatDoesNotFitAndStopsWhenTheBlockIsFull() throws Exception {
        ChainFixture chain = ChainFixture.cancun();
        BigInteger fee = ChainFixture.GWEI.multiply(BigInteger.TEN);
        // the gas limit moves by less than 1/1024 per block: 30M -> 29970705 is the smallest allowed
        long blockGasLimit = 29_970_705;
        List<Transaction> candidates = List.of(
                legacy(0, BOB, fee, blockGasLimit + 1, new byte[0], 1),               // above the block's gas
                legacy(0, null, fee, blockGasLimit - 20_000, new byte[] {(byte) 0xfe}, 1), // burns all its gas
                transfer(1, BOB, BigInteger.ONE, fee, 1));                            // not reached: 20000 left
        BlockBuilder.BuiltBlock built = chain.builder.build(chain.genesis, chain.stateAt(chain.genesis), candidates,
                BlockBuilder.Attributes.of(Address.ZERO, 1012, blockGasLimit), chain.ancestors(chain.genesis));
        assertEquals(1, built.block().transactions().size());
        assertFalse(built.result().receipts().get(0).success());
        assertEquals(blockGasLimit - 20_000, built.block().header().gasUsed());
        assertEquals(List.of(Reason.BLOCK_GAS_LIMIT_EXCEEDED),
                built.skipped().stream().map(BlockBuilder.Skipped::reason).toList());
        // imported by another node: the failed creation leaves only the sender's payment and the tip
        ChainFixture other = ChainFixture.cancun();
        BlockResult imported = other.processor.importBlock(Block.decode(built.block().encode()), other.genesis,
                other.stateAt(other.genesis), other.ancestors(other.genesis));
        assertFalse(imported.receipts().get(0).success());
        BigInteger gasUsed = BigInteger.valueOf(blockGasLimit - 20_000);
        BigInteger baseFee = BigInteger.valueOf(875_000_000);
        WorldState expected = new WorldState(new InMemoryNodeStore(), WorldState.EMPTY_TRIE_ROOT);
        expected.putAccount(chain.sender(), 1, ChainFixture.ETHER.multiply(BigInteger.valueOf(100)).subtract(gasUsed.multiply(fee)),
                new byte[0], Map.of());
        expected.putAccount(Address.ZERO, 0, gasUsed.multiply(fee.subtract(baseFee)), new byte[0], Map.of());
        assertArrayEquals(expected.commit(), imported.stateRoot(), "sender and coinbase only, counted by hand");
    }

    @Test
    void stopsTakingCandidatesOnceTheProducerSaysTheBlockIsFullButTakesOne() throws Exception {
        ChainFixture chain = ChainFixture.cancun();
        BigInteger fee = ChainFixture.GWEI.multiply(BigInteger.TEN);
        List<Transaction> candidates = List.of(transfer(0, BOB, BigInteger.ONE, fee, 1),
                transfer(1, BOB, BigInteger.ONE, fee, 1), transfer(2, BOB, BigInteger.ONE, fee, 1));
        int[] asked = {0};
        // "full" after two candidates (a producer asks its clock; a count makes the test exact)
        BlockBuilder.BuiltBlock built = chain.builder.build(chain.genesis, chain.stateAt(chain.genesis),
                PrivateContext.none(), candidates, BlockBuilder.Attributes.of(Address.ZERO, 1012, 30_000_000),
                chain.ancestors(chain.genesis), () -> ++asked[0] >= 2);
        assertEquals(2, built.block().transactions().size());
        assertTrue(built.skipped().isEmpty(), "candidates not reached are not reported");
        // a producer whose time is up before the first still makes progress
        BlockBuilder.BuiltBlock one = chain.builder.build(chain.genesis, chain.stateAt(chain.genesis),
                PrivateContext.none(), candidates, BlockBuilder.Attributes.of(Address.ZERO, 1012, 30_000_000),
                chain.ancestors(chain.genesis), () -> true);
        assertEquals(1, one.block().transactions().size());
        // the bounded block is an ordinary block: another node imports it with the same roots
        ChainFixture other = ChainFixture.cancun();
        BlockResult imported = other.processor.importBlock(Block.decode(built.block().encode()), other.genesis,
                other.stateAt(other.genesis), other.ancestors(other.genesis));
        assertArrayEquals(built.block().header().stateRoot(), imported.stateRoot());
    }

    @Test
    void refusesBlobTransactions() throws Exception {
        ChainFixture chain = ChainFixture.cancun();
        byte[] versionedHash = new byte[32];
        versionedHash[0] = 1;
        Transaction blob = Transaction.builder(TransactionType.BLOB).chainId(1).nonce(0)
                .maxFeePerGas(ChainFixture.GWEI.multiply(BigInteger.TEN)).maxFeePerBlobGas(BigInteger.TEN)
                .gasLimit(21_000).to(BOB).blobVersionedHashes(List.of(versionedHash)).sign(ChainFixture.KEY);
        BlockBuilder.BuiltBlock built = chain.builder.build(chain.genesis, chain.stateAt(chain.genesis), List.of(blob),
                BlockBuilder.Attributes.of(Address.ZERO, 1012, 30_000_000), chain.ancestors(chain.genesis));
        assertEquals(1, built.skipped().size());
        assertEquals(BlockProcessor.BLOB_NOT_SUPPORTED, built.skipped().get(0).message());
        assertTrue(built.block().transactions().isEmpty());
    }

    @Test
    void refusesAttributesThatBreakTheHeaderRules() {
        ChainFixture chain = ChainFixture.cancun();
        InvalidBlockException e = assertThrows(InvalidBlockException.class, () -> chain.builder.build(chain.genesis,
                chain.stateAt(chain.genesis), List.of(), BlockBuilder.Attributes.of(Address.ZERO, 1000, 30_000_000),
                chain.ancestors(chain.genesis)));
        assertTrue(e.getMessage().contains("timestamp"), e.getMessage());
        ChainFixture quorum = ChainFixture.quorum();
        e = assertThrows(InvalidBlockException.class, () -> quorum.builder.build(quorum.genesis,
                quorum.stateAt(quorum.genesis), List.of(), BlockBuilder.Attributes.of(Address.ZERO, 1001, 30_000_000)
                        .withWithdrawals(List.of(new Withdrawal(0, 0, BOB, 1))), quorum.ancestors(quorum.genesis)));
        assertTrue(e.getMessage().contains("Shanghai"), e.getMessage());
    }

    @Test
    void importRefusesABlockWithATransactionThatCannotBeIncluded() throws Exception {
        ChainFixture chain = ChainFixture.cancun();
        BigInteger fee = ChainFixture.GWEI.multiply(BigInteger.TEN);
        Block good = chain.builder.build(chain.genesis, chain.stateAt(chain.genesis),
                List.of(transfer(0, BOB, BigInteger.ONE, fee, 1)),
                BlockBuilder.Attributes.of(Address.ZERO, 1012, 30_000_000), chain.ancestors(chain.genesis)).block();
        List<byte[]> transactions = new ArrayList<>(good.transactions());
        transactions.add(transfer(5, BOB, BigInteger.ONE, fee, 1).encoded()); // nonce gap
        Block tampered = new Block(good.header().toBuilder().transactionsRoot(ListRoot.of(transactions)).build(),
                transactions, List.of(), good.withdrawals());
        InvalidBlockException e = assertThrows(InvalidBlockException.class, () -> chain.processor.importBlock(tampered,
                chain.genesis, chain.stateAt(chain.genesis), chain.ancestors(chain.genesis)));
        assertTrue(e.getMessage().contains("transaction 1") && e.getMessage().contains("nonce"), e.getMessage());

        Block wrongGas = new Block(good.header().toBuilder().gasUsed(21_001).build(), good.transactions(), List.of(),
                good.withdrawals());
        e = assertThrows(InvalidBlockException.class, () -> chain.processor.importBlock(wrongGas, chain.genesis,
                chain.stateAt(chain.genesis), chain.ancestors(chain.genesis)));
        assertTrue(e.getMessage().startsWith("gas used"), e.getMessage());
        assertFalse(chain.stateAt(chain.genesis).exists(BOB));
    }
}
