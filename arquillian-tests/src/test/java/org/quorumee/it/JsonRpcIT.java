package org.quorumee.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
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

/** JSON-RPC 2.0 over HTTP against the deployed node: the methods of the foundation and every error case. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
@Timeout(value = Limits.TEST_MINUTES, unit = TimeUnit.MINUTES)
class JsonRpcIT {
    /** The default network's funded account, unlocked at start. */
    private static final String DEV = "0xeff92eb5856df59f8e0ba5fd9ab80ecdb3ae5fcf";
    /** Deploys a runtime that emits one LOG0 with no data on every call (hand-assembled). */
    private static final String DEPLOY_LOGGER = "0x6005600c60003960056000f3" + "60006000a0";

    @Deployment(testable = false)
    static EnterpriseArchive ear() {
        return NodeDeployment.ear();
    }

    @ArquillianResource
    URL baseUrl;

    private JsonRpcClient rpc;

    @BeforeEach
    void client() throws Exception {
        rpc = new JsonRpcClient(URI.create(baseUrl.toString()).resolve("/"));
    }

    @Test
    void answersAtTheRootPath() {
        assertTrue(rpc.result("web3_clientVersion", "[]").asText().startsWith("QuorumEE/v"));
    }

    @Test
    void chainAndNetworkIdComeFromTheGenesisFile() {
        assertEquals("0xa", rpc.result("eth_chainId", "[]").asText());
        assertEquals("10", rpc.result("net_version", "[]").asText());
    }

    @Test
    void theBlockNumberIsAQuantity() {
        assertTrue(rpc.result("eth_blockNumber", "[]").asText().matches("0x(0|[1-9a-f][0-9a-f]*)"));
    }

    @Test
    void netAndSyncStatus() {
        assertTrue(rpc.result("net_listening", "[]").asBoolean());
        assertEquals("0x0", rpc.result("net_peerCount", "[]").asText());
        assertFalse(rpc.result("eth_syncing", "[]").asBoolean());
    }

    @Test
    void web3Sha3IsKeccak256() {
        assertEquals("0x47173285a8d7341e5e972fc677286384f802f8ef42a5ec5f03bbfa254cb01fad",
                rpc.result("web3_sha3", "[\"0x68656c6c6f20776f726c64\"]").asText());
        assertEquals("0xc5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470",
                rpc.result("web3_sha3", "[\"0x\"]").asText());
    }

    @Test
    void batchAnswersEveryRequestButNotifications() {
        JsonNode replies = rpc.post("[{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"eth_chainId\"},"
                + "{\"jsonrpc\":\"2.0\",\"method\":\"net_version\"},"
                + "{\"jsonrpc\":\"2.0\",\"id\":\"b\",\"method\":\"net_version\",\"params\":[]}]").json();
        assertEquals(2, replies.size());
        assertEquals("0xa", replies.get(0).get("result").asText());
        assertEquals("b", replies.get(1).get("id").asText());
    }

    @Test
    void aNotificationAloneGetsNoBody() {
        JsonRpcClient.Reply reply = rpc.post("{\"jsonrpc\":\"2.0\",\"method\":\"net_version\"}");
        assertEquals(204, reply.status());
        assertEquals("", reply.body());
    }

    @Test
    void standardErrorCodes() {
        assertEquals(-32700, errorCode(rpc.post("{\"jsonrpc\":\"2.0\",").json()));
        assertEquals(-32600, errorCode(rpc.post("{\"jsonrpc\":\"1.0\",\"id\":1,\"method\":\"net_version\"}").json()));
        assertEquals(-32600, errorCode(rpc.post("[]").json()));
        assertEquals(-32601, errorCode(rpc.call("eth_noSuchMethod", "[]")));
        assertEquals(-32602, errorCode(rpc.call("web3_sha3", "[\"not hex\"]")));
        assertEquals(-32602, errorCode(rpc.call("web3_sha3", "[]".replace("[]", "[\"0x\", 1]"))));
    }

    @Test
    void istanbulMethodsDoNotExistOnANodeThatRunsNeitherIbftNorQbft() {
        JsonNode answer = rpc.call("istanbul_getValidators", "[]");
        assertEquals(-32601, errorCode(answer));
        assertEquals("the method istanbul_getValidators does not exist/is not available",
                answer.get("error").get("message").asText());
        assertFalse(rpc.result("rpc_modules", "[]").has("istanbul"), "rpc_modules lists no istanbul");
    }

    @Test
    void answersOverWebSocketOnTheSamePort() throws Exception {
        URI ws = URI.create(baseUrl.toString().replaceFirst("^http", "ws")).resolve("/");
        CompletableFuture<String> reply = new CompletableFuture<>();
        WebSocket socket = HttpClient.newHttpClient().newWebSocketBuilder()
                .buildAsync(ws, new WebSocket.Listener() {
                    private final StringBuilder text = new StringBuilder();

                    @Override
                    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                        text.append(data);
                        if (last) {
                            reply.complete(text.toString());
                        }
                        webSocket.request(1);
                        return null;
                    }
                }).get(Limits.WAIT_SECONDS, TimeUnit.SECONDS);
        socket.sendText("[{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"eth_chainId\",\"params\":[]},"
                + "{\"jsonrpc\":\"2.0\",\"id\":8,\"method\":\"eth_subscribe\",\"params\":[\"newHeads\"]}]", true);
        JsonNode response = new ObjectMapper().readTree(reply.get(Limits.WAIT_SECONDS, TimeUnit.SECONDS));
        assertEquals(7, response.get(0).get("id").asInt());
        assertEquals("0xa", response.get(0).get("result").asText());
        assertTrue(response.get(1).get("result").asText().startsWith("0x"), response.toString());
        socket.sendClose(WebSocket.NORMAL_CLOSURE, "done").get(Limits.WAIT_SECONDS, TimeUnit.SECONDS);
    }

    /**
     * Filters see what happens after they are installed: the block of a call, its log, its pending hash.
     * Other blocks may come too (another test's, or the engine's follow-up block after a busy one):
     * the test asserts what must be there and that nothing is older than the filter, never a count of
     * blocks.
     */
    @Test
    void filtersArePolledAndUninstalled() throws Exception {
        String logger = rpc.awaitReceipt(rpc.result("eth_sendTransaction", "[{\"from\":\"" + DEV + "\",\"data\":\""
                + DEPLOY_LOGGER + "\"}]").asText()).get("contractAddress").asText();
        long installedAfter = quantity(rpc.result("eth_blockNumber", "[]"));
        String blocks = rpc.result("eth_newBlockFilter", "[]").asText();
        String logs = rpc.result("eth_newFilter", "[{\"address\":\"" + logger + "\"}]").asText();
        String pending = rpc.result("eth_newPendingTransactionFilter", "[]").asText();

        String call = rpc.result("eth_sendTransaction", "[{\"from\":\"" + DEV + "\",\"to\":\"" + logger
                + "\",\"gas\":\"0x10000\"}]").asText();
        JsonNode receipt = rpc.awaitReceipt(call);

        JsonNode newBlocks = rpc.result("eth_getFilterChanges", "[\"" + blocks + "\"]");
        assertTrue(newBlocks.toString().contains(receipt.get("blockHash").asText()), newBlocks + " lacks " + receipt);
        for (JsonNode hash : newBlocks) {
            long number = quantity(rpc.result("eth_getBlockByHash", "[\"" + hash.asText() + "\", false]").get("number"));
            assertTrue(number > installedAfter, "block " + number + " is not newer than the filter (" + installedAfter + ")");
        }
        JsonNode later = rpc.result("eth_getFilterChanges", "[\"" + blocks + "\"]");
        for (JsonNode hash : later) {
            assertFalse(newBlocks.toString().contains(hash.asText()), "block " + hash + " reported twice");
        }

        // only the call emits the logger's log: exactly one, from the call, in both ways of asking
        for (String method : new String[] {"eth_getFilterChanges", "eth_getFilterLogs"}) {
            JsonNode found = rpc.result(method, "[\"" + logs + "\"]");
            assertEquals(1, found.size(), method + ": " + found);
            assertEquals(call, found.get(0).get("transactionHash").asText());
            assertEquals(logger, found.get(0).get("address").asText());
        }
        assertEquals(0, rpc.result("eth_getFilterChanges", "[\"" + logs + "\"]").size(), "a log is reported once");

        assertTrue(rpc.result("eth_getFilterChanges", "[\"" + pending + "\"]").toString().contains(call));
        assertTrue(rpc.result("eth_uninstallFilter", "[\"" + pending + "\"]").asBoolean());
        assertFalse(rpc.result("eth_uninstallFilter", "[\"" + pending + "\"]").asBoolean());
        assertEquals("filter not found", rpc.call("eth_getFilterChanges", "[\"" + pending + "\"]").get("error").get("message").asText());
        assertTrue(rpc.result("eth_uninstallFilter", "[\"" + blocks + "\"]").asBoolean());
        assertTrue(rpc.result("eth_uninstallFilter", "[\"" + logs + "\"]").asBoolean());
    }

    private static long quantity(JsonNode hex) {
        return Long.parseLong(hex.asText().substring(2), 16);
    }

    @Test
    void subscriptionsNeedAWebSocket() {
        JsonNode overHttp = rpc.call("eth_subscribe", "[\"newHeads\"]");
        assertEquals("notifications not supported", overHttp.get("error").get("message").asText());
    }

    @Test
    void anOversizedRequestIsRefusedWithAnError() {
        byte[] body = new byte[6 * 1024 * 1024];
        Arrays.fill(body, (byte) ' ');
        byte[] start = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"web3_sha3\",\"params\":[\"0x\"]}".getBytes(StandardCharsets.UTF_8);
        System.arraycopy(start, 0, body, 0, start.length);
        JsonRpcClient.Reply reply = rpc.post(body);
        assertEquals(413, reply.status());
        assertEquals(-32600, errorCode(reply.json()));
        // and the node still answers
        assertEquals("0xa", rpc.result("eth_chainId", "[]").asText());
    }

    private static int errorCode(JsonNode response) {
        assertTrue(response.has("error"), "expected an error: " + response);
        return response.get("error").get("code").asInt();
    }
}
