package org.quorumee.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigInteger;
import java.net.URI;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.quorumee.it.support.JsonRpcClient;
import org.quorumee.it.support.Limits;
import org.quorumee.it.support.NodeDeployment;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.Keys;
import org.web3j.crypto.RawTransaction;
import org.web3j.crypto.TransactionEncoder;
import org.web3j.crypto.WalletUtils;
import org.web3j.utils.Convert;
import org.web3j.utils.Numeric;

/**
 * Transactions signed by a real client (web3j), sent raw, pooled, put in a block by the single-node
 * engine and stored: receipts, balances, the pool's refusals in go-ethereum's words.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
@Timeout(value = Limits.TEST_MINUTES, unit = TimeUnit.MINUTES)
class TransactionsIT {
    private static final long CHAIN_ID = 10;

    @Deployment(testable = false)
    static EnterpriseArchive ear() {
        return NodeDeployment.ear();
    }

    @ArquillianResource
    URL baseUrl;

    private JsonRpcClient rpc;

    @BeforeEach
    void client() {
        rpc = new JsonRpcClient(URI.create(baseUrl.toString()).resolve("/"));
    }

    /** The default network's funded account, whose key file has an empty password. */
    private static Credentials devAccount() throws Exception {
        Path keystore = Path.of(System.getProperty("quorum.it.node.dir"), "keystore");
        try (var files = Files.list(keystore)) {
            return WalletUtils.loadCredentials("", files.findFirst().orElseThrow().toFile());
        }
    }

    private static String signed(Credentials from, long nonce, BigInteger gasPrice, String to, BigInteger value, long chainId) {
        RawTransaction tx = RawTransaction.createEtherTransaction(BigInteger.valueOf(nonce), gasPrice,
                BigInteger.valueOf(21_000), to, value);
        return Numeric.toHexString(TransactionEncoder.signMessage(tx, chainId, from));
    }

    private String send(String raw) {
        return rpc.result("eth_sendRawTransaction", "[\"" + raw + "\"]").asText();
    }

    private String error(String method, String params) {
        JsonNode response = rpc.call(method, params);
        assertTrue(response.has("error"), method + " should fail: " + response);
        assertEquals(-32000, response.get("error").get("code").asInt(), response.toString());
        return response.get("error").get("message").asText();
    }

    @Test
    void aFreshKeyWithNoBalanceSendsAFreeTransaction() throws Exception {
        Credentials sender = Credentials.create(Keys.createEcKeyPair());
        String to = Credentials.create(Keys.createEcKeyPair()).getAddress();
        String hash = send(signed(sender, 0, BigInteger.ZERO, to, BigInteger.ZERO, CHAIN_ID));
        JsonNode receipt = rpc.awaitReceipt(hash);
        assertEquals("0x1", receipt.get("status").asText());
        assertEquals("0x5208", receipt.get("gasUsed").asText());
        assertEquals(sender.getAddress(), receipt.get("from").asText());
        long block = Numeric.toBigInt(receipt.get("blockNumber").asText()).longValue();
        assertTrue(block >= 1);
        JsonNode mined = rpc.result("eth_getBlockByNumber", "[\"" + Numeric.encodeQuantity(BigInteger.valueOf(block)) + "\", false]");
        assertTrue(mined.get("transactions").toString().contains(hash));
        assertEquals("0x1", rpc.result("eth_getTransactionCount", "[\"" + sender.getAddress() + "\", \"latest\"]").asText());
        assertEquals(hash, rpc.result("eth_getTransactionByHash", "[\"" + hash + "\"]").get("hash").asText());
    }

    @Test
    void valueMovesFromTheDevAccount() throws Exception {
        Credentials dev = devAccount();
        String to = Credentials.create(Keys.createEcKeyPair()).getAddress();
        long nonce = Numeric.toBigInt(rpc.result("eth_getTransactionCount", "[\"" + dev.getAddress() + "\", \"pending\"]").asText()).longValue();
        BigInteger oneEther = Convert.toWei("1", Convert.Unit.ETHER).toBigInteger();
        rpc.awaitReceipt(send(signed(dev, nonce, BigInteger.ZERO, to, oneEther, CHAIN_ID)));
        assertEquals(Numeric.encodeQuantity(oneEther), rpc.result("eth_getBalance", "[\"" + to + "\", \"latest\"]").asText());
    }

    @Test
    void refusalsInGoEthereumsWords() throws Exception {
        Credentials sender = Credentials.create(Keys.createEcKeyPair());
        String to = Credentials.create(Keys.createEcKeyPair()).getAddress();
        String first = signed(sender, 0, BigInteger.ZERO, to, BigInteger.ZERO, CHAIN_ID);
        rpc.awaitReceipt(send(first));
        assertTrue(error("eth_sendRawTransaction", "[\"" + first + "\"]").startsWith("nonce too low"));
        assertTrue(error("eth_sendRawTransaction", "[\"" + signed(sender, 1, BigInteger.ZERO, to, BigInteger.ONE, CHAIN_ID) + "\"]")
                .startsWith("insufficient funds for gas * price + value"));
        assertTrue(error("eth_sendRawTransaction", "[\"" + signed(sender, 1, BigInteger.ZERO, to, BigInteger.ZERO, 99) + "\"]")
                .startsWith("invalid sender"));
        assertTrue(error("eth_sendRawTransaction", "[\"" + signed(sender, 1, BigInteger.ONE, to, BigInteger.ZERO, CHAIN_ID) + "\"]")
                .startsWith("Gas price not 0"));
        error("eth_sendRawTransaction", "[\"0xf86b80\"]");
        assertEquals(-32602, rpc.call("eth_sendRawTransaction", "[\"zz\"]").get("error").get("code").asInt());
    }

    /** Init code that deploys a runtime returning the word 42 (hand-assembled, no compiler needed). */
    private static final String RETURNS_42_RUNTIME = "602a60005260206000f3";
    private static final String DEPLOY_RETURNS_42 = "0x600a600c600039600a6000f3" + RETURNS_42_RUNTIME;

    @Test
    void theNodeSignsDeploysAndCallsWithEstimatedGas() throws Exception {
        String dev = devAccount().getAddress();
        String hash = rpc.result("eth_sendTransaction", "[{\"from\":\"" + dev + "\",\"data\":\"" + DEPLOY_RETURNS_42 + "\"}]").asText();
        JsonNode receipt = rpc.awaitReceipt(hash);
        assertEquals("0x1", receipt.get("status").asText());
        String contract = receipt.get("contractAddress").asText();
        assertEquals("0x" + RETURNS_42_RUNTIME, rpc.result("eth_getCode", "[\"" + contract + "\", \"latest\"]").asText());
        assertEquals("0x" + "00".repeat(31) + "2a", rpc.result("eth_call", "[{\"to\":\"" + contract + "\"}, \"latest\"]").asText());
        assertEquals("0x5208", rpc.result("eth_estimateGas",
                "[{\"from\":\"" + dev + "\",\"to\":\"0x0000000000000000000000000000000000000123\"}]").asText());
        long callGas = Numeric.toBigInt(rpc.result("eth_estimateGas", "[{\"to\":\"" + contract + "\"}]").asText()).longValue();
        assertTrue(callGas > 21_000 && callGas < 22_000, "estimate " + callGas);
        JsonNode signed = rpc.result("eth_signTransaction", "[{\"from\":\"" + dev + "\",\"to\":\"" + contract
                + "\",\"gas\":\"0x5208\",\"nonce\":\"0x100\"}]");
        assertTrue(signed.get("raw").asText().startsWith("0x"));
        assertEquals(dev, signed.get("tx").get("from").asText());
    }

    @Test
    void aRevertingCallIsErrorThreeWithItsData() {
        JsonNode reverted = rpc.call("eth_call", "[{\"data\":\"0x60006000fd\"}, \"latest\"]");
        assertEquals(3, reverted.get("error").get("code").asInt(), reverted.toString());
        assertEquals("execution reverted", reverted.get("error").get("message").asText());
        assertEquals("0x", reverted.get("error").get("data").asText());
        JsonNode estimate = rpc.call("eth_estimateGas", "[{\"data\":\"0x60006000fd\"}]");
        assertEquals(3, estimate.get("error").get("code").asInt(), estimate.toString());
        JsonNode privateTx = rpc.call("eth_sendTransaction", "[{\"from\":\"0xeff92eb5856df59f8e0ba5fd9ab80ecdb3ae5fcf\","
                + "\"privateFor\":[\"ROAZBWtSacxXQrOe3FGAqJDyJjFePR5ce4TSIzmJ0Bc=\"]}]");
        assertEquals(-32000, privateTx.get("error").get("code").asInt());
    }

    @Test
    void queuedUntilTheNonceGapCloses() throws Exception {
        Credentials sender = Credentials.create(Keys.createEcKeyPair());
        String to = Credentials.create(Keys.createEcKeyPair()).getAddress();
        String second = send(signed(sender, 1, BigInteger.ZERO, to, BigInteger.ZERO, CHAIN_ID));
        JsonNode content = rpc.result("txpool_content", "[]");
        assertTrue(content.get("queued").toString().contains(second), content.toString());
        assertEquals("0x0", rpc.result("eth_getTransactionCount", "[\"" + sender.getAddress() + "\", \"pending\"]").asText());
        send(signed(sender, 0, BigInteger.ZERO, to, BigInteger.ZERO, CHAIN_ID));
        assertEquals("0x1", rpc.awaitReceipt(second).get("status").asText());
        assertEquals("0x2", rpc.result("eth_getTransactionCount", "[\"" + sender.getAddress() + "\", \"latest\"]").asText());
    }
}
