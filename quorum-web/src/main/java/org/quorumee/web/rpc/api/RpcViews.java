package org.quorumee.web.rpc.api;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.quorumee.core.bytes.Hex;
import org.quorumee.core.chain.BlockHeader;
import org.quorumee.core.tx.AccessListEntry;
import org.quorumee.core.tx.Transaction;
import org.quorumee.core.tx.TransactionType;
import org.quorumee.core.types.Address;
import org.quorumee.core.types.Log;
import org.quorumee.node.chain.StoredBlock;
import org.quorumee.node.chain.StoredLog;
import org.quorumee.node.chain.StoredReceipt;
import org.quorumee.node.chain.StoredTransaction;
import org.quorumee.web.rpc.Quantities;

/** Blocks, transactions, receipts and logs as go-ethereum's JSON-RPC writes them (field names, hex forms). */
public final class RpcViews {
    private RpcViews() {
    }

    /** A block's header fields (newHeads notifications carry these alone). */
    public static Map<String, Object> header(StoredBlock block) {
        BlockHeader h = block.header();
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("number", Quantities.encode(h.number()));
        json.put("hash", Hex.encode(block.hash()));
        json.put("parentHash", Hex.encode(h.parentHash()));
        json.put("nonce", String.format("0x%016x", h.nonce()));
        json.put("mixHash", Hex.encode(h.mixHash()));
        json.put("sha3Uncles", Hex.encode(h.ommersHash()));
        json.put("logsBloom", Hex.encode(h.logsBloom().toArray()));
        json.put("transactionsRoot", Hex.encode(h.transactionsRoot()));
        json.put("stateRoot", Hex.encode(h.stateRoot()));
        json.put("receiptsRoot", Hex.encode(h.receiptsRoot()));
        json.put("miner", h.coinbase().toString());
        json.put("difficulty", Quantities.encode(h.difficulty()));
        json.put("totalDifficulty", Quantities.encode(h.difficulty()));
        json.put("extraData", Hex.encode(h.extraData()));
        json.put("gasLimit", Quantities.encode(h.gasLimit()));
        json.put("gasUsed", Quantities.encode(h.gasUsed()));
        json.put("timestamp", Quantities.encode(h.timestamp()));
        h.baseFee().ifPresent(fee -> json.put("baseFeePerGas", Quantities.encode(fee)));
        h.withdrawalsRoot().ifPresent(root -> json.put("withdrawalsRoot", Hex.encode(root)));
        h.blobGasUsed().ifPresent(gas -> json.put("blobGasUsed", Quantities.encode(gas)));
        h.excessBlobGas().ifPresent(gas -> json.put("excessBlobGas", Quantities.encode(gas)));
        h.parentBeaconBlockRoot().ifPresent(root -> json.put("parentBeaconBlockRoot", Hex.encode(root)));
        return json;
    }

    public static Map<String, Object> block(StoredBlock block, boolean fullTransactions) {
        BlockHeader h = block.header();
        Map<String, Object> json = header(block);
        json.put("size", Quantities.encode(block.size()));
        List<Object> transactions = new ArrayList<>();
        for (StoredTransaction tx : block.transactions()) {
            transactions.add(fullTransactions ? transaction(tx, h.baseFee().orElse(null)) : Hex.encode(tx.transaction().hash()));
        }
        json.put("transactions", transactions);
        json.put("uncles", List.of());
        if (h.withdrawalsRoot().isPresent()) {
            json.put("withdrawals", List.of());
        }
        return json;
    }

    /** A mined transaction; {@code baseFee} of its block gives a dynamic-fee transaction's price paid. */
    public static Map<String, Object> transaction(StoredTransaction stored, BigInteger baseFee) {
        Transaction tx = stored.transaction();
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("blockHash", stored.blockHash() == null ? null : Hex.encode(stored.blockHash()));
        json.put("blockNumber", stored.blockHash() == null ? null : Quantities.encode(stored.blockNumber()));
        json.put("from", stored.sender().toString());
        json.put("gas", Quantities.encode(tx.gasLimit()));
        boolean dynamicFee = tx.type() == TransactionType.EIP1559 || tx.type() == TransactionType.BLOB;
        json.put("gasPrice", Quantities.encode(dynamicFee && baseFee != null ? tx.effectiveGasPrice(baseFee) : tx.gasPrice()));
        if (dynamicFee) {
            json.put("maxFeePerGas", Quantities.encode(tx.maxFeePerGas()));
            json.put("maxPriorityFeePerGas", Quantities.encode(tx.maxPriorityFeePerGas()));
        }
        json.put("hash", Hex.encode(tx.hash()));
        json.put("input", Hex.encode(tx.data()));
        json.put("nonce", Quantities.encode(tx.nonce()));
        json.put("to", tx.to().map(Address::toString).orElse(null));
        json.put("transactionIndex", stored.blockHash() == null ? null : Quantities.encode(stored.index()));
        json.put("value", Quantities.encode(tx.value()));
        json.put("type", typeCode(tx));
        if (tx.type() != TransactionType.LEGACY) {
            json.put("accessList", accessList(tx.accessList()));
        }
        tx.chainId().ifPresent(id -> json.put("chainId", Quantities.encode(id)));
        json.put("v", Quantities.encode(tx.v()));
        json.put("r", Quantities.encode(tx.signature().r()));
        json.put("s", Quantities.encode(tx.signature().s()));
        if (tx.type() != TransactionType.LEGACY) {
            json.put("yParity", Quantities.encode(tx.signature().recId()));
        }
        return json;
    }

    private static List<Map<String, Object>> accessList(List<AccessListEntry> entries) {
        List<Map<String, Object>> list = new ArrayList<>();
        for (AccessListEntry entry : entries) {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("address", entry.address().toString());
            json.put("storageKeys", entry.storageKeys().stream().map(Hex::encode).toList());
            list.add(json);
        }
        return list;
    }

    public static Map<String, Object> receipt(StoredReceipt stored) {
        StoredTransaction tx = stored.transaction();
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("blockHash", Hex.encode(tx.blockHash()));
        json.put("blockNumber", Quantities.encode(tx.blockNumber()));
        json.put("contractAddress", stored.contractAddress() == null ? null : stored.contractAddress().toString());
        json.put("cumulativeGasUsed", Quantities.encode(stored.receipt().cumulativeGasUsed()));
        json.put("effectiveGasPrice", Quantities.encode(stored.effectiveGasPrice()));
        json.put("from", tx.sender().toString());
        json.put("gasUsed", Quantities.encode(stored.gasUsed()));
        List<Map<String, Object>> logs = new ArrayList<>();
        int logIndex = stored.firstLogIndex();
        for (Log log : stored.receipt().logs()) {
            logs.add(log(new StoredLog(log, tx.blockNumber(), tx.blockHash(), tx.transaction().hash(), tx.index(), logIndex++)));
        }
        json.put("logs", logs);
        json.put("logsBloom", Hex.encode(stored.receipt().bloom().toArray()));
        json.put("status", stored.receipt().success() ? "0x1" : "0x0");
        json.put("to", tx.transaction().to().map(Address::toString).orElse(null));
        json.put("transactionHash", Hex.encode(tx.transaction().hash()));
        json.put("transactionIndex", Quantities.encode(tx.index()));
        json.put("type", typeCode(tx.transaction()));
        if (stored.revertReason() != null) {
            json.put("revertReason", Hex.encode(stored.revertReason()));
        }
        return json;
    }

    public static Map<String, Object> log(StoredLog stored) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("address", stored.log().address().toString());
        json.put("topics", stored.log().topics().stream().map(Hex::encode).toList());
        json.put("data", Hex.encode(stored.log().data()));
        json.put("blockNumber", Quantities.encode(stored.blockNumber()));
        json.put("transactionHash", Hex.encode(stored.transactionHash()));
        json.put("transactionIndex", Quantities.encode(stored.transactionIndex()));
        json.put("blockHash", Hex.encode(stored.blockHash()));
        json.put("logIndex", Quantities.encode(stored.logIndex()));
        json.put("removed", false);
        return json;
    }

    /** The "type" field: the envelope byte, 0x0 for legacy (and Quorum private) transactions. */
    private static String typeCode(Transaction tx) {
        return Quantities.encode(Math.max(0, tx.type().typeByte()));
    }
}
