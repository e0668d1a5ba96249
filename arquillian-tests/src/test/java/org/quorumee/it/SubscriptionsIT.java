package org.quorumee.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.quorumee.it.support.JsonRpcClient;
import org.quorumee.it.support.Limits;
import org.quorumee.it.support.NodeDeployment;

/** eth_subscribe over WebSocket: newHeads, logs and newPendingTransactions arrive as blocks are made. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
@Timeout(value = Limits.TEST_MINUTES, unit = TimeUnit.MINUTES)
class SubscriptionsIT {
    private static final String DEV = "0xeff92eb5856df59f8e0ba5fd9ab80ecdb3ae5fcf";
    /** Deploys a runtime that emits one LOG0 with no data on every call (hand-assembled). */
    private static final String DEPLOY_LOGGER = "0x6005600c60003960056000f3" + "60006000a0";
    private static final ObjectMapper JSON = new ObjectMapper();

    @Deployment(testable = false)
    static EnterpriseArchive ear() {
        return NodeDeployment.ear();
    }

    @ArquillianResource
    URL baseUrl;

    @Test
    void headsLogsAndPendingTransactionsArePushed() throws Exception {
        JsonRpcClient rpc = new JsonRpcClient(URI.create(baseUrl.toString()).resolve("/"));
        String contract = deploy(rpc);

        BlockingQueue<JsonNode> messages = new LinkedBlockingQueue<>();
        WebSocket socket = HttpClient.newHttpClient().newWebSocketBuilder()
                .buildAsync(URI.create(baseUrl.toString().replaceFirst("^http", "ws")).resolve("/"), new WebSocket.Listener() {
                    private final StringBuilder text = new StringBuilder();

                    @Override
                    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                        text.append(data);
                        if (last) {
                            try {
                                messages.add(JSON.readTree(text.toString()));
                            } catch (Exception e) {
                                throw new IllegalStateException(e);
                            }
                            text.setLength(0);
                        }
                        webSocket.request(1);
                        return null;
                    }
                }).get(Limits.WAIT_SECONDS, TimeUnit.SECONDS);
        String heads = subscribe(socket, messages, 1, "[\"newHeads\"]");
        String logs = subscribe(socket, messages, 2, "[\"logs\", {\"address\":\"" + contract + "\"}]");
        String pending = subscribe(socket, messages, 3, "[\"newPendingTransactions\"]");

        String tx = rpc.result("eth_sendTransaction", "[{\"from\":\"" + DEV + "\",\"to\":\"" + contract + "\",\"gas\":\"0x10000\"}]").asText();

        boolean sawHead = false;
        boolean sawLog = false;
        boolean sawPending = false;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(Limits.WAIT_SECONDS);
        while (!(sawHead && sawLog && sawPending) && System.nanoTime() < deadline) {
            JsonNode message = messages.poll(1, TimeUnit.SECONDS);
            if (message == null) {
                continue;
            }
            assertEquals("eth_subscription", message.get("method").asText(), message.toString());
            String subscription = message.get("params").get("subscription").asText();
            JsonNode result = message.get("params").get("result");
            if (subscription.equals(heads)) {
                assertTrue(result.get("number").asText().startsWith("0x") && result.has("stateRoot"), result.toString());
                sawHead = true;
            } else if (subscription.equals(logs)) {
                assertEquals(contract, result.get("address").asText());
                assertEquals(tx, result.get("transactionHash").asText());
                sawLog = true;
            } else if (subscription.equals(pending)) {
                sawPending |= tx.equals(result.asText());
            }
        }
        assertTrue(sawHead, "no newHeads notification within " + Limits.WAIT_SECONDS + " s");
        assertTrue(sawLog, "no logs notification within " + Limits.WAIT_SECONDS + " s");
        assertTrue(sawPending, "no newPendingTransactions notification for " + tx + " within " + Limits.WAIT_SECONDS + " s");

        socket.sendText("{\"jsonrpc\":\"2.0\",\"id\":9,\"method\":\"eth_unsubscribe\",\"params\":[\"" + heads + "\"]}", true);
        JsonNode reply = next(messages, 9);
        assertTrue(reply.get("result").asBoolean(), reply.toString());
        socket.sendClose(WebSocket.NORMAL_CLOSURE, "done").get(Limits.WAIT_SECONDS, TimeUnit.SECONDS);
    }

    private static String deploy(JsonRpcClient rpc) throws InterruptedException {
        String hash = rpc.result("eth_sendTransaction", "[{\"from\":\"" + DEV + "\",\"data\":\"" + DEPLOY_LOGGER + "\"}]").asText();
        return rpc.awaitReceipt(hash).get("contractAddress").asText();
    }

    private static String subscribe(WebSocket socket, BlockingQueue<JsonNode> messages, int id, String params) throws Exception {
        socket.sendText("{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"eth_subscribe\",\"params\":" + params + "}", true);
        return next(messages, id).get("result").asText();
    }

    /** The reply with {@code id}, skipping notifications that arrive before it. */
    private static JsonNode next(BlockingQueue<JsonNode> messages, int id) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(Limits.WAIT_SECONDS);
        while (System.nanoTime() < deadline) {
            JsonNode message = messages.poll(1, TimeUnit.SECONDS);
            if (message != null && message.has("id") && message.get("id").asInt() == id) {
                return message;
            }
        }
        throw new AssertionError("no reply " + id + " within " + Limits.WAIT_SECONDS + " s");
    }
}
