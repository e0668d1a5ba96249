package org.quorumee.web.rpc.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.quorumee.core.bytes.Hex;
import org.quorumee.core.chain.BlockHeader;
import org.quorumee.core.chain.StateQuery;
import org.quorumee.core.crypto.SignedMessage;
import org.quorumee.core.evm.ExecutionAbortedException;
import org.quorumee.core.evm.CallResult;
import org.quorumee.core.fork.Fork;
import org.quorumee.core.privacy.BoxPublicKey;
import org.quorumee.core.privacy.PayloadHash;
import org.quorumee.core.privacy.PrivacyMetadata;
import org.quorumee.core.rlp.RlpException;
import org.quorumee.core.state.StateAccount;
import org.quorumee.core.transition.CallSimulator;
import org.quorumee.core.transition.TransactionResult;
import org.quorumee.core.tx.AccessListEntry;
import org.quorumee.core.tx.InvalidTransactionException;
import org.quorumee.core.tx.Transaction;
import org.quorumee.core.tx.TransactionType;
import org.quorumee.core.txpool.TransactionRejectedException;
import org.quorumee.core.types.Address;
import org.quorumee.node.NodeService;
import org.quorumee.node.account.AccountManager;
import org.quorumee.node.chain.CallService;
import org.quorumee.node.chain.ChainReader;
import org.quorumee.node.chain.LogQuery;
import org.quorumee.node.chain.QueryLimitException;
import org.quorumee.node.chain.StateService;
import org.quorumee.node.chain.StoredBlock;
import org.quorumee.node.chain.StoredTransaction;
import org.quorumee.node.privacy.PrivacyManager;
import org.quorumee.node.txpool.TransactionPoolService;
import org.quorumee.web.rpc.BlockTags;
import org.quorumee.web.rpc.ExecutionDeadline;
import org.quorumee.web.rpc.JsonRpcException;
import org.quorumee.web.rpc.JsonRpcNamespace;
import org.quorumee.web.rpc.JsonRpcSession;
import org.quorumee.web.rpc.Quantities;
import org.quorumee.web.rpc.RpcSettings;
import org.quorumee.web.rpc.filter.FilterManager;

/** The eth namespace. */
@ApplicationScoped
public class EthApi implements JsonRpcNamespace {

    @EJB
    NodeService node;

    @EJB
    ChainReader chain;

    @EJB
    AccountManager accounts;

    @EJB
    StateService state;

    @Inject
    FilterManager filters;

    @EJB
    TransactionPoolService pool;

    @EJB
    CallService calls;

    @EJB
    PrivacyManager privacy;

    private final RpcSettings settings = RpcSettings.system();

    @Override
    public String name() {
        return "eth";
    }

    public String chainId() {
        return Quantities.encode(node.chainId());
    }

    /** The node-managed accounts. */
    public List<String> accounts() {
        return accounts.accounts().stream().map(Address::toString).toList();
    }

    /** Signs the EIP-191 hash of {@code data} with an unlocked account: r || s || v, v = 27 or 28 (geth's eth_sign). */
    public String sign(String address, String data) {
        Address account = Quantities.decodeAddress(address, "address");
        byte[] hash = SignedMessage.hash(Quantities.decodeData(data, "data"));
        byte[] signature = PersonalApi.call(() -> accounts.sign(account, hash)).toBytes();
        signature[64] += 27;
        return Hex.encode(signature);
    }

    /** The number of the last stored block. */
    public String blockNumber() {
        return Quantities.encode(chain.head().number());
    }

    public Map<String, Object> getBlockByNumber(String block, Boolean fullTransactions) {
        long number = BlockTags.resolve(required(block, "block"), chain.head().number());
        return chain.block(number).map(b -> RpcViews.block(b, Boolean.TRUE.equals(fullTransactions))).orElse(null);
    }

    public Map<String, Object> getBlockByHash(String hash, Boolean fullTransactions) {
        return chain.blockByHash(Quantities.decodeHash(required(hash, "hash"), "hash"))
                .map(b -> RpcViews.block(b, Boolean.TRUE.equals(fullTransactions))).orElse(null);
    }

    public String getBlockTransactionCountByNumber(String block) {
        long number = BlockTags.resolve(required(block, "block"), chain.head().number());
        return chain.block(number).map(b -> Quantities.encode(b.transactions().size())).orElse(null);
    }

    public String getBlockTransactionCountByHash(String hash) {
        return chain.blockByHash(Quantities.decodeHash(required(hash, "hash"), "hash"))
                .map(b -> Quantities.encode(b.transactions().size())).orElse(null);
    }

    /** A mined transaction, or a pending one (without block fields). */
    public Map<String, Object> getTransactionByHash(String hash) {
        byte[] txHash = Quantities.decodeHash(required(hash, "hash"), "hash");
        Optional<Map<String, Object>> mined = chain.transaction(txHash)
                .map(tx -> RpcViews.transaction(tx, baseFeeOf(tx.blockNumber())));
        return mined.orElseGet(() -> pool.get(txHash)
                .map(tx -> RpcViews.transaction(new StoredTransaction(tx, tx.sender(), null, 0, 0), null))
                .orElse(null));
    }

    public Map<String, Object> getTransactionByBlockNumberAndIndex(String block, String index) {
        long number = BlockTags.resolve(required(block, "block"), chain.head().number());
        return chain.block(number).map(b -> transactionAt(b, index)).orElse(null);
    }

    public Map<String, Object> getTransactionByBlockHashAndIndex(String hash, String index) {
        return chain.blockByHash(Quantities.decodeHash(required(hash, "hash"), "hash"))
                .map(b -> transactionAt(b, index)).orElse(null);
    }

    public Map<String, Object> getTransactionReceipt(String hash) {
        return chain.receipt(Quantities.decodeHash(required(hash, "hash"), "hash")).map(RpcViews::receipt).orElse(null);
    }

    public List<Map<String, Object>> getLogs(JsonNode filter) {
        return logs(LogFilters.parse(filter, chain.head().number(),
                this::blockNumberOfHash));
    }

    public String getBalance(String address, String block) {
        return Quantities.encode(account(address, block).balance());
    }

    public String getTransactionCount(String address, String block) {
        if ("pending".equals(block)) {
            return Quantities.encode(pool.pendingNonce(Quantities.decodeAddress(address, "address")));
        }
        return Quantities.encode(account(address, block).nonce());
    }

    // ------------------------------------------------------------------ transactions in

    /**
     * Decodes, validates and pools a signed transaction; its hash. Refusals in go-ethereum's words.
     * As go-ethereum, a transaction without replay protection (legacy, signed without a chain id) is
     * refused unless {@code quorum.rpc.allowUnprotectedTxs}; Quorum private transactions (v = 37/38,
     * signed without a chain id by design) are not replayable elsewhere and stay accepted.
     */
    public String sendRawTransaction(String raw) {
        byte[] bytes = Quantities.decodeData(required(raw, "raw transaction"), "raw transaction");
        Transaction tx;
        try {
            tx = Transaction.decode(bytes, node.genesis().config().chainId());
        } catch (InvalidTransactionException | RlpException e) {
            throw new JsonRpcException(JsonRpcException.SERVER_ERROR, JsonRpcException.echo(e.getMessage()));
        }
        if (!settings.allowUnprotectedTxs() && tx.chainId().isEmpty() && !tx.isPrivate()) {
            throw new JsonRpcException(JsonRpcException.SERVER_ERROR,
                    "only replay-protected (EIP-155) transactions allowed over RPC");
        }
        return Hex.encode(submit(tx));
    }

    byte[] submit(Transaction tx) {
        try {
            return pool.submitFromClient(tx);
        } catch (TransactionRejectedException e) {
            throw new JsonRpcException(JsonRpcException.SERVER_ERROR, e.getMessage());
        }
    }

    // ------------------------------------------------------------------ calls

    /**
     * Runs a call on a block's state; a revert is error 3 with the revert data, as go-ethereum. Its
     * gas is capped at {@code quorum.rpc.gasCap} and its time at {@code quorum.rpc.evmTimeout}.
     */
    public String call(ExecutionDeadline deadline, TransactionArgs args, String block) {
        CallSimulator.Outcome outcome = simulate(deadline, args, block);
        if (outcome.status() == CallResult.Status.REVERT) {
            throw reverted(outcome.output());
        }
        if (!outcome.isSuccess()) {
            throw new JsonRpcException(JsonRpcException.SERVER_ERROR, outcome.error());
        }
        return Hex.encode(outcome.output());
    }

    /**
     * The least gas the transaction needs, at most the gas it gives (else the block gas limit), and
     * at most {@code quorum.rpc.gasCap}; the whole search within {@code quorum.rpc.evmTimeout}.
     */
    public String estimateGas(ExecutionDeadline deadline, TransactionArgs args, String block) {
        return Quantities.encode(estimate(deadline, args, block == null ? "latest" : block));
    }

    /**
     * The access list the transaction would want and the gas it uses with it, as go-ethereum answers:
     * {@code {accessList:[{address, storageKeys}], gasUsed, error?}}.
     */
    public Map<String, Object> createAccessList(ExecutionDeadline deadline, TransactionArgs args, String block) {
        if (args == null) {
            throw JsonRpcException.invalidParams("missing value for required argument 0: the call object");
        }
        long number = blockNumber(block == null ? "latest" : block);
        CallSimulator.AccessListResult result;
        try {
            result = calls.createAccessList(number, message(args, number), deadline.abortCheck())
                    .orElseThrow(EthApi::headerNotFound);
        } catch (CallSimulator.CallRejectedException e) {
            throw new JsonRpcException(JsonRpcException.SERVER_ERROR, e.getMessage());
        } catch (ExecutionAbortedException e) {
            throw deadline.abortedError();
        }
        List<Map<String, Object>> entries = new ArrayList<>();
        for (AccessListEntry entry : result.accessList()) {
            Map<String, Object> view = new LinkedHashMap<>();
            view.put("address", entry.address().toString());
            view.put("storageKeys", entry.storageKeys().stream().map(Hex::encode).toList());
            entries.add(view);
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("accessList", entries);
        answer.put("gasUsed", Quantities.encode(result.outcome().gasUsed()));
        if (!result.outcome().isSuccess()) {
            answer.put("error", result.outcome().status() == CallResult.Status.REVERT
                    ? "execution reverted" : result.outcome().error());
        }
        return answer;
    }

    private long estimate(ExecutionDeadline deadline, TransactionArgs args, String block) {
        long number = blockNumber(block);
        CallSimulator.Estimate estimate;
        try {
            estimate = calls.estimateGas(number, message(args, number), deadline.abortCheck())
                    .orElseThrow(EthApi::headerNotFound);
        } catch (CallSimulator.CallRejectedException e) {
            throw new JsonRpcException(JsonRpcException.SERVER_ERROR, e.getMessage());
        } catch (ExecutionAbortedException e) {
            throw deadline.abortedError();
        }
        if (!estimate.succeeded()) {
            CallSimulator.Outcome failure = estimate.failure();
            if (failure.status() == CallResult.Status.REVERT) {
                throw reverted(failure.output());
            }
            throw new JsonRpcException(JsonRpcException.SERVER_ERROR,
                    "gas required exceeds allowance (" + message(args, number).gas() + ")");
        }
        return estimate.gas();
    }

    private CallSimulator.Outcome simulate(ExecutionDeadline deadline, TransactionArgs args, String block) {
        if (args == null) {
            throw JsonRpcException.invalidParams("missing value for required argument 0: the call object");
        }
        long number = blockNumber(block == null ? "latest" : block);
        try {
            return calls.call(number, message(args, number), deadline.abortCheck()).orElseThrow(EthApi::headerNotFound);
        } catch (CallSimulator.CallRejectedException e) {
            throw new JsonRpcException(JsonRpcException.SERVER_ERROR, e.getMessage());
        } catch (ExecutionAbortedException e) {
            throw deadline.abortedError();
        }
    }

    /**
     * A call's message: the gas given, else the block's gas limit, and never more than the gas cap
     * (go-ethereum's rule: a larger request is capped, not refused).
     */
    private CallSimulator.Message message(TransactionArgs args, long number) {
        long blockGasLimit = chain.block(number).orElseThrow(EthApi::headerNotFound).header().gasLimit();
        BigInteger price = args.gasPriceValue().or(args::maxFeePerGasValue).orElse(BigInteger.ZERO);
        return new CallSimulator.Message(args.fromAddress().orElse(Address.ZERO), args.toAddress(),
                cappedGas(args.gasLimit().orElse(blockGasLimit), settings.gasCap()), price, args.valueOrZero(),
                args.payload(), args.accessListEntries());
    }

    /** {@code gas}, at most {@code cap} (0: no cap). */
    static long cappedGas(long gas, long cap) {
        return cap > 0 && gas > cap ? cap : gas;
    }

    /** go-ethereum's revert error: code 3, "execution reverted[: reason]", the revert data. */
    private static JsonRpcException reverted(byte[] output) {
        String message = TransactionResult.revertReason(output).map(r -> "execution reverted: " + r).orElse("execution reverted");
        return new JsonRpcException(JsonRpcException.EXECUTION_REVERTED, message, Hex.encode(output));
    }

    // ------------------------------------------------------------------ node-signed transactions

    /**
     * Signs with an unlocked node-managed account (defaults filled as go-ethereum) and pools it. With
     * {@code privateFor} (GoQuorum): the payload goes to the transaction manager, which returns once
     * every recipient's node stored it; the transaction then carries the payload's 64-byte hash as
     * its data and is signed as Quorum private (v = 37/38).
     */
    public String sendTransaction(ExecutionDeadline deadline, TransactionArgs args) {
        return Hex.encode(submit(signTransaction(deadline, args, true, accounts::sign)));
    }

    /**
     * Signs without sending: the raw transaction and its fields. With {@code privateFor} the data is
     * taken as the hash {@code /storeraw} gave and the transaction is signed as private, for
     * {@code eth_sendRawPrivateTransaction} (GoQuorum's external signing flow).
     */
    public Map<String, Object> signTransaction(ExecutionDeadline deadline, TransactionArgs args) {
        return signedView(signTransaction(deadline, args, false, accounts::sign));
    }

    /** What eth_signTransaction and personal_signTransaction answer: {@code {raw, tx}}. */
    static Map<String, Object> signedView(Transaction tx) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("raw", Hex.encode(tx.encoded()));
        json.put("tx", RpcViews.transaction(new StoredTransaction(tx, tx.sender(), null, 0, 0), null));
        return json;
    }

    /** Who signs a node-made transaction: an unlocked account, or one opened by a password for this signature. */
    interface AccountSigner {
        org.quorumee.core.crypto.Signature sign(Address from, byte[] hash) throws org.quorumee.node.account.AccountException;
    }

    /**
     * The transaction the arguments describe, signed; when {@code send}, defaults are filled (nonce,
     * gas) and a private payload goes to the transaction manager first.
     */
    Transaction signTransaction(ExecutionDeadline deadline, TransactionArgs args, boolean send, AccountSigner signer) {
        Transaction.Builder builder = build(deadline, args, send ? Filling.SEND : Filling.SIGN);
        Address from = args.fromAddress().orElseThrow();
        byte[] hash = builder.signingHash();
        return builder.withSignature(PersonalApi.call(() -> signer.sign(from, hash)));
    }

    /**
     * geth's {@code eth_fillTransaction}: the transaction with its defaults filled (nonce, gas, gas
     * price), unsigned, as {@code {raw, tx}}. With {@code privateFor} (GoQuorum) the payload is stored
     * for its sender ({@code /storeraw}), the data becomes its 64-byte hash and the transaction is
     * marked private (v = 37): signed elsewhere, it goes out through {@code eth_sendRawPrivateTransaction}.
     */
    public Map<String, Object> fillTransaction(ExecutionDeadline deadline, TransactionArgs args) {
        Transaction tx = build(deadline, args, Filling.FILL).unsigned();
        Map<String, Object> view = new LinkedHashMap<>(RpcViews.transaction(new StoredTransaction(tx, Address.ZERO, null, 0, 0),
                null));
        // geth shows the bare transaction: no sender (nobody signed it yet), no block
        for (String field : List.of("from", "blockHash", "blockNumber", "transactionIndex")) {
            view.remove(field);
        }
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("raw", Hex.encode(tx.encoded()));
        json.put("tx", view);
        return json;
    }

    /** How much of a node-made transaction {@link #build} prepares. */
    enum Filling {
        /** Defaults filled, a private payload sent to its recipients: to be signed and pooled. */
        SEND,
        /** As given (gas required); a private one carries the hash /storeraw gave: to be signed and returned. */
        SIGN,
        /** Defaults filled, a private payload stored for its sender only: returned unsigned. */
        FILL
    }

    /** The transaction the arguments describe, ready to sign. */
    private Transaction.Builder build(ExecutionDeadline deadline, TransactionArgs args, Filling filling) {
        boolean send = filling != Filling.SIGN;
        if (args == null) {
            throw JsonRpcException.invalidParams("missing value for required argument 0: the transaction object");
        }
        boolean isPrivate = args.isPrivate();
        Address from = args.fromAddress().orElseThrow(() -> JsonRpcException.invalidParams("from is required"));
        long chainId = node.genesis().config().chainId();
        if (args.chainId != null && Quantities.decode(args.chainId, "chainId").longValue() != chainId) {
            throw new JsonRpcException(JsonRpcException.SERVER_ERROR, "chainId does not match node's (have="
                    + Quantities.decode(args.chainId, "chainId") + ", want=" + chainId + ")");
        }
        boolean dynamicFee = args.maxFeePerGas != null || args.maxPriorityFeePerGas != null;
        if (isPrivate) {
            requirePrivatePayable(args.valueOrZero());
            if (dynamicFee) {
                throw new JsonRpcException(JsonRpcException.SERVER_ERROR,
                        "a private transaction is a legacy transaction: gasPrice, not maxFeePerGas/maxPriorityFeePerGas");
            }
        }
        long nonce = args.nonceValue().orElseGet(() -> pool.pendingNonce(from));
        long gas = args.gasLimit().orElseGet(() -> {
            if (!send) {
                throw JsonRpcException.invalidParams("gas not specified");
            }
            long estimated = estimate(deadline, args, "latest");
            if (!isPrivate) {
                return estimated;
            }
            // The transaction carries the 64-byte hash, and intrinsic gas is charged on it (at every node)
            // before the payload runs: the payload's own intrinsic gas is swapped for the hash's.
            Fork fork = nextFork();
            boolean creation = args.toAddress().isEmpty();
            return Math.max(estimated - Transaction.intrinsicGas(args.payload(), creation, args.accessListEntries(), fork), 0)
                    + hashIntrinsicGas(creation, fork);
        });
        byte[] data = args.payload();
        if (isPrivate && filling == Filling.FILL) {
            args.metadata();
            args.recipients();
            BoxPublicKey sender = args.sender().orElse(null);
            byte[] payload = data;
            if (payload.length > 0) {
                data = privacyCall(() -> privacy.storeRaw(payload, sender)).bytes();
            }
        } else if (isPrivate && send) {
            // As GoQuorum: the payload is with every recipient before the transaction exists. Every
            // private send goes through the transaction manager, so an unknown recipient is refused.
            PrivacyMetadata metadata = args.metadata();
            List<BoxPublicKey> recipients = args.recipients();
            BoxPublicKey sender = args.sender().orElse(null);
            byte[] payload = data;
            data = privacyCall(() -> privacy.send(payload, sender, recipients, metadata)).hash().bytes();
        } else if (isPrivate) {
            args.metadata();
            args.recipients();
            if (data.length != PayloadHash.LENGTH) {
                throw new JsonRpcException(JsonRpcException.SERVER_ERROR, "a private transaction signed here carries the "
                        + PayloadHash.LENGTH + "-byte hash /storeraw gave as its data, not " + data.length + " bytes");
            }
        }
        Transaction.Builder builder = Transaction.builder(dynamicFee ? TransactionType.EIP1559 : TransactionType.LEGACY)
                .nonce(nonce)
                .gasLimit(gas)
                .value(args.valueOrZero())
                .data(data);
        if (isPrivate) {
            builder.privateTransaction(true);
        } else {
            builder.chainId(chainId);
        }
        args.toAddress().ifPresent(builder::to);
        if (dynamicFee) {
            builder.maxFeePerGas(args.maxFeePerGasValue().orElse(BigInteger.ZERO))
                    .maxPriorityFeePerGas(args.maxPriorityFeePerGasValue().orElse(BigInteger.ZERO))
                    .accessList(args.accessListEntries());
        } else {
            builder.gasPrice(args.gasPriceValue().orElse(BigInteger.ZERO));
        }
        return builder;
    }

    /** The most intrinsic gas a transaction carrying a payload hash (64 bytes, none zero) needs. */
    private static long hashIntrinsicGas(boolean contractCreation, Fork fork) {
        byte[] hash = new byte[PayloadHash.LENGTH];
        java.util.Arrays.fill(hash, (byte) 1);
        return Transaction.intrinsicGas(hash, contractCreation, List.of(), fork);
    }

    /** The fork of the next block. */
    private Fork nextFork() {
        BlockHeader head = chain.block(chain.head().number()).orElseThrow(EthApi::headerNotFound).header();
        return node.genesis().config().forkAt(head.number() + 1, head.timestamp());
    }

    /** GoQuorum's refusal of value in a private transaction. */
    private static void requirePrivatePayable(BigInteger value) {
        if (value.signum() != 0) {
            throw new JsonRpcException(JsonRpcException.SERVER_ERROR, "ether value is not supported for private transactions");
        }
    }

    /**
     * GoQuorum's {@code eth_sendRawPrivateTransaction(raw, {privateFor})}: the raw transaction, signed
     * elsewhere without a chain id, carries the hash {@code /storeraw} gave; the payload goes to every
     * recipient (Tessera's {@code /sendsignedtx}), then the transaction, marked private (v = 37/38, as
     * web3js-quorum's {@code setPrivate}), is pooled. Its hash.
     */
    public String sendRawPrivateTransaction(String raw, PrivateTxArgs args) {
        byte[] bytes = Quantities.decodeData(required(raw, "raw transaction"), "raw transaction");
        if (args == null || !args.isPrivate()) {
            throw new JsonRpcException(JsonRpcException.SERVER_ERROR, "transaction is not private: privateFor is required");
        }
        Transaction tx;
        try {
            tx = Transaction.decode(bytes, node.genesis().config().chainId()).asPrivate();
        } catch (InvalidTransactionException | RlpException e) {
            throw new JsonRpcException(JsonRpcException.SERVER_ERROR, JsonRpcException.echo(e.getMessage()));
        }
        requirePrivatePayable(tx.value());
        if (tx.data().length != PayloadHash.LENGTH) {
            throw new JsonRpcException(JsonRpcException.SERVER_ERROR, "a private transaction's data is the "
                    + PayloadHash.LENGTH + "-byte hash /storeraw gave, not " + tx.data().length + " bytes");
        }
        PrivacyMetadata metadata = args.metadata();
        List<BoxPublicKey> recipients = args.recipients();
        privacyCall(() -> privacy.sendSignedTransaction(PayloadHash.of(tx.data()), recipients, metadata));
        return Hex.encode(submit(tx));
    }

    /**
     * GoQuorum's {@code eth_getQuorumPayload}: the private payload of a 64-byte hash, opened by this
     * node, or {@code 0x} when it is not a party.
     */
    public String getQuorumPayload(String digest) {
        byte[] bytes = Quantities.decodeData(required(digest, "digest"), "digest");
        if (bytes.length != PayloadHash.LENGTH) {
            throw new JsonRpcException(JsonRpcException.SERVER_ERROR,
                    "Expected a Quorum digest of length " + PayloadHash.LENGTH + ", but got " + bytes.length);
        }
        return privacyCall(() -> privacy.receive(PayloadHash.of(bytes), null))
                .map(p -> Hex.encode(p.plaintext())).orElse("0x");
    }

    /** A transaction manager call; its refusals (unknown party, a recipient down, bad payload) in its words. */
    private static <T> T privacyCall(java.util.function.Supplier<T> call) {
        try {
            return call.get();
        } catch (JsonRpcException e) {
            throw e;
        } catch (RuntimeException e) {
            Throwable cause = e instanceof jakarta.ejb.EJBException && e.getCause() != null ? e.getCause() : e;
            throw new JsonRpcException(JsonRpcException.SERVER_ERROR, String.valueOf(cause.getMessage()));
        }
    }

    /** Quorum's default: gas is free; a chain that enables gas prices answers its base fee. */
    public String gasPrice() {
        return Quantities.encode(chain.nextBaseFee());
    }

    public String maxPriorityFeePerGas() {
        return Quantities.encode(0);
    }

    /**
     * Base fees and gas used ratios of the last {@code blockCount} blocks up to {@code newestBlock}
     * (at most 1024), and the next block's base fee; rewards at the asked percentiles are zero
     * (Quorum charges no priority fee by default).
     */
    public Map<String, Object> feeHistory(String blockCount, String newestBlock, List<Double> rewardPercentiles) {
        long count = Math.min(1024, Quantities.decode(required(blockCount, "blockCount"), "blockCount").longValue());
        long newest = BlockTags.resolve(required(newestBlock, "newestBlock"), chain.head().number());
        if (newest > chain.head().number()) {
            throw new JsonRpcException(JsonRpcException.SERVER_ERROR, "request beyond head block");
        }
        long oldest = Math.max(0, newest - count + 1);
        List<String> baseFees = new ArrayList<>();
        List<Double> gasUsedRatio = new ArrayList<>();
        List<List<String>> rewards = new ArrayList<>();
        for (long n = oldest; n <= newest; n++) {
            BlockHeader header = chain.block(n).orElseThrow().header();
            baseFees.add(Quantities.encode(header.baseFee().orElse(BigInteger.ZERO)));
            gasUsedRatio.add(header.gasLimit() == 0 ? 0.0 : (double) header.gasUsed() / header.gasLimit());
            if (rewardPercentiles != null) {
                rewards.add(rewardPercentiles.stream().map(p -> "0x0").toList());
            }
        }
        baseFees.add(Quantities.encode(newest == chain.head().number() ? chain.nextBaseFee()
                : chain.block(newest + 1).orElseThrow().header().baseFee().orElse(BigInteger.ZERO)));
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("oldestBlock", Quantities.encode(oldest));
        json.put("baseFeePerGas", baseFees);
        json.put("gasUsedRatio", gasUsedRatio);
        if (rewardPercentiles != null) {
            json.put("reward", rewards);
        }
        return json;
    }

    public String getCode(String address, String block) {
        return Hex.encode(state.code(blockNumber(block), Quantities.decodeAddress(address, "address"))
                .orElseThrow(EthApi::headerNotFound));
    }

    public String getStorageAt(String address, String slot, String block) {
        BigInteger value = state.storage(blockNumber(block), Quantities.decodeAddress(address, "address"), slot(slot))
                .orElseThrow(EthApi::headerNotFound);
        return Hex.encode(word(value));
    }

    /**
     * GoQuorum's {@code eth_storageRoot(address, block?)}: the storage root of the account in this
     * node's private state when it lives there (a contract this node is a party to), else in the public
     * state; GoQuorum's error when the account exists in neither. Parties of a private contract answer
     * the same root, other nodes another (or the error).
     */
    public String storageRoot(String address, String block) {
        long number = blockNumber(block == null ? "latest" : block);
        if (chain.header(number).isEmpty()) {
            throw headerNotFound();
        }
        return state.storageRoot(number, Quantities.decodeAddress(required(address, "address"), "address")).map(Hex::encode)
                .orElseThrow(() -> new JsonRpcException(JsonRpcException.SERVER_ERROR, "can't find state object"));
    }

    public Map<String, Object> getProof(String address, List<String> slots, String block) {
        List<byte[]> keys = slots == null ? List.of() : slots.stream().map(EthApi::slot).toList();
        StateQuery.AccountProof proof = state.proof(blockNumber(block), Quantities.decodeAddress(address, "address"), keys)
                .orElseThrow(EthApi::headerNotFound);
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("address", proof.address().toString());
        json.put("accountProof", proof.accountProof().stream().map(Hex::encode).toList());
        json.put("balance", Quantities.encode(proof.account().balance()));
        json.put("codeHash", Hex.encode(proof.account().codeHash()));
        json.put("nonce", Quantities.encode(proof.account().nonce()));
        json.put("storageHash", Hex.encode(proof.account().storageRoot()));
        List<Map<String, Object>> storage = new ArrayList<>();
        for (StateQuery.StorageProof slotProof : proof.storageProofs()) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("key", Hex.encode(slotProof.key()));
            entry.put("value", Quantities.encode(slotProof.value()));
            entry.put("proof", slotProof.proof().stream().map(Hex::encode).toList());
            storage.add(entry);
        }
        json.put("storageProof", storage);
        return json;
    }

    private StateAccount account(String address, String block) {
        return state.account(blockNumber(block), Quantities.decodeAddress(address, "address"))
                .orElseThrow(EthApi::headerNotFound);
    }

    private long blockNumber(String block) {
        return BlockTags.resolve(block, chain.head().number());
    }

    /** A storage slot parameter: a quantity or data of up to 32 bytes, as a 32-byte key. */
    private static byte[] slot(String text) {
        if (text == null) {
            throw JsonRpcException.invalidParams("missing value for required argument: storage slot");
        }
        byte[] raw = Quantities.decodeData(text.length() % 2 == 1 ? "0x0" + text.substring(2) : text, "storage slot");
        if (raw.length > 32) {
            throw JsonRpcException.invalidParams("storage slot: more than 32 bytes");
        }
        byte[] slot = new byte[32];
        System.arraycopy(raw, 0, slot, 32 - raw.length, raw.length);
        return slot;
    }

    private static byte[] word(BigInteger value) {
        byte[] raw = value.toByteArray();
        byte[] word = new byte[32];
        int length = Math.min(raw.length, 32);
        System.arraycopy(raw, raw.length - length, word, 32 - length, length);
        return word;
    }

    /** go-ethereum's answer for a state query at a block it does not have. */
    private static JsonRpcException headerNotFound() {
        return new JsonRpcException(JsonRpcException.SERVER_ERROR, "header not found");
    }

    // ------------------------------------------------------------------ filters and subscriptions

    public String newFilter(JsonNode filter) {
        return filters.newFilter(FilterManager.Kind.LOGS, filterQuery(filter, Long.MAX_VALUE));
    }

    public String newBlockFilter() {
        return filters.newFilter(FilterManager.Kind.BLOCKS, null);
    }

    public String newPendingTransactionFilter() {
        return filters.newFilter(FilterManager.Kind.PENDING_TRANSACTIONS, null);
    }

    public List<Object> getFilterChanges(String id) {
        return filters.changes(id);
    }

    public List<Map<String, Object>> getFilterLogs(String id) {
        LogQuery criteria = filters.logCriteria(id);
        long head = chain.head().number();
        return logs(new LogQuery(criteria.fromBlock(), Math.min(criteria.toBlock(), head),
                criteria.addresses(), criteria.topics()));
    }

    public boolean uninstallFilter(String id) {
        return filters.uninstall(id);
    }

    /** WebSocket only: "newHeads", "logs" (with a filter object), "newPendingTransactions". */
    public String subscribe(JsonRpcSession session, String kind, JsonNode filter) {
        if (kind == null) {
            throw JsonRpcException.invalidParams("missing value for required argument 0: subscription name");
        }
        return switch (kind) {
            case "newHeads" -> filters.subscribe(session, FilterManager.Kind.BLOCKS, null);
            case "newPendingTransactions" -> filters.subscribe(session, FilterManager.Kind.PENDING_TRANSACTIONS, null);
            case "logs" -> filters.subscribe(session, FilterManager.Kind.LOGS,
                    filterQuery(filter == null ? JsonNodeFactory.instance.objectNode() : filter, Long.MAX_VALUE));
            default -> throw new JsonRpcException(JsonRpcException.METHOD_NOT_FOUND,
                    "no \"" + JsonRpcException.echo(kind) + "\" subscription in eth namespace");
        };
    }

    public boolean unsubscribe(JsonRpcSession session, String id) {
        return filters.unsubscribe(session, id);
    }

    /**
     * A filter's criteria; its block range is kept open-ended ("latest" = every future block) for
     * filters and subscriptions that watch new blocks.
     */
    private LogQuery filterQuery(JsonNode filter, long openEnd) {
        LogQuery query = LogFilters.parse(filter, openEnd,
                this::blockNumberOfHash);
        boolean fromLatest = filter == null || !filter.hasNonNull("fromBlock") || "latest".equals(filter.path("fromBlock").asText());
        long from = fromLatest ? chain.head().number() + 1 : query.fromBlock();
        return new LogQuery(from, query.toBlock(), query.addresses(), query.topics());
    }

    /** The number of the stored block with {@code hash}, or null (a filter's blockHash). */
    private Long blockNumberOfHash(byte[] hash) {
        return chain.blockByHash(hash).map(b -> b.header().number()).orElse(null);
    }

    private List<Map<String, Object>> logs(LogQuery query) {
        try {
            return chain.logs(query).stream().map(RpcViews::log).toList();
        } catch (QueryLimitException e) {
            throw new JsonRpcException(JsonRpcException.LIMIT_EXCEEDED, e.getMessage());
        }
    }

    private Map<String, Object> transactionAt(StoredBlock block, String index) {
        BigInteger i = Quantities.decode(required(index, "index"), "index");
        if (i.compareTo(BigInteger.valueOf(block.transactions().size())) >= 0) {
            return null;
        }
        return RpcViews.transaction(block.transactions().get(i.intValue()), block.header().baseFee().orElse(null));
    }

    private BigInteger baseFeeOf(long blockNumber) {
        return chain.block(blockNumber).flatMap(b -> b.header().baseFee()).orElse(null);
    }

    private static String required(String value, String what) {
        if (value == null) {
            throw JsonRpcException.invalidParams("missing value for required argument: " + what);
        }
        return value;
    }

    /** False: a node imports only blocks consensus has finalised and does not sync from a remote head. */
    public Object syncing() {
        return Boolean.FALSE;
    }
}
