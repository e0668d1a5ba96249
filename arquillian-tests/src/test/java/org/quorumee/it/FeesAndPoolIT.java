package org.quorumee.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigInteger;
import java.net.URI;
import java.net.URL;
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
import org.web3j.utils.Numeric;

/**
 * The fee methods on the default network (a Quorum chain without gas prices: base fee 0 from London
 * on, no tips), a block's transactions by number and by hash and index, and the pool's counts —
 * each checked against what the node reports elsewhere for the same block or transaction.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
@Timeout(value = Limits.TEST_MINUTES, unit = TimeUnit.MINUTES)
class FeesAndPoolIT {
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

    private static String signed(Credentials from, long nonce, String to) {
        RawTransaction tx = RawTransaction.createEtherTransaction(BigInteger.valueOf(nonce), BigInteger.ZERO,
                BigInteger.valueOf(21_000), to, BigInteger.ZERO);
        return Numeric.toHexString(TransactionEncoder.signMessage(tx, CHAIN_ID, from));
    }

    private String send(String raw) {
        return rpc.result("eth_sendRawTransaction", "[\"" + raw + "\"]").asText();
    }

    private static long quantity(JsonNode hex) {
        return Numeric.toBigInt(hex.asText()).longValueExact();
    }

    @Test
    void gasIsFreeOnTheDefaultNetwork() {
        assertEquals("0x0", rpc.result("eth_gasPrice", "[]").asText());
        assertEquals("0x0", rpc.result("eth_maxPriorityFeePerGas", "[]").asText());
    }

    @Test
    void feeHistoryOfTheBlockOfATransaction() throws Exception {
        Credentials sender = Credentials.create(Keys.createEcKeyPair());
        JsonNode receipt = rpc.awaitReceipt(send(signed(sender, 0, Credentials.create(Keys.createEcKeyPair()).getAddress())));
        long block = quantity(receipt.get("blockNumber"));
        String newest = Numeric.encodeQuantity(BigInteger.valueOf(block));

        JsonNode history = rpc.result("eth_feeHistory", "[\"0x2\", \"" + newest + "\", [25, 75]]");
        assertEquals(Numeric.encodeQuantity(BigInteger.valueOf(block - 1)), history.get("oldestBlock").asText());
        // base fees of the two blocks and of the next one: all 0 on a chain without gas prices
        assertEquals("[\"0x0\",\"0x0\",\"0x0\"]", history.get("baseFeePerGas").toString());
        // the ratios are what the blocks themselves say
        JsonNode ratios = history.get("gasUsedRatio");
        assertEquals(2, ratios.size(), history.toString());
        for (int i = 0; i < 2; i++) {
            JsonNode header = rpc.result("eth_getBlockByNumber",
                    "[\"" + Numeric.encodeQuantity(BigInteger.valueOf(block - 1 + i)) + "\", false]");
            double expected = (double) quantity(header.get("gasUsed")) / quantity(header.get("gasLimit"));
            assertEquals(expected, ratios.get(i).asDouble(), 1e-12, "gas used ratio of block " + (block - 1 + i));
        }
        assertTrue(ratios.get(1).asDouble() > 0, "the transaction's block used gas");
        assertEquals("[[\"0x0\",\"0x0\"],[\"0x0\",\"0x0\"]]", history.get("reward").toString(), "no tips: zero rewards");

        JsonNode beyond = rpc.call("eth_feeHistory", "[\"0x1\", \"0xffffffff\", []]");
        assertEquals("request beyond head block", beyond.get("error").get("message").asText(), beyond.toString());
    }

    @Test
    void aBlocksTransactionsByNumberAndByHashAndIndex() throws Exception {
        Credentials sender = Credentials.create(Keys.createEcKeyPair());
        String hash = send(signed(sender, 0, Credentials.create(Keys.createEcKeyPair()).getAddress()));
        JsonNode receipt = rpc.awaitReceipt(hash);
        String number = receipt.get("blockNumber").asText();
        String blockHash = receipt.get("blockHash").asText();
        JsonNode block = rpc.result("eth_getBlockByNumber", "[\"" + number + "\", false]");
        assertTrue(block.get("transactions").toString().contains(hash));

        assertEquals(Numeric.encodeQuantity(BigInteger.valueOf(block.get("transactions").size())),
                rpc.result("eth_getBlockTransactionCountByNumber", "[\"" + number + "\"]").asText());
        assertEquals("0x0", rpc.result("eth_getBlockTransactionCountByNumber", "[\"earliest\"]").asText());
        assertTrue(rpc.result("eth_getBlockTransactionCountByNumber", "[\"0xffffffff\"]").isNull());

        JsonNode byIndex = rpc.result("eth_getTransactionByBlockHashAndIndex",
                "[\"" + blockHash + "\", \"" + receipt.get("transactionIndex").asText() + "\"]");
        assertEquals(hash, byIndex.get("hash").asText());
        assertEquals(sender.getAddress(), byIndex.get("from").asText());
        assertEquals(blockHash, byIndex.get("blockHash").asText());
        assertEquals(number, byIndex.get("blockNumber").asText());
        assertEquals(rpc.result("eth_getTransactionByHash", "[\"" + hash + "\"]"), byIndex,
                "the same view as by hash");
        String pastTheEnd = Numeric.encodeQuantity(BigInteger.valueOf(block.get("transactions").size()));
        assertTrue(rpc.result("eth_getTransactionByBlockHashAndIndex", "[\"" + blockHash + "\", \"" + pastTheEnd + "\"]").isNull());
        assertTrue(rpc.result("eth_getTransactionByBlockHashAndIndex", "[\"0x" + "ab".repeat(32) + "\", \"0x0\"]").isNull());
    }

    @Test
    void poolStatusCountsAQueuedTransactionUntilItsGapCloses() throws Exception {
        // The ITs run one at a time and wait for their transactions, so only this test's change the
        // pool's queued count; pending ones are mined as they come, so "pending" is read, not counted.
        long queuedBefore = quantity(rpc.result("txpool_status", "[]").get("queued"));
        Credentials sender = Credentials.create(Keys.createEcKeyPair());
        String to = Credentials.create(Keys.createEcKeyPair()).getAddress();
        String second = send(signed(sender, 1, to));
        JsonNode status = rpc.result("txpool_status", "[]");
        assertEquals(queuedBefore + 1, quantity(status.get("queued")), status.toString());
        assertTrue(status.get("pending").asText().matches("0x(0|[1-9a-f][0-9a-f]*)"), status.toString());

        send(signed(sender, 0, to));
        rpc.awaitReceipt(second);
        assertEquals(queuedBefore, quantity(rpc.result("txpool_status", "[]").get("queued")), "the gap closed");
    }
}
