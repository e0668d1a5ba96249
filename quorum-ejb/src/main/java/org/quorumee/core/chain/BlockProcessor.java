package org.quorumee.core.chain;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongFunction;
import org.quorumee.core.bytes.Hex;
import org.quorumee.core.evm.BlockContext;
import org.quorumee.core.evm.CodeCache;
import org.quorumee.core.evm.Evm;
import org.quorumee.core.evm.EvmTracer;
import org.quorumee.core.evm.ForkRules;
import org.quorumee.core.evm.TxContext;
import org.quorumee.core.fork.Fork;
import org.quorumee.core.privacy.PayloadHash;
import org.quorumee.core.privacy.PrivatePayload;
import org.quorumee.core.state.WorldState;
import org.quorumee.core.transition.PrivateTransactionResult;
import org.quorumee.core.transition.TransactionProcessor;
import org.quorumee.core.transition.TransactionRejectedException;
import org.quorumee.core.transition.TransactionResult;
import org.quorumee.core.tx.InvalidTransactionException;
import org.quorumee.core.tx.Transaction;
import org.quorumee.core.types.Address;

/**
 * Applies blocks to a world state: the EIP-4788 beacon-roots system call at the start of a Cancun
 * block, every transaction through the {@link TransactionProcessor} with the block's gas accounting,
 * a receipt per transaction, the withdrawals (EIP-4895), then the state root.
 *
 * <p>{@link #importBlock} is block import: the header checked against its parent, the body against
 * the header, execution, and the header's gas used, receipts root, bloom and state root checked
 * against the outcome. The {@link BlockBuilder} runs the same steps through {@link #start}.
 *
 * <p>The EVM recurses in Java: call from a thread with {@link Evm#REQUIRED_THREAD_STACK} of stack.
 * Blob (type 3) transactions are refused: this node has no blob data layer.
 */
public final class BlockProcessor {
    /** EIP-4788: the contract that keeps the beacon roots. */
    public static final Address BEACON_ROOTS_ADDRESS = Address.fromHex("0x000f3df6d732807ef1319fb7b8bb8522d0beac02");
    /** The caller of system calls (EIP-4788). */
    public static final Address SYSTEM_ADDRESS = Address.fromHex("0xfffffffffffffffffffffffffffffffffffffffe");
    /** The gas a system call may use; it is not charged to anyone. */
    public static final long SYSTEM_CALL_GAS = 30_000_000L;
    /** Why a blob transaction is refused. */
    public static final String BLOB_NOT_SUPPORTED = "blob transactions are not supported";

    private record RulesKey(Fork fork, int maxCodeSize) {
    }

    private final ChainConfig config;
    private final HeaderValidator headerValidator;
    private final CodeCache codeCache;
    private final Map<RulesKey, ForkRules> rulesCache = new HashMap<>();

    public BlockProcessor(ChainConfig config, HeaderValidator headerValidator, CodeCache codeCache) {
        this.config = config;
        this.headerValidator = headerValidator;
        this.codeCache = codeCache;
    }

    /**
     * A processor with the validator the chain's config calls for ({@link HeaderValidator#forChain})
     * and the consensus engine's header rules.
     */
    public static BlockProcessor forChain(ChainConfig config, ConsensusRules consensusRules, CodeCache codeCache) {
        return new BlockProcessor(config, HeaderValidator.forChain(config, consensusRules), codeCache);
    }

    public ChainConfig config() {
        return config;
    }

    public HeaderValidator headerValidator() {
        return headerValidator;
    }

    /** The EVM rules in force at a block (cached; fork and Quorum's code size limit). */
    public synchronized ForkRules rules(long number, long timestamp) {
        RulesKey key = new RulesKey(config.forkAt(number, timestamp), config.maxCodeSize(number));
        return rulesCache.computeIfAbsent(key, k -> ForkRules.of(k.fork()).withMaxCodeSize(k.maxCodeSize()));
    }

    /** What the EVM sees of the block with {@code header}. */
    public BlockContext blockContext(BlockHeader header, LongFunction<byte[]> ancestorHashes) {
        ForkRules rules = rules(header.number(), header.timestamp());
        byte[] prevRandao = rules.prevRandao ? header.mixHash() : word(header.difficulty());
        BigInteger blobBaseFee = rules.blobTransactions ? rules.blobBaseFee(header.excessBlobGas().orElse(0L)) : BigInteger.ONE;
        return new BlockContext(header.coinbase(), header.number(), header.timestamp(), header.gasLimit(),
                header.baseFee().orElse(BigInteger.ZERO), prevRandao, BigInteger.valueOf(config.chainId()), blobBaseFee,
                ancestorHashes);
    }

    private static byte[] word(BigInteger value) {
        byte[] out = new byte[32];
        byte[] bytes = value.toByteArray();
        int length = Math.min(bytes.length, 32);
        System.arraycopy(bytes, bytes.length - length, out, 32 - length, length);
        return out;
    }

    /**
     * Imports {@code block} onto {@code parent}: validates, executes on {@code state} (the parent's
     * state; it holds the block's changes afterwards, committed) and checks the outcome against the
     * header. On refusal the state may hold part of the block: discard it (and any nodes buffered
     * for its store); the parent's state is untouched, as stored nodes never change.
     *
     * @throws InvalidBlockException naming the first rule the block breaks
     */
    public BlockResult importBlock(Block block, BlockHeader parent, WorldState state, LongFunction<byte[]> ancestorHashes)
            throws InvalidBlockException {
        return importBlock(block, null, parent, state, ancestorHashes);
    }

    /**
     * {@link #importBlock(Block, BlockHeader, WorldState, LongFunction)} with the block's transactions
     * already decoded — typically the pool's instances, whose senders are already recovered (sender
     * recovery is most of an import's CPU time). Each must encode to the block's bytes at its index.
     *
     * @param transactions the decoded transactions in block order, or null to decode them here
     * @throws InvalidBlockException naming the first rule the block breaks, or when the decoded
     *     transactions are not the block's
     */
    public BlockResult importBlock(Block block, List<Transaction> transactions, BlockHeader parent, WorldState state,
            LongFunction<byte[]> ancestorHashes) throws InvalidBlockException {
        return importBlock(block, transactions, parent, state, PrivateContext.none(), ancestorHashes);
    }

    /**
     * {@link #importBlock(Block, List, BlockHeader, WorldState, LongFunction)} on a node with privacy:
     * private transactions this node is a party to run against {@code privateContext}'s state.
     *
     * @throws org.quorumee.core.privacy.PrivacyUnavailableException when the transaction manager
     *     cannot say whether this node is a party: the block is not invalid, try again later
     */
    public BlockResult importBlock(Block block, List<Transaction> transactions, BlockHeader parent, WorldState state,
            PrivateContext privateContext, LongFunction<byte[]> ancestorHashes) throws InvalidBlockException {
        BlockHeader header = block.header();
        headerValidator.validate(header, parent);
        validateBody(block);
        List<byte[]> encoded = block.transactions();
        if (transactions == null) {
            try {
                transactions = block.decodeTransactions(config.chainId());
            } catch (InvalidTransactionException e) {
                throw new InvalidBlockException("malformed transaction: " + e.getMessage(), e);
            }
        } else if (transactions.size() != encoded.size()) {
            throw new InvalidBlockException(transactions.size() + " decoded transactions given for a block of "
                    + encoded.size());
        } else {
            for (int i = 0; i < encoded.size(); i++) {
                if (!Arrays.equals(transactions.get(i).encoded(), encoded.get(i))) {
                    throw new InvalidBlockException("decoded transaction " + i + " is not the block's");
                }
            }
        }
        BlockResult result = execute(state, privateContext, header, transactions, block.withdrawals(), ancestorHashes);
        check("gas used", header.gasUsed(), result.gasUsed());
        check("blob gas used", header.blobGasUsed().orElse(0L), result.blobGasUsed());
        check("receipts root", header.receiptsRoot(), result.receiptsRoot());
        check("logs bloom", header.logsBloom().toArray(), result.logsBloom().toArray());
        check("state root", header.stateRoot(), result.stateRoot());
        return result;
    }

    /** The body matches the header: transactions root, withdrawals (from Shanghai) and no ommers. */
    private static void validateBody(Block block) throws InvalidBlockException {
        BlockHeader header = block.header();
        check("transactions root", header.transactionsRoot(), block.computeTransactionsRoot());
        if (header.withdrawalsRoot().isPresent() != (block.withdrawals() != null)) {
            throw new InvalidBlockException(header.withdrawalsRoot().isPresent()
                    ? "withdrawals missing from the body" : "withdrawals in the body of a block before Shanghai");
        }
        if (block.withdrawals() != null) {
            check("withdrawals root", header.withdrawalsRoot().get(), block.computeWithdrawalsRoot().orElseThrow());
        }
        if (!block.ommers().isEmpty()) {
            throw new InvalidBlockException("a block has no ommers, this one has " + block.ommers().size());
        }
    }

    private static void check(String field, long inHeader, long computed) throws InvalidBlockException {
        if (inHeader != computed) {
            throw new InvalidBlockException(field + " " + inHeader + " in the header, " + computed + " computed");
        }
    }

    private static void check(String field, byte[] inHeader, byte[] computed) throws InvalidBlockException {
        if (!Arrays.equals(inHeader, computed)) {
            throw new InvalidBlockException(field + " " + Hex.encode(inHeader) + " in the header, "
                    + Hex.encode(computed) + " computed");
        }
    }

    /**
     * Executes a block's body on {@code state} and commits it; every transaction must be includable.
     *
     * @param withdrawals null before Shanghai
     * @throws InvalidBlockException when a transaction cannot be included
     */
    public BlockResult execute(WorldState state, BlockHeader header, List<Transaction> transactions,
            List<Withdrawal> withdrawals, LongFunction<byte[]> ancestorHashes) throws InvalidBlockException {
        return execute(state, PrivateContext.none(), header, transactions, withdrawals, ancestorHashes);
    }

    /** {@link #execute(WorldState, BlockHeader, List, List, LongFunction)} with this node's private side. */
    public BlockResult execute(WorldState state, PrivateContext privateContext, BlockHeader header,
            List<Transaction> transactions, List<Withdrawal> withdrawals, LongFunction<byte[]> ancestorHashes)
            throws InvalidBlockException {
        Execution execution = start(state, privateContext, header, ancestorHashes);
        for (int i = 0; i < transactions.size(); i++) {
            try {
                execution.apply(transactions.get(i));
            } catch (TransactionRejectedException e) {
                throw new InvalidBlockException("transaction " + i + " (" + Hex.encode(transactions.get(i).hash())
                        + ") cannot be included: " + e.getMessage(), e);
            }
        }
        if (withdrawals != null) {
            execution.withdraw(withdrawals);
        }
        return execution.finish();
    }

    /**
     * Re-executes the block with {@code header} on {@code state} (its parent's state) up to its
     * transaction {@code index}, then runs that one reporting to {@code tracer}. The state is left
     * uncommitted: throw it away.
     *
     * @throws InvalidBlockException when a transaction cannot be included (a corrupt store)
     */
    public TransactionResult replay(WorldState state, BlockHeader header, List<Transaction> transactions, int index,
            LongFunction<byte[]> ancestorHashes, EvmTracer tracer) throws InvalidBlockException {
        return replay(state, PrivateContext.none(), header, transactions, index, ancestorHashes, tracer);
    }

    /**
     * {@link #replay(WorldState, BlockHeader, List, int, LongFunction, EvmTracer)} with this node's
     * private side: a private transaction is traced as this node ran it — its private execution at a
     * party, nothing at all elsewhere.
     */
    public TransactionResult replay(WorldState state, PrivateContext privateContext, BlockHeader header,
            List<Transaction> transactions, int index, LongFunction<byte[]> ancestorHashes, EvmTracer tracer)
            throws InvalidBlockException {
        if (index < 0 || index >= transactions.size()) {
            throw new IllegalArgumentException("no transaction " + index + " in a block of " + transactions.size());
        }
        Execution execution = start(state, privateContext, header, ancestorHashes);
        for (int i = 0; i <= index; i++) {
            try {
                TransactionResult result = execution.apply(transactions.get(i), i == index ? tracer : null);
                if (i == index) {
                    return result;
                }
            } catch (TransactionRejectedException e) {
                throw new InvalidBlockException("transaction " + i + " (" + Hex.encode(transactions.get(i).hash())
                        + ") cannot be included: " + e.getMessage(), e);
            }
        }
        throw new AssertionError("unreachable");
    }

    /** Starts executing the block with {@code header} on {@code state}: runs the system calls. */
    Execution start(WorldState state, PrivateContext privateContext, BlockHeader header, LongFunction<byte[]> ancestorHashes) {
        Execution execution = new Execution(state, privateContext, header, blockContext(header, ancestorHashes),
                rules(header.number(), header.timestamp()));
        execution.beaconRootCall();
        return execution;
    }

    /** One block being executed, transaction after transaction. */
    final class Execution {
        private final WorldState state;
        private final PrivateContext privateContext;
        private final BlockHeader header;
        private final BlockContext context;
        private final ForkRules rules;
        private final TransactionProcessor transactions;
        private final List<Transaction> included = new ArrayList<>();
        private final List<Receipt> receipts = new ArrayList<>();
        private final List<TransactionResult> results = new ArrayList<>();
        private final List<Receipt> privateReceipts = new ArrayList<>();
        private final List<TransactionResult> privateResults = new ArrayList<>();
        private long gasUsed;

        private Execution(WorldState state, PrivateContext privateContext, BlockHeader header, BlockContext context,
                ForkRules rules) {
            this.state = state;
            this.privateContext = privateContext;
            this.header = header;
            this.context = context;
            this.rules = rules;
            this.transactions = new TransactionProcessor(rules, codeCache);
        }

        /** EIP-4788: stores the parent beacon block root in the beacon-roots contract, if it has code. */
        private void beaconRootCall() {
            if (!rules.fork.isAtLeast(Fork.CANCUN) || header.parentBeaconBlockRoot().isEmpty() || !state.hasCode(BEACON_ROOTS_ADDRESS)) {
                return;
            }
            Evm evm = new Evm(rules, state, context, new TxContext(SYSTEM_ADDRESS, BigInteger.ZERO, List.of()), codeCache);
            state.warmAddress(SYSTEM_ADDRESS);
            state.warmAddress(BEACON_ROOTS_ADDRESS);
            evm.call(Evm.CallKind.CALL, SYSTEM_ADDRESS, BEACON_ROOTS_ADDRESS, BEACON_ROOTS_ADDRESS, BigInteger.ZERO,
                    header.parentBeaconBlockRoot().get(), SYSTEM_CALL_GAS, false, 0);
            state.finalizeTransaction();
        }

        /** Gas left in the block. */
        long gasLeft() {
            return header.gasLimit() - gasUsed;
        }

        /**
         * Includes {@code tx}: its receipt is added and the block's gas counted.
         *
         * @throws TransactionRejectedException when it cannot be included (state unchanged)
         */
        TransactionResult apply(Transaction tx) throws TransactionRejectedException {
            return apply(tx, null);
        }

        /** {@link #apply(Transaction)} reporting the execution to {@code tracer} (null for none). */
        TransactionResult apply(Transaction tx, EvmTracer tracer) throws TransactionRejectedException {
            if (tx.isBlob()) {
                throw new TransactionRejectedException(TransactionRejectedException.Reason.INVALID_BLOBS, BLOB_NOT_SUPPORTED);
            }
            int type = tx.type().typeByte() < 0 ? Receipt.LEGACY_TYPE : tx.type().typeByte();
            if (tx.isPrivate()) {
                return applyPrivate(tx, type, tracer);
            }
            TransactionResult result = transactions.process(state, context, tx, gasUsed, tracer);
            gasUsed += result.gasUsed();
            receipts.add(Receipt.of(type, result.isSuccess(), gasUsed, result.logs()));
            results.add(result);
            privateReceipts.add(null);
            privateResults.add(null);
            included.add(tx);
            return result;
        }

        /**
         * A Quorum private transaction: the public side is the same on every node; a party also
         * runs the payload against its private state. Returns what this node ran (the private
         * result at a party, the public one elsewhere).
         */
        private TransactionResult applyPrivate(Transaction tx, int type, EvmTracer tracer) throws TransactionRejectedException {
            byte[] payload = privateContext.payloads().find(PayloadHash.of(tx.data()))
                    .map(PrivatePayload::plaintext).orElse(null);
            PrivateTransactionResult result = transactions.processPrivate(state, privateContext.state(), context, tx,
                    gasUsed, payload, tracer);
            TransactionResult publicResult = result.publicResult();
            gasUsed += publicResult.gasUsed();
            receipts.add(Receipt.of(type, publicResult.isSuccess(), gasUsed, publicResult.logs()));
            results.add(publicResult);
            TransactionResult privateResult = result.privateResult();
            privateResults.add(privateResult);
            privateReceipts.add(privateResult == null ? null
                    : Receipt.of(type, privateResult.isSuccess(), gasUsed, privateResult.logs()));
            included.add(tx);
            return result.isParty() ? privateResult : publicResult;
        }

        /** EIP-4895: credits each withdrawal's amount (Gwei) to its address. */
        void withdraw(List<Withdrawal> withdrawals) {
            for (Withdrawal withdrawal : withdrawals) {
                state.addBalance(withdrawal.address(), withdrawal.amountWei());
            }
            state.finalizeTransaction();
        }

        /** Commits the state and returns the block's outcome. */
        BlockResult finish() {
            byte[] stateRoot = state.commit();
            byte[] privateStateRoot = privateContext.state().commit();
            return new BlockResult(included, receipts, results, gasUsed, 0, Receipt.bloomOf(receipts), Receipt.rootOf(receipts),
                    stateRoot, privateReceipts, privateResults, privateStateRoot);
        }
    }
}
