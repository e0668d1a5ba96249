package org.quorumee.it.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.math.BigInteger;
import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.web3j.abi.EventEncoder;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.FunctionReturnDecoder;
import org.web3j.abi.TypeReference;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.Event;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.Type;
import org.web3j.abi.datatypes.Utf8String;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.Keys;
import org.web3j.crypto.RawTransaction;
import org.web3j.crypto.TransactionEncoder;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameter;
import org.web3j.protocol.core.Response;
import org.web3j.protocol.core.methods.request.EthFilter;
import org.web3j.protocol.core.methods.request.Transaction;
import org.web3j.protocol.core.methods.response.EthLog;
import org.web3j.protocol.core.methods.response.Log;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.protocol.exceptions.TransactionException;
import org.web3j.protocol.http.HttpService;
import org.web3j.tx.response.PollingTransactionReceiptProcessor;
import org.web3j.utils.Numeric;

/**
 * web3j as a real client of a node: deploys and uses the test contracts from a fresh key (signed by
 * the client, zero balance, gas price 0) and from the node-managed dev account (eth_sendTransaction),
 * checks receipts, eth_call and eth_getLogs, and takes a {@link Snapshot} of everything it made, read
 * at one block, so that the same reads can be compared after the node restarts.
 */
public final class Web3jContractScenario {
    /** The default network's funded account, unlocked at start (wildfly-config/src/main/network). */
    public static final String DEV_ACCOUNT = "0xeff92eb5856df59f8e0ba5fd9ab80ecdb3ae5fcf";

    private static final BigInteger GAS_PRICE = BigInteger.ZERO;
    private static final BigInteger DEPLOY_GAS = BigInteger.valueOf(3_000_000);
    private static final BigInteger CALL_GAS = BigInteger.valueOf(200_000);
    private static final BigInteger SUPPLY = BigInteger.TEN.pow(24);

    private static final Event VALUE_CHANGED = new Event("ValueChanged", List.of(
            new TypeReference<Address>(true) { }, new TypeReference<Uint256>() { }, new TypeReference<Uint256>() { }));
    private static final Event TRANSFER = new Event("Transfer", List.of(
            new TypeReference<Address>(true) { }, new TypeReference<Address>(true) { }, new TypeReference<Uint256>() { }));

    /** What the scenario made and read, all at {@code block}; equal before and after a restart. */
    public record Snapshot(BigInteger block, String blockHash, String storage, String token, List<String> accounts,
                           BigInteger storedValue, String storageSlot0, String storageCode, Map<String, BigInteger> tokenBalances,
                           List<TransactionReceipt> receipts, List<Log> valueChangedLogs, List<Log> transferLogs) {
    }

    private final Web3j web3j;
    private final PollingTransactionReceiptProcessor receipts;
    private final long chainId;

    private Web3jContractScenario(URI node) throws IOException {
        this.web3j = Web3j.build(new HttpService(node.toString()));
        this.receipts = new PollingTransactionReceiptProcessor(web3j, 100, 600);
        this.chainId = web3j.ethChainId().send().getChainId().longValueExact();
    }

    /** Runs the whole scenario against {@code node}, asserting as it goes; returns what it made. */
    public static Snapshot exercise(URI node) throws Exception {
        Web3jContractScenario scenario = new Web3jContractScenario(node);
        try {
            return scenario.run();
        } finally {
            scenario.web3j.shutdown();
        }
    }

    /** Reads everything in {@code before} again (at its block) and asserts it is unchanged. */
    public static void assertReadsBack(URI node, Snapshot before) throws Exception {
        Web3jContractScenario scenario = new Web3jContractScenario(node);
        try {
            BigInteger head = scenario.web3j.ethBlockNumber().send().getBlockNumber();
            assertTrue(head.compareTo(before.block()) >= 0, "head " + head + " is behind " + before.block());
            List<String> hashes = before.receipts().stream().map(TransactionReceipt::getTransactionHash).toList();
            Snapshot after = scenario.snapshot(before.block(), before.storage(), before.token(), before.accounts(), hashes);
            assertEquals(before, after);
        } finally {
            scenario.web3j.shutdown();
        }
    }

    private Snapshot run() throws Exception {
        Credentials fresh = Credentials.create(Keys.createEcKeyPair());
        String third = Credentials.create(Keys.createEcKeyPair()).getAddress();
        assertEquals(BigInteger.ZERO, web3j.ethGetBalance(fresh.getAddress(), DefaultBlockParameter.valueOf("latest")).send().getBalance());
        List<String> hashes = new ArrayList<>();

        // SimpleStorage: deployed and set by the fresh key, signed here (EIP-155, gas price 0).
        ContractArtifact simpleStorage = ContractArtifact.load("SimpleStorage");
        String deployData = simpleStorage.bin() + FunctionEncoder.encodeConstructor(List.of(new Uint256(7)));
        TransactionReceipt deployed = sendSigned(fresh, BigInteger.ZERO, null, deployData, DEPLOY_GAS);
        hashes.add(deployed.getTransactionHash());
        assertTrue(deployed.isStatusOK(), deployed.toString());
        String storage = deployed.getContractAddress();
        assertEquals(org.web3j.crypto.ContractUtils.generateContractAddress(fresh.getAddress(), BigInteger.ZERO), storage);
        assertTrue(deployed.getGasUsed().signum() > 0);
        assertTrue(deployed.getLogs().isEmpty());
        assertTrue(Numeric.hexStringToByteArray(web3j.ethGetCode(storage, latest()).send().getCode()).length > 0);
        assertEquals(BigInteger.valueOf(7), callUint(storage, "get"));

        String setData = FunctionEncoder.encode(new Function("set", List.of(new Uint256(42)), List.of()));
        BigInteger estimate = check(web3j.ethEstimateGas(Transaction.createEthCallTransaction(fresh.getAddress(), storage, setData)).send())
                .getAmountUsed();
        TransactionReceipt set = sendSigned(fresh, BigInteger.ONE, storage, setData, CALL_GAS);
        hashes.add(set.getTransactionHash());
        assertTrue(set.isStatusOK(), set.toString());
        assertTrue(estimate.compareTo(set.getGasUsed()) >= 0, "estimate " + estimate + " < used " + set.getGasUsed());
        assertEquals(BigInteger.valueOf(42), callUint(storage, "get"));
        assertEquals(1, set.getLogs().size());
        Log changed = set.getLogs().get(0);
        assertEquals(storage, changed.getAddress());
        assertEquals(List.of(EventEncoder.encode(VALUE_CHANGED), topic(fresh.getAddress())), changed.getTopics());
        assertEquals(List.of(BigInteger.valueOf(7), BigInteger.valueOf(42)), uints(changed.getData()));
        List<Log> found = logs(new EthFilter(block(deployed), latest(), storage)
                .addSingleTopic(EventEncoder.encode(VALUE_CHANGED)).addSingleTopic(topic(fresh.getAddress())));
        assertEquals(1, found.size());
        assertEquals(set.getTransactionHash(), found.get(0).getTransactionHash());
        assertEquals(changed.getData(), found.get(0).getData());

        // QuorumToken: deployed by the node-managed dev account (eth_sendTransaction), then moved around.
        ContractArtifact quorumToken = ContractArtifact.load("QuorumToken");
        String tokenData = quorumToken.bin() + FunctionEncoder.encodeConstructor(
                List.of(new Utf8String("Quorum Token"), new Utf8String("QEE"), new Uint256(SUPPLY)));
        TransactionReceipt tokenDeployed = sendManaged(null, tokenData, DEPLOY_GAS);
        hashes.add(tokenDeployed.getTransactionHash());
        assertTrue(tokenDeployed.isStatusOK(), tokenDeployed.toString());
        String token = tokenDeployed.getContractAddress();
        assertNotNull(token);
        assertEquals(1, tokenDeployed.getLogs().size(), "the mint's Transfer");
        assertEquals(SUPPLY, callUint(token, "totalSupply"));
        assertEquals("QEE", FunctionReturnDecoder.decode(call(token, function("symbol", List.of(), new TypeReference<Utf8String>() { })),
                function("symbol", List.of(), new TypeReference<Utf8String>() { }).getOutputParameters()).get(0).getValue());

        TransactionReceipt toFresh = sendManaged(token, encode("transfer", new Address(fresh.getAddress()), new Uint256(100)), CALL_GAS);
        TransactionReceipt toThird = sendSigned(fresh, BigInteger.TWO, token, encode("transfer", new Address(third), new Uint256(30)), CALL_GAS);
        TransactionReceipt approve = sendSigned(fresh, BigInteger.valueOf(3), token, encode("approve", new Address(DEV_ACCOUNT), new Uint256(20)), CALL_GAS);
        TransactionReceipt pulled = sendManaged(token,
                encode("transferFrom", new Address(fresh.getAddress()), new Address(third), new Uint256(5)), CALL_GAS);
        for (TransactionReceipt receipt : List.of(toFresh, toThird, approve, pulled)) {
            assertTrue(receipt.isStatusOK(), receipt.toString());
            assertEquals(1, receipt.getLogs().size(), receipt.toString());
            hashes.add(receipt.getTransactionHash());
        }
        // Beyond the allowance: the call reverts, and nothing moves.
        String overdraft = encode("transferFrom", new Address(fresh.getAddress()), new Address(third), new Uint256(16));
        assertTrue(web3j.ethCall(Transaction.createEthCallTransaction(DEV_ACCOUNT, token, overdraft), latest()).send().isReverted());

        assertEquals(SUPPLY.subtract(BigInteger.valueOf(100)), balanceOf(token, DEV_ACCOUNT));
        assertEquals(BigInteger.valueOf(65), balanceOf(token, fresh.getAddress()));
        assertEquals(BigInteger.valueOf(35), balanceOf(token, third));
        assertEquals(BigInteger.valueOf(15), callUint(token, "allowance", new Address(fresh.getAddress()), new Address(DEV_ACCOUNT)));

        List<Log> transfers = logs(new EthFilter(block(tokenDeployed), latest(), token).addSingleTopic(EventEncoder.encode(TRANSFER)));
        assertEquals(List.of(
                        List.of(topic("0x0000000000000000000000000000000000000000"), topic(DEV_ACCOUNT), SUPPLY),
                        List.of(topic(DEV_ACCOUNT), topic(fresh.getAddress()), BigInteger.valueOf(100)),
                        List.of(topic(fresh.getAddress()), topic(third), BigInteger.valueOf(30)),
                        List.of(topic(fresh.getAddress()), topic(third), BigInteger.valueOf(5))),
                transfers.stream().map(l -> List.of(l.getTopics().get(1), l.getTopics().get(2), uints(l.getData()).get(0))).toList());

        BigInteger head = web3j.ethBlockNumber().send().getBlockNumber();
        return snapshot(head, storage, token, List.of(DEV_ACCOUNT, fresh.getAddress(), third), hashes);
    }

    private Snapshot snapshot(BigInteger at, String storage, String token, List<String> accounts, List<String> hashes) throws Exception {
        DefaultBlockParameter block = DefaultBlockParameter.valueOf(at);
        String blockHash = web3j.ethGetBlockByNumber(block, false).send().getBlock().getHash();
        BigInteger stored = uint(web3j.ethCall(Transaction.createEthCallTransaction(null, storage,
                encode("get")), block).send().getValue());
        String slot0 = web3j.ethGetStorageAt(storage, BigInteger.ZERO, block).send().getData();
        String code = web3j.ethGetCode(storage, block).send().getCode();
        Map<String, BigInteger> balances = new LinkedHashMap<>();
        for (String account : accounts) {
            balances.put(account, uint(web3j.ethCall(Transaction.createEthCallTransaction(null, token,
                    encode("balanceOf", new Address(account))), block).send().getValue()));
        }
        List<TransactionReceipt> storedReceipts = new ArrayList<>();
        for (String hash : hashes) {
            storedReceipts.add(web3j.ethGetTransactionReceipt(hash).send().getTransactionReceipt().orElseThrow());
        }
        DefaultBlockParameter genesis = DefaultBlockParameter.valueOf(BigInteger.ZERO);
        List<Log> changed = logs(new EthFilter(genesis, block, storage).addSingleTopic(EventEncoder.encode(VALUE_CHANGED)));
        List<Log> transfers = logs(new EthFilter(genesis, block, token).addSingleTopic(EventEncoder.encode(TRANSFER)));
        return new Snapshot(at, blockHash, storage, token, accounts, stored, slot0, code, balances, storedReceipts, changed, transfers);
    }

    private TransactionReceipt sendSigned(Credentials from, BigInteger nonce, String to, String data, BigInteger gas) throws Exception {
        RawTransaction raw = to == null
                ? RawTransaction.createContractTransaction(nonce, GAS_PRICE, gas, BigInteger.ZERO, data)
                : RawTransaction.createTransaction(nonce, GAS_PRICE, gas, to, BigInteger.ZERO, data);
        String signed = Numeric.toHexString(TransactionEncoder.signMessage(raw, chainId, from));
        return await(check(web3j.ethSendRawTransaction(signed).send()).getTransactionHash());
    }

    private TransactionReceipt sendManaged(String to, String data, BigInteger gas) throws Exception {
        Transaction tx = to == null
                ? Transaction.createContractTransaction(DEV_ACCOUNT, null, GAS_PRICE, gas, BigInteger.ZERO, data)
                : Transaction.createFunctionCallTransaction(DEV_ACCOUNT, null, GAS_PRICE, gas, to, BigInteger.ZERO, data);
        return await(check(web3j.ethSendTransaction(tx).send()).getTransactionHash());
    }

    private TransactionReceipt await(String hash) throws IOException, TransactionException {
        TransactionReceipt receipt = receipts.waitForTransactionReceipt(hash);
        assertEquals(hash, receipt.getTransactionHash());
        return receipt;
    }

    private String call(String contract, Function function) throws IOException {
        return check(web3j.ethCall(Transaction.createEthCallTransaction(null, contract, FunctionEncoder.encode(function)), latest()).send())
                .getValue();
    }

    private BigInteger callUint(String contract, String name, Type<?>... args) throws IOException {
        return uint(call(contract, function(name, List.of(args), new TypeReference<Uint256>() { })));
    }

    private BigInteger balanceOf(String token, String account) throws IOException {
        return callUint(token, "balanceOf", new Address(account));
    }

    private List<Log> logs(EthFilter filter) throws IOException {
        List<Log> logs = new ArrayList<>();
        for (EthLog.LogResult<?> result : check(web3j.ethGetLogs(filter).send()).getLogs()) {
            logs.add((Log) result.get());
        }
        return logs;
    }

    @SuppressWarnings({"rawtypes", "unchecked"})
    private static Function function(String name, List<Type<?>> args, TypeReference<?> output) {
        return new Function(name, (List) args, (List) List.of(output));
    }

    private static String encode(String name, Type<?>... args) {
        return FunctionEncoder.encode(function(name, Arrays.asList(args), new TypeReference<Uint256>() { }));
    }

    private static <R extends Response<?>> R check(R response) {
        assertFalse(response.hasError(), () -> "JSON-RPC error: " + response.getError().getCode() + " " + response.getError().getMessage());
        return response;
    }

    private static DefaultBlockParameter latest() {
        return DefaultBlockParameter.valueOf("latest");
    }

    private static DefaultBlockParameter block(TransactionReceipt receipt) {
        return DefaultBlockParameter.valueOf(receipt.getBlockNumber());
    }

    private static String topic(String address) {
        return Numeric.toHexStringWithPrefixZeroPadded(Numeric.toBigInt(address), 64);
    }

    private static BigInteger uint(String word) {
        return Numeric.toBigInt(word);
    }

    private static List<BigInteger> uints(String data) {
        String hex = Numeric.cleanHexPrefix(data);
        List<BigInteger> words = new ArrayList<>();
        for (int i = 0; i + 64 <= hex.length(); i += 64) {
            words.add(new BigInteger(hex.substring(i, i + 64), 16));
        }
        return words;
    }
}
