package org.quorumee.core.transition;

import java.math.BigInteger;
import java.util.List;
import org.quorumee.core.evm.BlockContext;
import org.quorumee.core.evm.CallResult;
import org.quorumee.core.evm.CodeCache;
import org.quorumee.core.evm.Evm;
import org.quorumee.core.evm.EvmTracer;
import org.quorumee.core.evm.ForkRules;
import org.quorumee.core.evm.TxContext;
import org.quorumee.core.state.PrivateExecutionState;
import org.quorumee.core.state.WorldState;
import org.quorumee.core.tx.AccessListEntry;
import org.quorumee.core.tx.InvalidTransactionException;
import org.quorumee.core.tx.Transaction;
import org.quorumee.core.types.Address;
import org.quorumee.core.types.Log;
import org.quorumee.core.types.UInt256;

/**
 * Applies one transaction to a world state: validates it against the state, buys the gas, runs
 * the message, refunds, pays the coinbase and closes the transaction (EIP-161 clean-up). A rejected
 * transaction leaves the state untouched.
 */
public final class TransactionProcessor {
    private static final byte BLOB_COMMITMENT_VERSION_KZG = 0x01;

    private final ForkRules rules;
    private final CodeCache codeCache;

    public TransactionProcessor(ForkRules rules, CodeCache codeCache) {
        this.rules = rules;
        this.codeCache = codeCache;
    }

    /**
     * Runs {@code tx} in {@code block} on {@code state}.
     *
     * @param blockGasUsed gas already used by earlier transactions of the block
     * @throws TransactionRejectedException when the transaction cannot be included (state unchanged)
     */
    public TransactionResult process(WorldState state, BlockContext block, Transaction tx, long blockGasUsed)
            throws TransactionRejectedException {
        return process(state, block, tx, blockGasUsed, null);
    }

    /** {@link #process(WorldState, BlockContext, Transaction, long)} reporting the execution to {@code tracer}. */
    public TransactionResult process(WorldState state, BlockContext block, Transaction tx, long blockGasUsed,
            EvmTracer tracer) throws TransactionRejectedException {
        Address sender = validate(state, block, tx, blockGasUsed);
        BigInteger baseFee = block.baseFee();
        BigInteger gasPrice = tx.effectiveGasPrice(baseFee);
        long gasLimit = tx.gasLimit();
        long blobGas = blobGas(tx);

        // buy gas and bump the nonce: these stay even when the execution fails
        state.subBalance(sender, gasPrice.multiply(BigInteger.valueOf(gasLimit))
                .add(block.blobBaseFee().multiply(BigInteger.valueOf(blobGas))));
        state.setNonce(sender, tx.nonce() + 1);

        Address target = tx.isContractCreation() ? Evm.createAddress(sender, tx.nonce()) : tx.to().orElseThrow();
        state.warmAddress(sender);
        state.warmAddress(target);
        for (Address precompile : rules.precompileAddresses()) {
            state.warmAddress(precompile);
        }
        if (rules.warmCoinbase) {
            state.warmAddress(block.coinbase());
        }
        for (AccessListEntry entry : tx.accessList()) {
            state.warmAddress(entry.address());
            for (byte[] key : entry.storageKeys()) {
                state.warmSlot(entry.address(), UInt256.fromBytes(key));
            }
        }

        Evm evm = new Evm(rules, state, block, new TxContext(sender, gasPrice, tx.blobVersionedHashes()), codeCache,
                tracer);
        long gas = gasLimit - tx.intrinsicGas(rules.fork);
        CallResult result = tx.isContractCreation()
                ? evm.createContract(sender, target, tx.value(), tx.data(), gas, 0)
                : evm.call(Evm.CallKind.CALL, sender, target, target, tx.value(), tx.data(), gas, false, 0);

        long gasUsed = gasLimit - result.gasLeft();
        long refund = Math.min(state.refund(), gasUsed / rules.maxRefundQuotient);
        gasUsed -= refund;
        state.addBalance(sender, gasPrice.multiply(BigInteger.valueOf(gasLimit - gasUsed)));
        // the coinbase is touched even when the tip is zero (an empty coinbase then disappears)
        state.addBalance(block.coinbase(), gasPrice.subtract(baseFee).multiply(BigInteger.valueOf(gasUsed)));

        List<Log> logs = state.logs();
        state.finalizeTransaction();
        TransactionResult.Status status = status(result);
        if (tracer != null) {
            tracer.onTransactionEnd(result.isSuccess(), gasUsed, result.output(), result.error());
        }
        return new TransactionResult(status, gasUsed, logs, result.output(),
                tx.isContractCreation() && result.isSuccess() ? target : null, result.error());
    }

    /** Why a private transaction carrying value is refused (GoQuorum's text). */
    public static final String PRIVATE_VALUE_NOT_SUPPORTED = "ether value is not supported for private transactions";

    /**
     * Runs a Quorum private transaction (v = 37/38: its data is the 64-byte hash of an encrypted
     * payload) as GoQuorum does, so that every node agrees on the public state whether or not it is
     * a party: the transaction is validated and its intrinsic gas — computed on the hash, not the
     * payload — is charged on the public state, the sender's nonce is bumped there, and nothing else
     * changes in public. A party ({@code payload} not null) then runs the payload against its private
     * state beside the public one ({@link PrivateExecutionState}); the gas that execution uses is not
     * charged nor counted in the block.
     *
     * @param payload the decrypted payload (the real call data or init code); null when this node is
     *     not a party
     * @throws TransactionRejectedException when the transaction cannot be included (state unchanged)
     */
    public PrivateTransactionResult processPrivate(WorldState publicState, WorldState privateState, BlockContext block,
            Transaction tx, long blockGasUsed, byte[] payload, EvmTracer tracer) throws TransactionRejectedException {
        Address sender = validate(publicState, block, tx, blockGasUsed);
        if (tx.value().signum() != 0) {
            throw new TransactionRejectedException(TransactionRejectedException.Reason.INVALID, PRIVATE_VALUE_NOT_SUPPORTED);
        }
        BigInteger baseFee = block.baseFee();
        BigInteger gasPrice = tx.effectiveGasPrice(baseFee);
        long intrinsicGas = tx.intrinsicGas(rules.fork);
        publicState.setNonce(sender, tx.nonce() + 1);
        publicState.subBalance(sender, gasPrice.multiply(BigInteger.valueOf(intrinsicGas)));
        publicState.addBalance(block.coinbase(), gasPrice.subtract(baseFee).multiply(BigInteger.valueOf(intrinsicGas)));
        publicState.finalizeTransaction();

        Address target = tx.isContractCreation() ? Evm.createAddress(sender, tx.nonce()) : tx.to().orElseThrow();
        TransactionResult publicResult = new TransactionResult(TransactionResult.Status.SUCCESS, 0, List.of(), new byte[0],
                tx.isContractCreation() ? target : null, null);
        if (payload == null) {
            // GoQuorum's trace of a private transaction at a non-party: nothing ran
            endUntraced(tracer);
            return new PrivateTransactionResult(publicResult, null);
        }
        PrivateExecutionState state = new PrivateExecutionState(publicState, privateState);
        state.warmAddress(sender);
        state.warmAddress(target);
        for (Address precompile : rules.precompileAddresses()) {
            state.warmAddress(precompile);
        }
        for (AccessListEntry entry : tx.accessList()) {
            state.warmAddress(entry.address());
            for (byte[] key : entry.storageKeys()) {
                state.warmSlot(entry.address(), UInt256.fromBytes(key));
            }
        }
        if (!tx.isContractCreation() && payload.length == 0) {
            // GoQuorum: a private call without data does nothing
            state.finalizeTransaction();
            endUntraced(tracer);
            return new PrivateTransactionResult(publicResult, publicResult);
        }
        Evm evm = new Evm(rules, state, block, new TxContext(sender, gasPrice, List.of()), codeCache, tracer);
        long gas = tx.gasLimit() - intrinsicGas;
        CallResult result = tx.isContractCreation()
                ? evm.createContract(sender, target, BigInteger.ZERO, payload, gas, 0)
                : evm.call(Evm.CallKind.CALL, sender, target, target, BigInteger.ZERO, payload, gas, false, 0);
        List<Log> logs = state.logs();
        state.finalizeTransaction();
        if (tracer != null) {
            tracer.onTransactionEnd(result.isSuccess(), tx.gasLimit() - result.gasLeft(), result.output(), result.error());
        }
        TransactionResult privateResult = new TransactionResult(status(result), 0, logs, result.output(),
                tx.isContractCreation() && result.isSuccess() ? target : null, result.error());
        return new PrivateTransactionResult(publicResult, privateResult);
    }

    /** Tells {@code tracer} (if any) the transaction ended without running code: no gas, no output. */
    private static void endUntraced(EvmTracer tracer) {
        if (tracer != null) {
            tracer.onTransactionEnd(true, 0, new byte[0], null);
        }
    }

    private static TransactionResult.Status status(CallResult result) {
        return switch (result.status()) {
            case SUCCESS -> TransactionResult.Status.SUCCESS;
            case REVERT -> TransactionResult.Status.REVERT;
            case EXCEPTIONAL_HALT -> TransactionResult.Status.FAILED;
        };
    }

    private long blobGas(Transaction tx) {
        return rules.blobGasPerBlob * tx.blobVersionedHashes().size();
    }

    /** Every check that must pass before anything is charged; returns the sender. */
    private Address validate(WorldState state, BlockContext block, Transaction tx, long blockGasUsed)
            throws TransactionRejectedException {
        Address sender;
        try {
            tx.validate(block.chainId().longValueExact(), rules.fork);
            sender = tx.sender();
        } catch (InvalidTransactionException e) {
            throw new TransactionRejectedException(TransactionRejectedException.Reason.INVALID, e.getMessage(), e);
        }
        if (tx.isContractCreation() && rules.maxInitcodeSize >= 0 && tx.data().length > rules.maxInitcodeSize) {
            throw new TransactionRejectedException(TransactionRejectedException.Reason.INITCODE_TOO_LARGE,
                    "initcode of " + tx.data().length + " bytes exceeds " + rules.maxInitcodeSize);
        }
        if (Long.compareUnsigned(tx.gasLimit(), block.gasLimit() - blockGasUsed) > 0) {
            throw new TransactionRejectedException(TransactionRejectedException.Reason.BLOCK_GAS_LIMIT_EXCEEDED,
                    "gas limit " + Long.toUnsignedString(tx.gasLimit()) + " above the block's remaining "
                            + (block.gasLimit() - blockGasUsed));
        }
        long stateNonce = state.nonce(sender);
        if (Long.compareUnsigned(tx.nonce(), stateNonce) < 0) {
            throw new TransactionRejectedException(TransactionRejectedException.Reason.NONCE_TOO_LOW,
                    "nonce " + Long.toUnsignedString(tx.nonce()) + " below the sender's " + Long.toUnsignedString(stateNonce));
        }
        if (tx.nonce() != stateNonce) {
            throw new TransactionRejectedException(TransactionRejectedException.Reason.NONCE_TOO_HIGH,
                    "nonce " + Long.toUnsignedString(tx.nonce()) + " above the sender's " + Long.toUnsignedString(stateNonce));
        }
        if (state.hasCode(sender)) {
            throw new TransactionRejectedException(TransactionRejectedException.Reason.SENDER_NOT_EOA,
                    "sender " + sender + " has code (EIP-3607)");
        }
        BigInteger feeCap = tx.maxFeePerGas();
        if (feeCap.compareTo(block.baseFee()) < 0) {
            throw new TransactionRejectedException(TransactionRejectedException.Reason.FEE_CAP_BELOW_BASE_FEE,
                    "fee cap " + feeCap + " below the base fee " + block.baseFee());
        }
        BigInteger maxCost = feeCap.multiply(BigInteger.valueOf(tx.gasLimit())).add(tx.value());
        if (tx.isBlob()) {
            validateBlobs(block, tx);
            maxCost = maxCost.add(tx.maxFeePerBlobGas().multiply(BigInteger.valueOf(blobGas(tx))));
        }
        BigInteger balance = state.balance(sender);
        if (balance.compareTo(maxCost) < 0) {
            throw new TransactionRejectedException(TransactionRejectedException.Reason.INSUFFICIENT_FUNDS,
                    "sender balance " + balance + " below the maximum cost " + maxCost);
        }
        return sender;
    }

    private void validateBlobs(BlockContext block, Transaction tx) throws TransactionRejectedException {
        if (!rules.blobTransactions) {
            throw new TransactionRejectedException(TransactionRejectedException.Reason.INVALID_BLOBS,
                    "blob transactions are not enabled");
        }
        List<byte[]> hashes = tx.blobVersionedHashes();
        if (tx.isContractCreation()) {
            throw new TransactionRejectedException(TransactionRejectedException.Reason.INVALID_BLOBS,
                    "a blob transaction cannot create a contract");
        }
        if (hashes.isEmpty() || hashes.size() > rules.maxBlobsPerBlock) {
            throw new TransactionRejectedException(TransactionRejectedException.Reason.INVALID_BLOBS,
                    "a blob transaction carries 1 to " + rules.maxBlobsPerBlock + " blobs, not " + hashes.size());
        }
        for (byte[] hash : hashes) {
            if (hash[0] != BLOB_COMMITMENT_VERSION_KZG) {
                throw new TransactionRejectedException(TransactionRejectedException.Reason.INVALID_BLOBS,
                        "blob versioned hash with version " + hash[0]);
            }
        }
        if (tx.maxFeePerBlobGas().compareTo(block.blobBaseFee()) < 0) {
            throw new TransactionRejectedException(TransactionRejectedException.Reason.BLOB_FEE_CAP_TOO_LOW,
                    "maxFeePerBlobGas " + tx.maxFeePerBlobGas() + " below the blob base fee " + block.blobBaseFee());
        }
    }
}
