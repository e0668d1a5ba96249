package org.quorumee.bench.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;

/**
 * JSON-RPC 2.0 over HTTP for the load generator: single calls and batches, errors as {@link RpcError}.
 * One instance is shared by all sending threads; the HTTP client keeps one connection per thread
 * that is waiting on it, so the number of threads is the number of connections.
 */
final class JsonRpc {
    static final ObjectMapper JSON = new ObjectMapper();

    /** A JSON-RPC error answer, or a transport failure (code 0). */
    static final class RpcError extends Exception {
        final int code;

        RpcError(int code, String message) {
            super(message);
            this.code = code;
        }
    }

    private final URI endpoint;
    private final HttpClient http;

    JsonRpc(URI endpoint) {
        this.endpoint = requireLoopback(endpoint);
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10))
                .executor(Executors.newCachedThreadPool(r -> {
                    Thread thread = new Thread(r, "rpc-io");
                    thread.setDaemon(true);
                    return thread;
                }))
                .build();
    }

    /** A load test is a denial of service against whatever it points at: only this machine's nodes. */
    static URI requireLoopback(URI endpoint) {
        String scheme = endpoint.getScheme();
        if (!"http".equals(scheme) || endpoint.getHost() == null) {
            throw new IllegalArgumentException("not an http:// URL: " + endpoint);
        }
        try {
            for (InetAddress address : InetAddress.getAllByName(endpoint.getHost())) {
                if (!address.isLoopbackAddress()) {
                    throw new IllegalArgumentException("refusing a non-loopback node: " + endpoint
                            + " (" + address.getHostAddress() + "); load tests run against 127.0.0.1 only");
                }
            }
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("unknown host in " + endpoint, e);
        }
        return endpoint;
    }

    static ObjectNode request(long id, String method, Object... params) {
        ObjectNode request = JSON.createObjectNode().put("jsonrpc", "2.0").put("id", id).put("method", method);
        ArrayNode array = request.putArray("params");
        for (Object param : params) {
            array.add(JSON.valueToTree(param));
        }
        return request;
    }

    /** The result of one call; a JSON-RPC error or an HTTP failure is thrown as {@link RpcError}. */
    JsonNode call(String method, Object... params) throws RpcError {
        return resultOf(post(request(1, method, params)));
    }

    /** The answers of a batch, in the order of the requests (matched by id). */
    JsonNode[] batch(List<ObjectNode> requests) throws RpcError {
        if (requests.isEmpty()) {
            return new JsonNode[0];
        }
        ArrayNode body = JSON.createArrayNode();
        for (int i = 0; i < requests.size(); i++) {
            body.add(requests.get(i).deepCopy().put("id", i));
        }
        JsonNode answer = post(body);
        if (!answer.isArray()) {
            throw new RpcError(answer.path("error").path("code").asInt(0), "batch refused: " + answer);
        }
        JsonNode[] ordered = new JsonNode[requests.size()];
        for (JsonNode item : answer) {
            int id = item.path("id").asInt(-1);
            if (id >= 0 && id < ordered.length) {
                ordered[id] = item;
            }
        }
        return ordered;
    }

    static JsonNode resultOf(JsonNode answer) throws RpcError {
        if (answer == null) {
            throw new RpcError(0, "no answer in batch");
        }
        if (answer.has("error")) {
            JsonNode error = answer.get("error");
            throw new RpcError(error.path("code").asInt(), error.path("message").asText());
        }
        return answer.get("result");
    }

    /** A GET of the endpoint, its JSON answer (the transaction manager's key lists). */
    JsonNode get() throws RpcError {
        try {
            HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(endpoint).timeout(Duration.ofSeconds(60)).GET()
                    .build(), HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() != 200) {
                throw new RpcError(0, "HTTP " + response.statusCode() + " from " + endpoint);
            }
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new RpcError(0, e.getClass().getSimpleName() + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RpcError(0, "interrupted");
        }
    }

    /** A JSON POST to the endpoint, its JSON answer (also for the transaction manager's /tm API). */
    JsonNode post(JsonNode body) throws RpcError {
        try {
            HttpRequest request = HttpRequest.newBuilder(endpoint)
                    .timeout(Duration.ofSeconds(60))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)))
                    .build();
            HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() != 200 && response.body().length == 0) {
                throw new RpcError(0, "HTTP " + response.statusCode());
            }
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new RpcError(0, e.getClass().getSimpleName() + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RpcError(0, "interrupted");
        }
    }
}
