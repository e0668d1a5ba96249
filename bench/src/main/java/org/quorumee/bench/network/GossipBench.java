package org.quorumee.bench.network;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.quorumee.core.bytes.Hex;
import org.quorumee.core.crypto.KeyPair;
import org.quorumee.core.crypto.Secp256k1;
import org.quorumee.core.tx.Transaction;
import org.quorumee.core.tx.TransactionType;
import org.quorumee.core.types.Address;

/**
 * Node-to-node latency and gossip throughput of a running network, measured from outside: every other
 * node is watched over WebSocket ({@code newPendingTransactions}), transactions are sent to the first
 * node with {@code eth_sendRawTransaction}, and the time each one takes to show up in every other
 * node's pool is recorded. The path measured is RPC → pool → JMS topic → per-peer queue → TLS core
 * bridge → peer's inbound queue → MDB → decode → pool → notification.
 *
 * <pre>
 * mvn -B -o -q -Pbench -pl quorum-ejb,bench package -DskipTests
 * java -cp bench/target/classes:$(cat bench/target/classpath.txt):quorum-ejb/target/classes \
 *     org.quorumee.bench.network.GossipBench 25000 4 200 2000 16 300
 * </pre>
 * Arguments: first JSON-RPC port (node i at port + i - 1, loopback only), nodes, latency samples (sent
 * one at a time), throughput transactions (sent by {@code concurrency} senders at once), concurrency,
 * maximum seconds (the run stops by itself). Prints p50/p99 latency and transactions per second
 * delivered to all peers; asserts nothing.
 */
public final class GossipBench {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long CHAIN_ID = 10;
    /** A wait for announcements ends after this long without any. */
    private static final int QUIET_SECONDS = 10;
    private static final Address SINK = Address.fromHex("0x000000000000000000000000000000000000dead");
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();
    /** Per watched node: transaction hash → when it was announced there (nanoTime). */
    private final List<Map<String, Long>> seen = new ArrayList<>();

    public static void main(String[] args) throws Exception {
        if (args.length != 6) {
            System.err.println("usage: GossipBench FIRST_RPC_PORT NODES LATENCY_SAMPLES THROUGHPUT_TXS CONCURRENCY MAX_SECONDS");
            System.exit(2);
        }
        new GossipBench().run(Integer.parseInt(args[0]), Integer.parseInt(args[1]), Integer.parseInt(args[2]),
                Integer.parseInt(args[3]), Integer.parseInt(args[4]), Integer.parseInt(args[5]));
    }

    private void run(int port, int nodes, int samples, int total, int concurrency, int maxSeconds) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(maxSeconds);
        List<WebSocket> sockets = new ArrayList<>();
        for (int node = 2; node <= nodes; node++) {
            Map<String, Long> times = new ConcurrentHashMap<>();
            seen.add(times);
            sockets.add(subscribe(port + node - 1, times));
        }
        URI first = URI.create("http://127.0.0.1:" + port + "/");

        // Latency: one transaction at a time, each from a fresh key; a third of the time at most.
        long latencyDeadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(maxSeconds) / 3;
        long[] latencies = new long[samples];
        long[] rpcTimes = new long[samples];
        int measured = 0;
        for (int i = 0; i < samples && System.nanoTime() < latencyDeadline; i++) {
            Transaction tx = transfer(Secp256k1.generateKeyPair(), 0);
            String hash = Hex.encode(tx.hash());
            long sent = System.nanoTime();
            send(first, tx);
            long answered = System.nanoTime();
            long arrived = awaitEverywhere(Set.of(hash), latencyDeadline);
            if (arrived < 0) {
                break;
            }
            rpcTimes[measured] = answered - sent;
            latencies[measured++] = arrived - sent;
        }
        Arrays.sort(latencies, 0, measured);
        Arrays.sort(rpcTimes, 0, measured);
        System.out.printf(Locale.ROOT, "eth_sendRawTransaction on node 1 (includes queueing the gossip): p50 %.1f ms, p99 %.1f ms%n",
                millis(percentile(rpcTimes, measured, 0.50)), millis(percentile(rpcTimes, measured, 0.99)));
        System.out.printf(Locale.ROOT, "latency to all %d peers over %d samples: p50 %.1f ms, p99 %.1f ms, max %.1f ms%n",
                nodes - 1, measured, millis(percentile(latencies, measured, 0.50)),
                millis(percentile(latencies, measured, 0.99)), measured == 0 ? 0 : millis(latencies[measured - 1]));

        // Throughput: pre-signed transactions of `concurrency` senders, sent at once.
        List<KeyPair> senders = new ArrayList<>();
        for (int s = 0; s < concurrency; s++) {
            senders.add(Secp256k1.generateKeyPair());
        }
        List<List<Transaction>> bySender = new ArrayList<>();
        Set<String> hashes = ConcurrentHashMap.newKeySet();
        for (int s = 0; s < concurrency; s++) {
            List<Transaction> list = new ArrayList<>();
            for (int n = 0; n < total / concurrency; n++) {
                Transaction tx = transfer(senders.get(s), n);
                list.add(tx);
                hashes.add(Hex.encode(tx.hash()));
            }
            bySender.add(list);
        }
        ExecutorService pool = Executors.newFixedThreadPool(concurrency);
        CountDownLatch done = new CountDownLatch(concurrency);
        long start = System.nanoTime();
        for (List<Transaction> list : bySender) {
            pool.execute(() -> {
                try {
                    for (Transaction tx : list) {
                        if (System.nanoTime() > deadline) {
                            return;
                        }
                        send(first, tx);
                    }
                } catch (Exception e) {
                    System.err.println("send failed: " + e.getMessage());
                } finally {
                    done.countDown();
                }
            });
        }
        done.await(maxSeconds, TimeUnit.SECONDS);
        long sentAll = System.nanoTime();
        pool.shutdownNow();
        long arrived = awaitEverywhere(hashes, deadline);
        if (arrived < 0) {
            // A transaction that a peer imported in a block before its gossip arrived is never pending
            // there (the gossip finds it known): count it as delivered by the block, and say so.
            long gossiped = hashes.stream().filter(h -> seen.stream().allMatch(m -> m.containsKey(h))).count();
            long inBlocks = 0;
            long missing = 0;
            for (String hash : hashes) {
                for (int node = 2; node <= nodes; node++) {
                    if (!seen.get(node - 2).containsKey(hash)) {
                        if (minedOn(URI.create("http://127.0.0.1:" + (port + node - 1) + "/"), hash)) {
                            inBlocks++;
                        } else {
                            missing++;
                        }
                    }
                }
            }
            long lastNotified = seen.stream().flatMap(m -> hashes.stream().map(m::get)).filter(java.util.Objects::nonNull)
                    .mapToLong(Long::longValue).max().orElse(start);
            System.out.printf(Locale.ROOT, "throughput: %d of %d transactions reached every peer's pool by gossip; "
                    + "%d deliveries came first in a block (the producer's block push overtook the gossip), %d never arrived; "
                    + "last gossip notification %.2f s after the first send: %.0f tx/s%n", gossiped, hashes.size(), inBlocks,
                    missing, (lastNotified - start) / 1e9, hashes.size() / ((lastNotified - start) / 1e9));
        } else {
            double seconds = (arrived - start) / 1e9;
            System.out.printf(Locale.ROOT, "throughput: %d transactions sent to node 1 in %.2f s (%.0f tx/s accepted), "
                    + "delivered to all %d peers in %.2f s: %.0f tx/s%n", hashes.size(), (sentAll - start) / 1e9,
                    hashes.size() / ((sentAll - start) / 1e9), nodes - 1, seconds, hashes.size() / seconds);
        }
        for (WebSocket socket : sockets) {
            socket.abort();
        }
    }

    /**
     * When the last of {@code hashes} was announced by every watched node; -1 past the deadline, or
     * once no watched node announced anything for {@value #QUIET_SECONDS} s.
     */
    private long awaitEverywhere(Set<String> hashes, long deadline) throws InterruptedException {
        int lastCount = -1;
        long lastChange = System.nanoTime();
        while (System.nanoTime() < deadline) {
            int count = seen.stream().mapToInt(Map::size).sum();
            if (count != lastCount) {
                lastCount = count;
                lastChange = System.nanoTime();
            } else if (System.nanoTime() - lastChange > TimeUnit.SECONDS.toNanos(QUIET_SECONDS)) {
                return -1;
            }
            long latest = 0;
            boolean all = true;
            for (Map<String, Long> times : seen) {
                for (String hash : hashes) {
                    Long at = times.get(hash);
                    if (at == null) {
                        all = false;
                        break;
                    }
                    latest = Math.max(latest, at);
                }
                if (!all) {
                    break;
                }
            }
            if (all) {
                return latest;
            }
            Thread.sleep(1);
        }
        return -1;
    }

    private WebSocket subscribe(int rpcPort, Map<String, Long> times) throws Exception {
        CountDownLatch subscribed = new CountDownLatch(1);
        WebSocket socket = http.newWebSocketBuilder().buildAsync(URI.create("ws://127.0.0.1:" + rpcPort + "/"),
                new WebSocket.Listener() {
                    private final StringBuilder partial = new StringBuilder();

                    @Override
                    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                        partial.append(data);
                        if (last) {
                            long now = System.nanoTime();
                            try {
                                JsonNode message = JSON.readTree(partial.toString());
                                JsonNode result = message.path("params").path("result");
                                if (result.isTextual()) {
                                    times.putIfAbsent(result.asText(), now);
                                } else if (message.has("result")) {
                                    subscribed.countDown();
                                }
                            } catch (Exception e) {
                                System.err.println("unreadable notification: " + e.getMessage());
                            }
                            partial.setLength(0);
                        }
                        webSocket.request(1);
                        return null;
                    }
                }).get(10, TimeUnit.SECONDS);
        socket.sendText("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"eth_subscribe\",\"params\":[\"newPendingTransactions\"]}", true);
        if (!subscribed.await(10, TimeUnit.SECONDS)) {
            throw new IllegalStateException("no subscription on port " + rpcPort);
        }
        return socket;
    }

    /** The node holds the transaction in a block. */
    private boolean minedOn(URI node, String hash) throws Exception {
        String body = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"eth_getTransactionByHash\",\"params\":[\"" + hash + "\"]}";
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(node).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        JsonNode result = JSON.readTree(response.body()).path("result");
        return result.isObject() && !result.path("blockNumber").isNull();
    }

    private void send(URI node, Transaction tx) throws Exception {
        String body = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"eth_sendRawTransaction\",\"params\":[\""
                + Hex.encode(tx.encoded()) + "\"]}";
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(node).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        JsonNode answer = JSON.readTree(response.body());
        if (answer.has("error")) {
            throw new IllegalStateException("eth_sendRawTransaction: " + answer.get("error"));
        }
    }

    private static Transaction transfer(KeyPair sender, long nonce) {
        return Transaction.builder(TransactionType.LEGACY).chainId(BigInteger.valueOf(CHAIN_ID)).nonce(nonce)
                .gasPrice(BigInteger.ZERO).gasLimit(21_000).value(BigInteger.ZERO).data(new byte[0]).to(SINK)
                .sign(sender);
    }

    private static long percentile(long[] sorted, int count, double p) {
        return count == 0 ? 0 : sorted[Math.min(count - 1, (int) Math.ceil(p * count) - 1)];
    }

    private static double millis(long nanos) {
        return nanos / 1e6;
    }
}
