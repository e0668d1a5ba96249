package org.quorumee.web.rpc.api;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.quorumee.core.bytes.Hex;
import org.quorumee.core.chain.StateQuery;
import org.quorumee.core.crypto.Keccak;
import org.quorumee.core.state.StateAccount;
import org.quorumee.core.types.Address;
import org.quorumee.node.NodeService;
import org.quorumee.node.account.AccountManager;
import org.quorumee.node.chain.ChainService;
import org.quorumee.node.chain.LogQuery;
import org.quorumee.node.chain.QueryLimitException;
import org.quorumee.node.chain.StateService;
import org.quorumee.node.chain.StoredBlock;
import org.quorumee.web.rpc.BlockTags;
import org.quorumee.web.rpc.JsonRpcException;
import org.quorumee.web.rpc.JsonRpcNamespace;
import org.quorumee.web.rpc.Quantities;

/** The eth namespace. */
@ApplicationScoped
public class EthApi implements JsonRpcNamespace {

    @EJB
    NodeService node;

    @EJB
    ChainService chain;

    @EJB
    AccountManager accounts;

    @EJB
    StateService state;

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

    /**
     * Signs {@code keccak256("\x19Ethereum Signed Message:\n" + len(data) + data)} with an unlocked
     * account: 65 bytes r || s || v, v = 27 or 28 (as go-ethereum's eth_sign).
     */
    public String sign(String address, String data) {
        Address account = Quantities.decodeAddress(address, "address");
        byte[] message = Quantities.decodeData(data, "data");
        byte[] prefix = ("\u0019Ethereum Signed Message:\n" + message.length).getBytes(StandardCharsets.UTF_8);
        byte[] prefixed = new byte[prefix.length + message.length];
        System.arraycopy(prefix, 0, prefixed, 0, prefix.length);
        System.arraycopy(message, 0, prefixed, prefix.length, message.length);
        byte[] signature = PersonalApi.call(() -> accounts.sign(account, Keccak.keccak256(prefixed))).toBytes();
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

    public Map<String, Object> getTransactionByHash(String hash) {
        return chain.transaction(Quantities.decodeHash(required(hash, "hash"), "hash"))
                .map(tx -> RpcViews.transaction(tx, baseFeeOf(tx.blockNumber()))).orElse(null);
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
        LogQuery query = LogFilters.parse(filter, chain.head().number(),
                hash -> chain.blockByHash(hash).map(b -> b.header().number()).orElse(null));
        try {
            return chain.logs(query).stream().map(RpcViews::log).toList();
        } catch (QueryLimitException e) {
            throw new JsonRpcException(JsonRpcException.LIMIT_EXCEEDED, e.getMessage());
        }
    }

    public String getBalance(String address, String block) {
        return Quantities.encode(account(address, block).balance());
    }

    public String getTransactionCount(String address, String block) {
        return Quantities.encode(account(address, block).nonce());
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
