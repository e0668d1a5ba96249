package org.quorumee.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
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
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.DefaultBlockParameterNumber;
import org.web3j.protocol.core.methods.response.EthBlock;
import org.web3j.protocol.http.HttpService;

/**
 * Reading the stored chain (other test classes share the node and add blocks: this one reads the
 * genesis block, which never changes, and treats the head as a moving target): blocks by number, tag and hash, as web3j parses them; filters' errors.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
@Timeout(value = Limits.TEST_MINUTES, unit = TimeUnit.MINUTES)
class ChainReadIT {

    @Deployment(testable = false)
    static EnterpriseArchive ear() {
        return NodeDeployment.ear();
    }

    @ArquillianResource
    URL baseUrl;

    private JsonRpcClient rpc;
    private Web3j web3j;

    @BeforeEach
    void clients() {
        URI endpoint = URI.create(baseUrl.toString()).resolve("/");
        rpc = new JsonRpcClient(endpoint);
        web3j = Web3j.build(new HttpService(endpoint.toString()));
    }

    @Test
    void theGenesisBlockIsReadByNumberTagAndHash() throws Exception {
        EthBlock.Block genesis = web3j.ethGetBlockByNumber(DefaultBlockParameterName.EARLIEST, false).send().getBlock();
        assertEquals(0, genesis.getNumber().intValue());
        assertEquals(66, genesis.getHash().length());
        assertTrue(genesis.getTransactions().isEmpty());
        EthBlock.Block zero = web3j.ethGetBlockByNumber(new DefaultBlockParameterNumber(0), true).send().getBlock();
        assertEquals(genesis.getHash(), zero.getHash());
        // the head moves as other tests add blocks: it is at least the number read before it, and the
        // block at its number is the same block (a single node never replaces a stored block)
        long before = web3j.ethBlockNumber().send().getBlockNumber().longValueExact();
        EthBlock.Block latest = web3j.ethGetBlockByNumber(DefaultBlockParameterName.LATEST, false).send().getBlock();
        assertTrue(latest.getNumber().longValueExact() >= before, latest.getNumber() + " < " + before);
        assertEquals(latest.getHash(), web3j.ethGetBlockByNumber(new DefaultBlockParameterNumber(latest.getNumber()), false)
                .send().getBlock().getHash());
        if (latest.getNumber().signum() > 0) {
            EthBlock.Block parent = web3j.ethGetBlockByHash(latest.getParentHash(), false).send().getBlock();
            assertEquals(latest.getNumber().longValueExact() - 1, parent.getNumber().longValueExact(), "the parent's number");
        }
        EthBlock.Block byHash = web3j.ethGetBlockByHash(genesis.getHash(), false).send().getBlock();
        assertEquals(genesis.getStateRoot(), byHash.getStateRoot());
        assertEquals("0x0", rpc.result("eth_getBlockTransactionCountByHash", "[\"" + genesis.getHash() + "\"]").asText());
    }

    @Test
    void theGenesisAllocIsTheState() throws Exception {
        String dev = "0xeff92eb5856df59f8e0ba5fd9ab80ecdb3ae5fcf";
        assertEquals(new java.math.BigInteger("1000000000000000000000000000"),
                web3j.ethGetBalance(dev, DefaultBlockParameterName.EARLIEST).send().getBalance());
        assertEquals(0, web3j.ethGetTransactionCount(dev, DefaultBlockParameterName.EARLIEST).send().getTransactionCount().intValue());
        assertEquals("0x", rpc.result("eth_getCode", "[\"" + dev + "\", \"earliest\"]").asText());
        assertEquals("0x" + "00".repeat(32), rpc.result("eth_getStorageAt", "[\"" + dev + "\", \"0x0\", \"earliest\"]").asText());
        JsonNode proof = rpc.result("eth_getProof", "[\"" + dev + "\", [\"0x0\"], \"earliest\"]");
        assertEquals("0x33b2e3c9fd0803ce8000000", proof.get("balance").asText());
        assertTrue(proof.get("accountProof").size() > 0);
        assertEquals(1, proof.get("storageProof").size());
        JsonNode missing = rpc.call("eth_getBalance", "[\"" + dev + "\", \"0xffffff\"]");
        assertEquals("header not found", missing.get("error").get("message").asText());
    }

    @Test
    void unknownBlocksAndTransactionsAreNull() {
        assertTrue(rpc.result("eth_getBlockByNumber", "[\"0xffffff\", false]").isNull());
        String unknown = "\"0x" + "ab".repeat(32) + "\"";
        assertTrue(rpc.result("eth_getBlockByHash", "[" + unknown + ", false]").isNull());
        assertTrue(rpc.result("eth_getTransactionByHash", "[" + unknown + "]").isNull());
        assertTrue(rpc.result("eth_getTransactionReceipt", "[" + unknown + "]").isNull());
        assertTrue(rpc.result("eth_getTransactionByBlockNumberAndIndex", "[\"earliest\", \"0x0\"]").isNull());
    }

    @Test
    void getLogsOverTheChainAndItsErrors() {
        assertEquals(0, rpc.result("eth_getLogs", "[{\"fromBlock\":\"earliest\",\"toBlock\":\"0x0\"}]").size());
        assertEquals(-32602, code(rpc.call("eth_getLogs", "[{\"fromBlock\":\"0x2\",\"toBlock\":\"0x1\"}]")));
        JsonNode tooWide = rpc.call("eth_getLogs", "[{\"fromBlock\":\"0x0\",\"toBlock\":\"0x2710\"}]");
        assertEquals(-32005, code(tooWide));
        assertTrue(tooWide.get("error").get("message").asText().contains("quorum.rpc.maxLogsBlockRange"), tooWide.toString());
        assertEquals(-32602, code(rpc.call("eth_getLogs", "[{\"topics\":[null,null,null,null,null]}]")));
        assertEquals(-32602, code(rpc.call("eth_getLogs", "[{\"blockHash\":\"0x" + "00".repeat(32) + "\",\"fromBlock\":\"0x0\"}]")));
        assertEquals(-32602, code(rpc.call("eth_getBlockByNumber", "[\"next\", false]")));
        assertEquals(-32602, code(rpc.call("eth_getLogs", "[{\"address\":\"0x12\"}]")));
    }

    private static int code(JsonNode response) {
        assertTrue(response.has("error"), response.toString());
        return response.get("error").get("code").asInt();
    }
}
