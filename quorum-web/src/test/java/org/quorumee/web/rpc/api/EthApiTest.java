package org.quorumee.web.rpc.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.quorumee.core.bytes.Hex;
import org.quorumee.core.tx.TransactionType;
import org.quorumee.core.tx.Transaction;
import org.quorumee.core.chain.GenesisConfig;
import org.quorumee.core.types.Address;
import org.quorumee.node.NodeService;
import org.quorumee.node.account.AccountManager;
import org.quorumee.node.account.KeystoreDirectory;
import org.quorumee.node.config.GenesisFile;
import org.quorumee.web.rpc.ExecutionDeadline;
import org.quorumee.web.rpc.JsonRpcException;

/**
 * The eth methods that need no chain or pool: chain id, accounts, eth_sign and eth_signTransaction
 * (with nonce and gas given), the fee constants, and the refusals that come before any chain read.
 * Expected signatures and raw transactions were made by another implementation — ethers v6
 * ({@code Wallet.signMessage}, {@code Wallet.signTransaction}, RFC 6979 signatures) — from web3.js'
 * documented example key, whose {@code sign("Some data")} is also web3.js' documented example.
 * (The chain and pool methods are the node's, tested by the ITs; the chain reader and the pool service
 * are being split and get their own tests.)
 */
class EthApiTest {
    private static final byte[] KEY = Hex.decode("0x4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318");
    private static final String ACCOUNT = "0x2c7536e3605d9c16a7a3d7b1898e529396a65c23";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path keystore;

    private final EthApi eth = new EthApi();

    /** The node's identity and genesis without a container: chain id 10, as the default network. */
    private static final class Node extends NodeService {
        private final GenesisConfig genesis = GenesisFile.parse("{\"config\":{\"chainId\":10,\"londonBlock\":0,\"isQuorum\":true}}");

        @Override
        public GenesisConfig genesis() {
            return genesis;
        }

        @Override
        public BigInteger chainId() {
            return BigInteger.TEN;
        }
    }

    @BeforeEach
    void wire() throws Exception {
        AccountManager accounts = new AccountManager(new KeystoreDirectory(keystore, Clock.systemUTC()), Clock.systemUTC());
        accounts.importRawKey(KEY, "pw");
        accounts.unlock(Address.fromHex(ACCOUNT), "pw", null);
        eth.accounts = accounts;
        eth.node = new Node();
    }

    private static TransactionArgs args(String json) throws Exception {
        return JSON.readValue(json, TransactionArgs.class);
    }

    @Test
    void chainIdAccountsAndFeeConstants() {
        assertEquals("0xa", eth.chainId());
        assertEquals(List.of(Address.fromHex(ACCOUNT).toString()), eth.accounts());
        assertEquals("0x0", eth.maxPriorityFeePerGas());
        assertEquals(Boolean.FALSE, eth.syncing());
    }

    @Test
    void ethSignIsWeb3sDocumentedExample() {
        // web3.eth.accounts.sign('Some data', key).signature; ethers' signMessage gives the same
        assertEquals("0xb91467e570a6466aa9e9876cbcd013baba02900b8979d43fe208a4a4f339f5fd6007e74cd82e037b800186422fc2da167c747ef045"
                + "e5d18a5f5d4300f8e1a0291c", eth.sign(ACCOUNT, Hex.encode("Some data".getBytes())));
        JsonRpcException locked = assertThrows(JsonRpcException.class,
                () -> eth.sign("0x0000000000000000000000000000000000000001", "0x00"));
        assertEquals(JsonRpcException.SERVER_ERROR, locked.code());
        assertEquals(JsonRpcException.INVALID_PARAMS, assertThrows(JsonRpcException.class, () -> eth.sign("0x12", "0x00")).code());
    }

    @Test
    void signsALegacyTransactionAsEthersDoes() throws Exception {
        Map<String, Object> signed = eth.signTransaction(ExecutionDeadline.none(), args("{\"from\":\"" + ACCOUNT + "\",\"to\":\"0x0000000000000000000000000000000000000123\","
                + "\"gas\":\"0x5208\",\"nonce\":\"0x5\",\"value\":\"0x3e8\"}"));
        assertEquals("0xf86105808252089400000000000000000000000000000000000001238203e88038a04ee193dbecec7db228cee74df02994f6a9"
                + "917c7f2c0bcfc2596f10052210565aa001e82da995248b00308006a67f62a2c6ad7c07b4780587b7f1e19016e8954ced", signed.get("raw"));
        @SuppressWarnings("unchecked")
        Map<String, Object> tx = (Map<String, Object>) signed.get("tx");
        assertEquals(Address.fromHex(ACCOUNT).toString(), tx.get("from"));
        assertEquals("0x0", tx.get("gasPrice"), "gas is free by default");
    }

    @Test
    void aFeeCapMakesItADynamicFeeTransaction() throws Exception {
        Map<String, Object> signed = eth.signTransaction(ExecutionDeadline.none(), args("{\"from\":\"" + ACCOUNT + "\",\"to\":\"0x0000000000000000000000000000000000000123\","
                + "\"gas\":\"0xc350\",\"nonce\":\"0x5\",\"maxFeePerGas\":\"0x7\",\"maxPriorityFeePerGas\":\"0x3\",\"data\":\"0x0102\"}"));
        assertEquals("0x02f8640a05030782c35094000000000000000000000000000000000000012380820102c080a0af008b881c4526f6b463e9c6df148e"
                + "17590f99cfecabf063c0649ac9934dd6c2a053d993a60c1ba50bd72dcaa0eea38263b2d60125fa044310a80cba47bf0feaf5", signed.get("raw"));
    }

    @Test
    void privateForSignsTheStoreRawHashAsAQuorumPrivateTransaction() throws Exception {
        String hash = "0x" + "ab".repeat(64);
        String fields = "\"to\":\"0x0000000000000000000000000000000000000123\",\"gas\":\"0x7530\",\"nonce\":\"0x5\",\"data\":\""
                + hash + "\"";
        Map<String, Object> signed = eth.signTransaction(ExecutionDeadline.none(), args("{\"from\":\"" + ACCOUNT + "\","
                + fields + ",\"privateFor\":[\"ROAZBWtSacxXQrOe3FGAqJDyJjFePR5ce4TSIzmJ0Bc=\"]}"));
        Transaction tx = Transaction.decode(Hex.decode((String) signed.get("raw")), 10);
        assertTrue(tx.isPrivate());
        assertTrue(tx.v().intValue() == 37 || tx.v().intValue() == 38, "v " + tx.v());
        assertEquals(Address.fromHex(ACCOUNT), tx.sender());
        // the same signature as the Homestead transaction (v 27/28) of these fields: only v differs
        Transaction homestead = Transaction.builder(TransactionType.LEGACY).nonce(5).gasLimit(0x7530)
                .to(Address.fromHex("0x0000000000000000000000000000000000000123")).data(Hex.decode(hash)).sign(KEY);
        assertEquals(homestead.signature(), tx.signature());
        assertEquals(Hex.encode(tx.encoded()), Hex.encode(homestead.asPrivate().encoded()));
        JsonRpcException value = assertThrows(JsonRpcException.class, () -> eth.signTransaction(ExecutionDeadline.none(),
                args("{\"from\":\"" + ACCOUNT + "\"," + fields + ",\"value\":\"0x1\",\"privateFor\":[]}")));
        assertEquals("ether value is not supported for private transactions", value.getMessage());
        JsonRpcException notAHash = assertThrows(JsonRpcException.class, () -> eth.signTransaction(ExecutionDeadline.none(),
                args("{\"from\":\"" + ACCOUNT + "\",\"gas\":\"0x7530\",\"nonce\":\"0x5\",\"data\":\"0x6080\",\"privateFor\":[]}")));
        assertTrue(notAHash.getMessage().contains("64-byte hash /storeraw gave"), notAHash.getMessage());
    }

    @Test
    void fillTransactionAnswersTheUnsignedTransactionAsGethDoes() throws Exception {
        String fields = "\"from\":\"" + ACCOUNT + "\",\"to\":\"0x0000000000000000000000000000000000000123\","
                + "\"gas\":\"0x7530\",\"nonce\":\"0x5\",\"gasPrice\":\"0x0\"";
        Map<String, Object> filled = eth.fillTransaction(ExecutionDeadline.none(), args("{" + fields + ",\"data\":\"0x01\"}"));
        // a legacy transaction's 9 fields, the signature ones zero (empty strings)
        List<org.quorumee.core.rlp.RlpItem> items = org.quorumee.core.rlp.Rlp.decode(Hex.decode((String) filled.get("raw"))).items();
        assertEquals(9, items.size());
        assertEquals(5, items.get(0).bytes()[0]);
        for (int field = 6; field < 9; field++) {
            assertEquals(0, items.get(field).bytes().length, "field " + field);
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> tx = (Map<String, Object>) filled.get("tx");
        assertEquals("0x5", tx.get("nonce"));
        assertEquals("0x7530", tx.get("gas"));
        assertEquals("0x01", tx.get("input"));
        assertEquals("0x0", tx.get("v"));
        assertFalse(tx.containsKey("from"), "nobody signed it yet");
        // GoQuorum marks a private one: v = 37, no chain id (an empty payload is not stored)
        Map<String, Object> filledPrivate = eth.fillTransaction(ExecutionDeadline.none(), args("{" + fields
                + ",\"privateFor\":[\"ROAZBWtSacxXQrOe3FGAqJDyJjFePR5ce4TSIzmJ0Bc=\"]}"));
        @SuppressWarnings("unchecked")
        Map<String, Object> privateTx = (Map<String, Object>) filledPrivate.get("tx");
        assertEquals("0x25", privateTx.get("v"));
        assertFalse(privateTx.containsKey("chainId"));
    }

    @Test
    void personalSignTransactionOpensTheKeyForThisSignatureOnly() throws Exception {
        PersonalApi personal = new PersonalApi();
        personal.accounts = eth.accounts;
        personal.eth = eth;
        eth.accounts.lock(Address.fromHex(ACCOUNT));
        String fields = "{\"from\":\"" + ACCOUNT + "\",\"to\":\"0x0000000000000000000000000000000000000123\","
                + "\"gas\":\"0x5208\",\"nonce\":\"0x5\",\"value\":\"0x3e8\"}";
        // the same transaction eth_signTransaction made above with the account unlocked
        assertEquals("0xf86105808252089400000000000000000000000000000000000001238203e88038a04ee193dbecec7db228cee74df02994f6a9"
                + "917c7f2c0bcfc2596f10052210565aa001e82da995248b00308006a67f62a2c6ad7c07b4780587b7f1e19016e8954ced",
                personal.signTransaction(ExecutionDeadline.none(), args(fields), "pw").get("raw"));
        assertFalse(eth.accounts.isUnlocked(Address.fromHex(ACCOUNT)), "still locked");
        JsonRpcException wrong = assertThrows(JsonRpcException.class,
                () -> personal.signTransaction(ExecutionDeadline.none(), args(fields), "not the password"));
        assertEquals("could not decrypt key with given password", wrong.getMessage());
        assertEquals(JsonRpcException.INVALID_PARAMS, assertThrows(JsonRpcException.class,
                () -> personal.signTransaction(ExecutionDeadline.none(), args(fields), null)).code());
    }

    @Test
    void refusalsBeforeAnyChainRead() throws Exception {
        JsonRpcException noFrom = assertThrows(JsonRpcException.class,
                () -> eth.signTransaction(ExecutionDeadline.none(), args("{\"gas\":\"0x5208\",\"nonce\":\"0x0\"}")));
        assertEquals(JsonRpcException.INVALID_PARAMS, noFrom.code());
        assertEquals("from is required", noFrom.getMessage());
        JsonRpcException noGas = assertThrows(JsonRpcException.class,
                () -> eth.signTransaction(ExecutionDeadline.none(), args("{\"from\":\"" + ACCOUNT + "\",\"nonce\":\"0x0\"}")));
        assertEquals("gas not specified", noGas.getMessage());
        JsonRpcException otherChain = assertThrows(JsonRpcException.class, () -> eth.signTransaction(ExecutionDeadline.none(), args(
                "{\"from\":\"" + ACCOUNT + "\",\"gas\":\"0x5208\",\"nonce\":\"0x0\",\"chainId\":\"0x1\"}")));
        assertEquals(JsonRpcException.SERVER_ERROR, otherChain.code());
        assertEquals("chainId does not match node's (have=1, want=10)", otherChain.getMessage());
        assertEquals(JsonRpcException.INVALID_PARAMS, assertThrows(JsonRpcException.class, () -> eth.signTransaction(ExecutionDeadline.none(), null)).code());
        assertEquals(JsonRpcException.INVALID_PARAMS, assertThrows(JsonRpcException.class, () -> eth.call(ExecutionDeadline.none(), null, "latest")).code());
        assertEquals(JsonRpcException.INVALID_PARAMS, assertThrows(JsonRpcException.class, () -> eth.createAccessList(ExecutionDeadline.none(), null, null)).code());
        assertEquals(JsonRpcException.SERVER_ERROR, assertThrows(JsonRpcException.class,
                () -> eth.signTransaction(ExecutionDeadline.none(), args("{\"from\":\"" + ACCOUNT + "\",\"gas\":\"0x5208\",\"nonce\":\"0x0\",\"privateFor\":[\"x\"]}"))).code());
        // raw transactions: not hex is invalid params, hex that is no transaction is refused in the node's words
        assertEquals(JsonRpcException.INVALID_PARAMS, assertThrows(JsonRpcException.class, () -> eth.sendRawTransaction("zz")).code());
        JsonRpcException garbage = assertThrows(JsonRpcException.class, () -> eth.sendRawTransaction("0x8201"));
        assertEquals(JsonRpcException.SERVER_ERROR, garbage.code());
        assertTrue(garbage.getMessage().contains("not an RLP string"), garbage.getMessage());
        assertEquals(JsonRpcException.INVALID_PARAMS, assertThrows(JsonRpcException.class, () -> eth.sendRawTransaction(null)).code());
    }
}
