package org.quorumee.core.chain;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.LongFunction;
import org.quorumee.core.state.WorldState;
import org.quorumee.core.transition.TransactionRejectedException;
import org.quorumee.core.trie.MerklePatriciaTrie;
import org.quorumee.core.tx.Transaction;
import org.quorumee.core.types.Address;

/**
 * Produces a block on a parent: executes the candidate transactions in the order given (a pool
 * supplies them), keeps those that fit and are valid, reports the others with the reason, and seals
 * the header with every root. This is what a block producer (the single-node engine, later Raft and
 * IBFT) calls; the block it returns is one {@link BlockProcessor#importBlock} accepts.
 *
 * <p>Gas price 0 is accepted where the chain's {@link FeeMarket} has no base fee (GoQuorum chains
 * without gas price). Blob transactions are skipped ({@link BlockProcessor#BLOB_NOT_SUPPORTED}).
 */
public final class BlockBuilder {
    /** The cheapest transaction there is: a plain transfer. */
    private static final long MIN_TRANSACTION_GAS = 21_000;

    private final BlockProcessor processor;

    public BlockBuilder(BlockProcessor processor) {
        this.processor = processor;
    }

    /**
     * What the producer chooses for the new block. {@code difficulty} and {@code prevRandao} (the mix
     * hash) are the consensus engine's: 0 and zeros on Ethereum after the merge and on Raft; IBFT sets
     * its own. {@code parentBeaconBlockRoot} is used from Cancun on, {@code withdrawals} from Shanghai.
     */
    public record Attributes(Address coinbase, long timestamp, long gasLimit, byte[] extraData, BigInteger difficulty,
            byte[] prevRandao, byte[] parentBeaconBlockRoot, List<Withdrawal> withdrawals) {

        public Attributes {
            extraData = extraData.clone();
            prevRandao = prevRandao.clone();
            parentBeaconBlockRoot = parentBeaconBlockRoot.clone();
            withdrawals = List.copyOf(withdrawals);
        }

        /** Coinbase, time and gas limit; no extra data, difficulty 0, zero randao and beacon root, no withdrawals. */
        public static Attributes of(Address coinbase, long timestamp, long gasLimit) {
            return new Attributes(coinbase, timestamp, gasLimit, new byte[0], BigInteger.ZERO, new byte[32], new byte[32],
                    List.of());
        }

        public Attributes withExtraData(byte[] value) {
            return new Attributes(coinbase, timestamp, gasLimit, value, difficulty, prevRandao, parentBeaconBlockRoot,
                    withdrawals);
        }

        public Attributes withWithdrawals(List<Withdrawal> value) {
            return new Attributes(coinbase, timestamp, gasLimit, extraData, difficulty, prevRandao, parentBeaconBlockRoot,
                    value);
        }

        @Override
        public byte[] extraData() {
            return extraData.clone();
        }

        @Override
        public byte[] prevRandao() {
            return prevRandao.clone();
        }

        @Override
        public byte[] parentBeaconBlockRoot() {
            return parentBeaconBlockRoot.clone();
        }
    }

    /** A candidate left out of the block, and why (the pool drops or keeps it by the reason). */
    public record Skipped(Transaction transaction, TransactionRejectedException.Reason reason, String message) {
    }

    /** The sealed block, its execution outcome (receipts...), and the candidates left out. */
    public record BuiltBlock(Block block, BlockResult result, List<Skipped> skipped) {
        public BuiltBlock {
            skipped = List.copyOf(skipped);
        }
    }

    /**
     * Builds the child of {@code parent}. {@code state} is the parent's state; it holds the new
     * block's changes afterwards, committed to its store. Candidates are tried in order until the
     * block's gas left is below a plain transfer's 21000; those not reached are neither included nor
     * reported.
     *
     * @throws InvalidBlockException when the attributes make a header that breaks the chain's rules
     *     (time not after the parent's, gas limit out of bounds, extra data too long, withdrawals
     *     before Shanghai)
     */
    public BuiltBlock build(BlockHeader parent, WorldState state, Iterable<Transaction> candidates, Attributes attributes,
            LongFunction<byte[]> ancestorHashes) throws InvalidBlockException {
        return build(parent, state, PrivateContext.none(), candidates, attributes, ancestorHashes);
    }

    /**
     * {@link #build(BlockHeader, WorldState, Iterable, Attributes, LongFunction)} on a node with
     * privacy: private candidates this node is a party to also run against {@code privateContext}.
     */
    public BuiltBlock build(BlockHeader parent, WorldState state, PrivateContext privateContext,
            Iterable<Transaction> candidates, Attributes attributes, LongFunction<byte[]> ancestorHashes)
            throws InvalidBlockException {
        return build(parent, state, privateContext, candidates, attributes, ancestorHashes, () -> false);
    }

    /**
     * {@link #build(BlockHeader, WorldState, PrivateContext, Iterable, Attributes, LongFunction)} that
     * also stops taking candidates once {@code full} says so (asked after each candidate tried, so a
     * block takes at least one): a producer bounds a block by its build time as well as by its gas,
     * so that blocks keep coming steadily however many transactions wait.
     */
    public BuiltBlock build(BlockHeader parent, WorldState state, PrivateContext privateContext,
            Iterable<Transaction> candidates, Attributes attributes, LongFunction<byte[]> ancestorHashes,
            BooleanSupplier full) throws InvalidBlockException {
        BlockHeader template = template(parent, attributes);
        if (template.withdrawalsRoot().isEmpty() && !attributes.withdrawals().isEmpty()) {
            throw new InvalidBlockException("withdrawals given for a block before Shanghai");
        }
        // the header without its execution results still answers every chain rule against the parent;
        // the engine's rules (seals) are for the producer to satisfy once it seals the built block
        processor.headerValidator().validateChainRules(template, parent);
        BlockProcessor.Execution execution = processor.start(state, privateContext, template, ancestorHashes);
        List<Skipped> skipped = new ArrayList<>();
        for (Transaction tx : candidates) {
            if (execution.gasLeft() < MIN_TRANSACTION_GAS) {
                break;
            }
            try {
                execution.apply(tx);
            } catch (TransactionRejectedException e) {
                skipped.add(new Skipped(tx, e.reason(), e.getMessage()));
            }
            if (full.getAsBoolean()) {
                break;
            }
        }
        boolean shanghai = template.withdrawalsRoot().isPresent();
        if (shanghai) {
            execution.withdraw(attributes.withdrawals());
        }
        BlockResult result = execution.finish();
        List<byte[]> included = result.transactions().stream().map(Transaction::encoded).toList();
        Block unsealed = new Block(template, included, List.of(), shanghai ? attributes.withdrawals() : null);
        BlockHeader.Builder header = template.toBuilder()
                .transactionsRoot(unsealed.computeTransactionsRoot())
                .receiptsRoot(result.receiptsRoot())
                .logsBloom(result.logsBloom())
                .gasUsed(result.gasUsed())
                .stateRoot(result.stateRoot());
        unsealed.computeWithdrawalsRoot().ifPresent(header::withdrawalsRoot);
        return new BuiltBlock(new Block(header.build(), included, List.of(), unsealed.withdrawals()), result, skipped);
    }

    /** The new header with everything but the execution results (roots, bloom, gas used). */
    private BlockHeader template(BlockHeader parent, Attributes attributes) {
        ChainConfig config = processor.config();
        long number = parent.number() + 1;
        BlockHeader.Builder header = BlockHeader.builder()
                .parentHash(parent.hash())
                .coinbase(attributes.coinbase())
                .difficulty(attributes.difficulty())
                .number(number)
                .gasLimit(attributes.gasLimit())
                .timestamp(attributes.timestamp())
                .extraData(attributes.extraData())
                .mixHash(attributes.prevRandao())
                .baseFee(processor.headerValidator().feeMarket().nextBaseFee(parent));
        if (config.isShanghai(number, attributes.timestamp())) {
            header.withdrawalsRoot(MerklePatriciaTrie.EMPTY_ROOT);
        }
        if (config.isCancun(number, attributes.timestamp())) {
            header.blobGasUsed(0L)
                    .excessBlobGas(HeaderValidator.excessBlobGas(parent))
                    .parentBeaconBlockRoot(attributes.parentBeaconBlockRoot());
        }
        return header.build();
    }
}
