package org.quorumee.it.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs a client script of {@code src/test/js} under Node.js against a node ({@code ethers-client.mjs},
 * ethers v6; {@code web3-client.mjs}, web3.js 4 and 1) and returns the JSON summary it prints last.
 * The build copies that folder to {@code target/js} and runs {@code npm ci} there
 * ({@code quorum.it.js.dir}); the contracts are read from the test class path's folder.
 *
 * <p>The script's output and errors are read on threads of their own while this waits for it with a
 * limit, so a client that hangs (or writes more than a pipe holds) ends in a failure naming the limit,
 * never in a hung build.
 */
public final class ClientScript {
    /** Generous: the script deploys two contracts and sends seven transactions on a loaded machine. */
    private static final long TIMEOUT_SECONDS = 300;

    private ClientScript() {
    }

    public static JsonNode run(URI node) throws IOException, InterruptedException {
        return run("ethers-client.mjs", node);
    }

    public static JsonNode run(String script, URI node) throws IOException, InterruptedException {
        return run(script, List.of(node.toString()));
    }

    /** As {@link #run(String, URI)}, with the script's arguments as given. */
    public static JsonNode run(String script, List<String> arguments) throws IOException, InterruptedException {
        Path jsDir = Path.of(System.getProperty("quorum.it.js.dir", "target/js"));
        Path contracts = Path.of(System.getProperty("quorum.it.contracts.dir", "target/test-classes/contracts"));
        List<String> command = new java.util.ArrayList<>(List.of("node", script));
        command.addAll(arguments);
        ProcessBuilder builder = new ProcessBuilder(command).directory(jsDir.toFile());
        builder.environment().put("QUORUM_CONTRACTS_DIR", contracts.toAbsolutePath().toString());
        Process process = builder.start();
        process.getOutputStream().close();
        CompletableFuture<String> stdout = drain(process.getInputStream());
        CompletableFuture<String> stderr = drain(process.getErrorStream());
        try {
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                throw new AssertionError(script + " still running after " + TIMEOUT_SECONDS + " s; its output so far:\n"
                        + stdout.getNow("") + "\n" + stderr.getNow(""));
            }
            String out = output(stdout).strip();
            if (process.exitValue() != 0) {
                throw new AssertionError(script + " exited " + process.exitValue() + ":\n" + output(stderr) + "\n" + out);
            }
            return new ObjectMapper().readTree(out.substring(out.lastIndexOf('\n') + 1));
        } finally {
            if (process.isAlive()) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
            }
        }
    }

    /** Reads a stream to its end on another thread. */
    private static CompletableFuture<String> drain(InputStream in) {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        CompletableFuture<String> text = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            byte[] chunk = new byte[8192];
            try (in) {
                for (int n; (n = in.read(chunk)) >= 0; ) {
                    synchronized (buffer) {
                        buffer.write(chunk, 0, n);
                    }
                }
                text.complete(buffer.toString(StandardCharsets.UTF_8));
            } catch (IOException e) {
                text.completeExceptionally(new UncheckedIOException(e));
            }
        }, "client-script-output");
        reader.setDaemon(true);
        reader.start();
        return text;
    }

    /** What a drained stream held; the process has ended, so its end comes soon (bounded anyway). */
    private static String output(CompletableFuture<String> stream) throws InterruptedException {
        try {
            return stream.get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot read the script's output", e.getCause());
        } catch (TimeoutException e) {
            throw new AssertionError("the script ended but its output did not close within 30 s", e);
        }
    }

    /** What ethers-client.mjs must have seen: both contracts deployed and used, events and balances right. */
    public static void assertEthersSummary(JsonNode summary) {
        assertEquals("10", summary.path("chainId").asText(), summary.toString());
        String wallet = summary.path("wallet").asText().toLowerCase(Locale.ROOT);
        String recipient = summary.path("recipient").asText().toLowerCase(Locale.ROOT);

        JsonNode storage = summary.path("storage");
        assertTrue(storage.path("hasCode").asBoolean(), storage.toString());
        assertSuccessful(storage.path("deployReceipt"), 0);
        assertSuccessful(storage.path("setReceipt"), 1);
        assertEquals("7", storage.path("initial").asText());
        assertEquals("42", storage.path("afterSet").asText());
        assertEquals(1, storage.path("events").size(), storage.toString());
        JsonNode changed = storage.path("events").get(0);
        assertEquals(wallet, changed.path("author").asText().toLowerCase(Locale.ROOT));
        assertEquals("7", changed.path("oldValue").asText());
        assertEquals("42", changed.path("newValue").asText());

        JsonNode token = summary.path("token");
        assertSuccessful(token.path("deployReceipt"), 1);
        for (String receipt : List.of("transferReceipt", "approveReceipt", "transferFromReceipt")) {
            assertSuccessful(token.path(receipt), 1);
        }
        assertEquals("Quorum Token", token.path("name").asText());
        assertEquals("QEE", token.path("symbol").asText());
        assertEquals(18, token.path("decimals").asInt());
        assertEquals("1000000000000000000000000", token.path("totalSupply").asText());
        assertEquals("999999999999999999999690", token.path("balances").path("wallet").asText());
        assertEquals("310", token.path("balances").path("recipient").asText());
        assertEquals("40", token.path("allowanceLeft").asText());
        assertEquals("allowance exceeded", token.path("overdraft").asText(), "the revert reason of an overdraft");
        JsonNode transfers = token.path("transfers");
        assertEquals(3, transfers.size(), transfers.toString());
        assertEquals("0x0000000000000000000000000000000000000000", transfers.get(0).path("from").asText());
        assertEquals(recipient, transfers.get(1).path("to").asText().toLowerCase(Locale.ROOT));
        assertEquals("250", transfers.get(1).path("value").asText());
        assertEquals("60", transfers.get(2).path("value").asText());
        assertTrue(summary.path("blockNumber").asLong() >= token.path("transferFromReceipt").path("block").asLong());

        JsonNode idleWaits = summary.path("idleWaits");
        assertEquals(2, idleWaits.size(), idleWaits.toString());
        for (JsonNode idle : idleWaits) {
            assertTrue(idle.path("rounds").asInt() > 0, idle.toString());
            assertEquals(idle.path("rounds").asInt(), idle.path("confirmed").asInt(), "every tx.wait() on an idle node returned: " + idle);
        }
    }

    private static void assertSuccessful(JsonNode receipt, int logs) {
        assertEquals(1, receipt.path("status").asInt(), receipt.toString());
        assertTrue(Long.parseLong(receipt.path("gasUsed").asText()) > 21_000, receipt.toString());
        assertEquals(logs, receipt.path("logs").asInt(), receipt.toString());
    }
}
