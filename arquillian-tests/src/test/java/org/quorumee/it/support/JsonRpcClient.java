package org.quorumee.it.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** A bare JSON-RPC client over HTTP: sends bodies as given, so tests can send malformed ones too. */
public final class JsonRpcClient {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1) // no h2c upgrade: some nodes (Hardhat) answer it with 400
            .connectTimeout(Duration.ofSeconds(10)).build();
    private final URI endpoint;

    public record Reply(int status, String body) {
        public JsonNode json() {
            try {
                return MAPPER.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException("not JSON: " + body, e);
            }
        }
    }

    public JsonRpcClient(URI endpoint) {
        this.endpoint = endpoint;
    }

    public Reply post(byte[] body) {
        HttpRequest request = HttpRequest.newBuilder(endpoint)
                .timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            return new Reply(response.statusCode(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public Reply post(String body) {
        return post(body.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    /** Calls a method with the given JSON parameters text (e.g. {@code "[\"0x68\"]"}). */
    public JsonNode call(String method, String paramsJson) {
        return post("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"" + method + "\",\"params\":" + paramsJson + "}").json();
    }

    /** The result of a call that must succeed. */
    public JsonNode result(String method, String paramsJson) {
        JsonNode response = call(method, paramsJson);
        if (!response.has("result")) {
            throw new AssertionError(method + " failed: " + response);
        }
        return response.get("result");
    }

    /** The receipt of a sent transaction, polled every 100 ms for up to {@link Limits#WAIT_SECONDS}. */
    public JsonNode awaitReceipt(String hash) throws InterruptedException {
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(Limits.WAIT_SECONDS);
        while (true) {
            JsonNode receipt = result("eth_getTransactionReceipt", "[\"" + hash + "\"]");
            if (!receipt.isNull()) {
                return receipt;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no receipt for " + hash + " within " + Limits.WAIT_SECONDS + " s");
            }
            Thread.sleep(100);
        }
    }
}
