package org.quorumee.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.quorumee.it.support.JsonRpcClient;
import org.quorumee.it.support.NodeDeployment;

/**
 * The limits that need a node configured to reach them: its own Failsafe execution and container
 * ({@code limits-node} in arquillian.xml): no gas cap ({@code quorum.rpc.gasCap=0}, so only the 5 s
 * deadline stops a call), a 200,000-byte response cap, at most 2 WebSocket connections and 3
 * subscriptions each, the default namespaces, no account unlocked. It runs after the other suites,
 * on the same database. (So do not name it in {@code -Dit.test}.)
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class LimitsIT {
    private static final String LOOP = "0x5b600056";
    private static final int MAX_RESPONSE_BYTES = 200_000;
    private static final ObjectMapper JSON = new ObjectMapper();

    @Deployment(testable = false)
    static EnterpriseArchive ear() {
        return NodeDeployment.ear();
    }

    @ArquillianResource
    URL baseUrl;

    private URI node;
    private JsonRpcClient rpc;

    @BeforeEach
    void client() {
        node = URI.create(baseUrl.toString()).resolve("/");
        rpc = new JsonRpcClient(node);
    }

    @Test
    void anUncappedInfiniteLoopIsStoppedAtTheDeadline() {
        for (String method : new String[] {"eth_call", "eth_estimateGas"}) {
            long start = System.nanoTime();
            JsonNode reply = rpc.call(method, "[{\"data\":\"" + LOOP + "\",\"gas\":\"0x7fffffffffffffff\"}]");
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertEquals(-32000, reply.path("error").path("code").asInt(), reply.toString());
            assertEquals("execution aborted (timeout = 5s)", reply.path("error").path("message").asText());
            System.out.println(method + " of an infinite loop with gas 2^63-1 and no cap answered after " + millis + " ms");
        }
        assertEquals("0xa", rpc.result("eth_chainId", "[]").asText(), "and the node answers at once after it");
    }

    @Test
    void aBatchStopsAtTheResponseCap() throws Exception {
        StringBuilder batch = new StringBuilder("[");
        for (int i = 0; i < 1000; i++) {
            batch.append(i == 0 ? "" : ",").append("{\"jsonrpc\":\"2.0\",\"id\":").append(i)
                    .append(",\"method\":\"eth_getBlockByNumber\",\"params\":[\"latest\",true]}");
        }
        JsonRpcClient.Reply reply = rpc.post(batch.append("]").toString());
        assertEquals(200, reply.status());
        JsonNode responses = JSON.readTree(reply.body());
        assertEquals(1000, responses.size(), "every request is answered");
        int answered = 0;
        for (int i = 0; i < 1000; i++) {
            JsonNode response = responses.get(i);
            assertEquals(i, response.get("id").asInt());
            if (response.has("result")) {
                assertEquals(i, answered, "results come first, then only errors");
                answered++;
            } else {
                assertEquals(-32003, response.get("error").get("code").asInt(), response.toString());
                assertEquals("response too large", response.get("error").get("message").asText());
            }
        }
        assertTrue(answered > 0 && answered < 1000, answered + " answered");
        assertTrue(reply.body().length() < MAX_RESPONSE_BYTES + 1000 * 80, reply.body().length() + " bytes");
    }

    @Test
    void onlyTheDefaultNamespacesAreServed() {
        assertEquals("{\"eth\":\"1.0\",\"net\":\"1.0\",\"web3\":\"1.0\"}", rpc.result("rpc_modules", "[]").toString());
        for (String method : new String[] {"personal_listAccounts", "personal_unlockAccount", "debug_traceTransaction",
                "txpool_content"}) {
            assertEquals(-32601, rpc.call(method, "[]").path("error").path("code").asInt(), method);
        }
    }

    /** A WebSocket client that keeps every message and how its connection ended. */
    private static final class Client implements WebSocket.Listener {
        final BlockingQueue<JsonNode> messages = new LinkedBlockingQueue<>();
        final CompletableFuture<Integer> closed = new CompletableFuture<>();
        private final StringBuilder text = new StringBuilder();
        WebSocket socket;

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

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closed.complete(statusCode);
            return null;
        }

        JsonNode call(int id, String method, String params) throws InterruptedException {
            socket.sendText("{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"" + method + "\",\"params\":" + params + "}", true);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (System.nanoTime() < deadline) {
                JsonNode message = messages.poll(1, TimeUnit.SECONDS);
                if (message != null && message.path("id").asInt(-1) == id) {
                    return message;
                }
            }
            throw new AssertionError("no reply " + id);
        }
    }

    private Client connect() throws Exception {
        Client client = new Client();
        client.socket = HttpClient.newHttpClient().newWebSocketBuilder()
                .buildAsync(URI.create(baseUrl.toString().replaceFirst("^http", "ws")).resolve("/"), client)
                .get(10, TimeUnit.SECONDS);
        return client;
    }

    @Test
    void webSocketConnectionsAndSubscriptionsAreCapped() throws Exception {
        List<Client> open = new ArrayList<>();
        try {
            open.add(connect());
            open.add(connect());
            assertEquals("0xa", open.get(1).call(1, "eth_chainId", "[]").get("result").asText());
            Client third = connect();
            assertEquals(1013, third.closed.get(10, TimeUnit.SECONDS), "a third connection is closed: try again later");

            Client first = open.get(0);
            for (int i = 0; i < 3; i++) {
                JsonNode subscribed = first.call(10 + i, "eth_subscribe", "[\"newHeads\"]");
                assertTrue(subscribed.get("result").asText().startsWith("0x"), subscribed.toString());
            }
            JsonNode refused = first.call(20, "eth_subscribe", "[\"newHeads\"]");
            assertEquals(-32005, refused.get("error").get("code").asInt(), refused.toString());

            // A closed connection makes room for another.
            first.socket.sendClose(WebSocket.NORMAL_CLOSURE, "done").get(10, TimeUnit.SECONDS);
            first.closed.get(10, TimeUnit.SECONDS);
            open.remove(first);
            Client another = connectWhenThereIsRoom();
            open.add(another);
            assertEquals("0xa", another.call(2, "eth_chainId", "[]").get("result").asText());
        } finally {
            for (Client client : open) {
                client.socket.abort();
            }
        }
    }

    /** The server counts a connection out once its close is processed: retry a refused one a while. */
    private Client connectWhenThereIsRoom() throws Exception {
        for (int attempt = 0; attempt < 50; attempt++) {
            Client client = connect();
            client.socket.sendText("{\"jsonrpc\":\"2.0\",\"id\":99,\"method\":\"eth_chainId\",\"params\":[]}", true);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (!client.closed.isDone() && System.nanoTime() < deadline) {
                JsonNode message = client.messages.poll(100, TimeUnit.MILLISECONDS);
                if (message != null && message.path("id").asInt() == 99) {
                    return client;
                }
            }
            client.socket.abort();
        }
        throw new AssertionError("no room for a connection after one was closed");
    }
}
