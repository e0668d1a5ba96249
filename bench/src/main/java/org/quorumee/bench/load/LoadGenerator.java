package org.quorumee.bench.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.math.BigInteger;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.quorumee.bench.load.JsonRpc.RpcError;
import org.quorumee.core.bytes.Hex;
import org.quorumee.core.crypto.KeyPair;
import org.quorumee.core.crypto.Keccak;
import org.quorumee.core.crypto.Secp256k1;
import org.quorumee.core.tx.Transaction;
import org.quorumee.core.tx.TransactionType;
import org.quorumee.core.types.Address;

/**
 * Transactions per second of one node, measured from outside as a client sees it: pre-signed raw
 * transactions sent with {@code eth_sendRawTransaction} over many HTTP connections, confirmed by
 * watching new blocks for their hashes, then every confirmed receipt's status checked.
 *
 * <p>Build and run from the repository root (the erc20 mode reads the token from the test contracts):
 * <pre>
 * mvn -B -o -q -Pbench -pl quorum-ejb,bench package -DskipTests
 * java -cp bench/target/classes:$(cat bench/target/classpath.txt):quorum-ejb/target/classes \
 *     org.quorumee.bench.load.LoadGenerator http://127.0.0.1:22000/ transfer 200 20000 16 300
 * </pre>
 * Arguments: URL (loopback only; several, comma-separated, spread the senders round-robin over a
 * network's nodes: sender i sends to node i mod n), mode {@code transfer|erc20|private}, senders, total
 * transactions (at least 20,000), concurrency (HTTP connections), maximum duration in seconds (the
 * run stops by itself), and optionally a rate in transactions per second (default: as fast as the
 * connections go), for latency at a given load. Setup, the block watch and the receipt check use the
 * first URL; so do private sends (their payloads are stored there while pre-signing). It prints the
 * blocks the run took and their mean interval.
 *
 * <p>Senders are fresh keys and pay gas price 0. In {@code transfer} mode each transaction moves 1 wei
 * to one of a fixed set of recipients, so the senders are first funded from the node's first
 * managed account ({@code eth_accounts}, {@code eth_sendTransaction}); a node without one gets
 * 0-wei transfers instead. In {@code erc20} mode sender 0 deploys {@code QuorumToken} and hands
 * tokens to the others; each transaction is then a {@code transfer(address,uint256)} of 1 unit.
 * In {@code private} mode (a node of a network) sender 0 deploys SimpleStorage privately for one
 * other node's enclave key and each transaction is a private {@code set(i)} for it: its payload stored
 * with {@code /tm/storeraw} while pre-signing, the measured send an {@code eth_sendRawPrivateTransaction}
 * (payload pushed to the recipient's node and acknowledged before the answer).
 * The measured sends go over plain HTTP/1.1 keep-alive connections, one per sending thread and node
 * ({@link KeepAliveConnection}), each request encoded while pre-signing, so that the generator takes
 * as little as it can of the CPU it shares with the node. A sender's transactions are sent one at a time in nonce order (nodes that mine on arrival, like
 * Hardhat's, refuse a nonce gap), so use at least as many senders as connections.
 *
 * <p>For scale: on the shared 2-core development machine a Hardhat 2 node (automine, chain id 10, base
 * fee 0) sustained about 440 transfers/s and 340 ERC-20 transfers/s with 200 senders over 8 connections.
 */
public final class LoadGenerator {
    private static final int MIN_TOTAL = 20_000;
    private static final long TRANSFER_GAS = 21_000;
    private static final long TOKEN_TRANSFER_GAS = 100_000;
    private static final long TOKEN_DEPLOY_GAS = 3_000_000;
    private static final int RECIPIENTS = 1_000;
    private static final int BATCH = 100;
    private static final int METHOD_NOT_FOUND = -32601;
    private static final Path TOKEN_ARTIFACT = Path.of("arquillian-tests/src/test/resources/contracts/QuorumToken.json");
    private static final Path STORAGE_ARTIFACT = Path.of("arquillian-tests/src/test/resources/contracts/SimpleStorage.json");
    private static final String SET = "60fe47b1";

    enum Mode { TRANSFER, ERC20, PRIVATE }

    record Options(List<URI> urls, Mode mode, int senders, int total, int concurrency, int maxSeconds, int rate) {
        static Options parse(String[] args) {
            if (args.length != 6 && args.length != 7) {
                throw new IllegalArgumentException(
                        "usage: LoadGenerator <url[,url...]> <transfer|erc20|private> <senders> <total>=" + MIN_TOTAL
                                + "> <concurrency> <max-seconds> [rate/s]");
            }
            List<URI> urls = Arrays.stream(args[0].split(",")).map(url -> JsonRpc.requireLoopback(URI.create(url))).toList();
            Options options = new Options(urls,
                    Mode.valueOf(args[1].toUpperCase(Locale.ROOT)), Integer.parseInt(args[2]),
                    Integer.parseInt(args[3]), Integer.parseInt(args[4]), Integer.parseInt(args[5]),
                    args.length == 7 ? Integer.parseInt(args[6]) : 0);
            if (options.total < MIN_TOTAL) {
                throw new IllegalArgumentException("total must be at least " + MIN_TOTAL + " for a sustained figure");
            }
            if (options.senders < 1 || options.concurrency < 1 || options.maxSeconds < 1 || options.maxSeconds > 3600
                    || options.rate < 0) {
                throw new IllegalArgumentException("senders, concurrency >= 1; max-seconds in 1..3600; rate >= 0");
            }
            return options;
        }
    }

    /** One signed transaction waiting to be sent. */
    private record Signed(String raw, String hash, byte[] body) {
    }

    /** A sender's transactions in nonce order, all sent to one node; held by one sending thread at a time. */
    private static final class SenderQueue {
        final ArrayDeque<Signed> transactions = new ArrayDeque<>();
        final URI node;

        SenderQueue(URI node) {
            this.node = node;
        }
    }

    private final Options options;
    private final JsonRpc rpc;
    /** With a rate: the send slot of the next transaction (nanoTime), one every 1/rate s. */
    private final java.util.concurrent.atomic.AtomicLong nextSendSlot = new java.util.concurrent.atomic.AtomicLong();
    private long chainId;
    private final List<KeyPair> senders = new ArrayList<>();
    private final long[] nextNonce;
    private final List<Address> recipients = new ArrayList<>();
    /** PRIVATE mode: the transaction manager's /storeraw, and the one recipient's enclave key. */
    private JsonRpc storeRaw;
    private String privateFor;

    /** Send time (nanoTime) of every transaction sent and not yet seen in a block. */
    private final Map<String, Long> inFlight = new ConcurrentHashMap<>();
    private final ConcurrentLinkedQueue<String> confirmed = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
    private final Map<String, AtomicInteger> errors = new ConcurrentHashMap<>();
    private final AtomicInteger sent = new AtomicInteger();
    private final AtomicInteger sendErrors = new AtomicInteger();
    private volatile long lastConfirmationNanos;
    private final AtomicInteger blocksSeen = new AtomicInteger();
    private volatile long firstBlockNanos;
    private volatile long lastBlockNanos;

    private LoadGenerator(Options options) {
        this.options = options;
        this.rpc = new JsonRpc(options.urls().get(0));
        this.nextNonce = new long[options.senders()];
    }

    public static void main(String[] args) throws Exception {
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        try {
            new LoadGenerator(options).run();
        } catch (RpcError e) {
            System.err.println("stopped: " + e.getMessage() + (e.code == METHOD_NOT_FOUND
                    ? " (the node does not execute transactions yet)" : ""));
            System.exit(1);
        }
        System.exit(0);
    }

    private void run() throws Exception {
        chainId = Long.decode(rpc.call("eth_chainId").asText());
        requireMethod("eth_sendRawTransaction");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(options.maxSeconds());
        System.out.printf("load: %s mode=%s senders=%d total=%d concurrency=%d max=%ds rate=%s chainId=%d%n",
                options.urls(), options.mode().name().toLowerCase(Locale.ROOT), options.senders(), options.total(),
                options.concurrency(), options.maxSeconds(), options.rate() == 0 ? "unlimited" : options.rate() + "/s",
                chainId);
        for (int i = 0; i < options.senders(); i++) {
            senders.add(Secp256k1.generateKeyPair());
        }
        for (int i = 0; i < RECIPIENTS; i++) {
            recipients.add(Secp256k1.generateKeyPair().address());
        }

        long setupStart = System.nanoTime();
        Address token = null;
        BigInteger transferValue = BigInteger.ZERO;
        if (options.mode() == Mode.TRANSFER) {
            transferValue = fundSenders() ? BigInteger.ONE : BigInteger.ZERO;
        } else if (options.mode() == Mode.ERC20) {
            token = deployAndDistributeToken();
        } else {
            token = deployPrivateStorage();
        }
        System.out.printf("setup: %.1f s%n", seconds(System.nanoTime() - setupStart));

        long signStart = System.nanoTime();
        List<SenderQueue> queues = presign(token, transferValue);
        System.out.printf("pre-signed %d transactions in %.1f s%n", options.total(), seconds(System.nanoTime() - signStart));

        long startBlock = Long.decode(rpc.call("eth_blockNumber").asText());
        long start = System.nanoTime();
        nextSendSlot.set(start);
        Thread watcher = new Thread(() -> watchBlocks(startBlock + 1, deadline), "block-watcher");
        watcher.start();
        List<Thread> workers = new ArrayList<>();
        LinkedBlockingQueue<SenderQueue> ready = new LinkedBlockingQueue<>(queues);
        for (int i = 0; i < options.concurrency(); i++) {
            Thread worker = new Thread(() -> sendAll(ready, deadline), "sender-" + i);
            worker.start();
            workers.add(worker);
        }
        for (Thread worker : workers) {
            worker.join();
        }
        long sendEnd = System.nanoTime();
        watcher.join();
        long end = System.nanoTime();

        long checkStart = System.nanoTime();
        int reverted = checkReceipts(deadline + TimeUnit.SECONDS.toNanos(120));
        report(start, sendEnd, end, reverted);
        System.out.printf("(receipt statuses checked in %.1f s, after the measurement)%n", seconds(System.nanoTime() - checkStart));
    }

    /** Fails fast, before minutes of signing, when the node lacks the method (-32601). */
    private void requireMethod(String method) throws RpcError {
        try {
            rpc.call(method, "0x00");
        } catch (RpcError e) {
            if (e.code == METHOD_NOT_FOUND) {
                throw e;
            }
        }
    }

    /** Funds every sender with 1 ether from the node's first managed account; false when it has none. */
    private boolean fundSenders() throws Exception {
        JsonNode accounts = rpc.call("eth_accounts");
        if (accounts == null || accounts.isEmpty()) {
            System.out.println("setup: the node manages no account; sending 0-wei transfers");
            return false;
        }
        String funder = accounts.get(0).asText();
        List<String> hashes = new ArrayList<>();
        try {
            for (KeyPair sender : senders) {
                ObjectNode tx = JsonRpc.JSON.createObjectNode().put("from", funder).put("to", sender.address().toString())
                        .put("value", "0xde0b6b3a7640000").put("gas", "0x5208").put("gasPrice", "0x0");
                hashes.add(rpc.call("eth_sendTransaction", tx).asText());
            }
        } catch (RpcError e) {
            System.out.println("setup: funding from " + funder + " refused (" + e.getMessage() + "); sending 0-wei transfers");
            return false;
        }
        awaitReceipts(hashes, "funding");
        System.out.println("setup: funded " + senders.size() + " senders from " + funder);
        return true;
    }

    /** Sender 0 deploys the token and gives each other sender an equal share of the supply. */
    private Address deployAndDistributeToken() throws Exception {
        JsonNode artifact;
        try {
            artifact = JsonRpc.JSON.readTree(Files.readAllBytes(TOKEN_ARTIFACT));
        } catch (IOException e) {
            throw new IllegalStateException("erc20 mode reads " + TOKEN_ARTIFACT + ": run from the repository root", e);
        }
        BigInteger supply = BigInteger.TEN.pow(24);
        byte[] deploy = concat(Hex.decode(artifact.get("bin").asText()), Abi.constructorStringStringUint("Load Token", "LOAD", supply));
        Transaction deployment = sign(0, null, BigInteger.ZERO, deploy, TOKEN_DEPLOY_GAS);
        rpc.call("eth_sendRawTransaction", Hex.encode(deployment.encoded()));
        JsonNode receipt = awaitReceipts(List.of(Hex.encode(deployment.hash())), "token deployment").get(0);
        if (!"0x1".equals(receipt.path("status").asText())) {
            throw new IllegalStateException("token deployment failed: " + receipt);
        }
        Address token = Address.fromHex(receipt.get("contractAddress").asText());
        BigInteger share = supply.divide(BigInteger.valueOf(senders.size()));
        List<String> hashes = new ArrayList<>();
        for (int i = 1; i < senders.size(); i++) {
            Transaction tx = sign(0, token, BigInteger.ZERO, Abi.transfer(senders.get(i).address(), share), TOKEN_TRANSFER_GAS);
            rpc.call("eth_sendRawTransaction", Hex.encode(tx.encoded()));
            hashes.add(Hex.encode(tx.hash()));
        }
        awaitReceipts(hashes, "token distribution");
        System.out.println("setup: token " + token + " deployed, " + share + " units to each of " + senders.size() + " senders");
        return token;
    }

    /**
     * PRIVATE mode: the one recipient is the first enclave key of the network that is not the node's
     * own; sender 0 deploys SimpleStorage privately for it, every transaction is then a private
     * set(i) (the payload stored with /storeraw while pre-signing, the signed transaction sent with
     * eth_sendRawPrivateTransaction: the measured send pushes the payload to the recipient's node
     * and waits for its acknowledgement).
     */
    private Address deployPrivateStorage() throws Exception {
        URI tm = options.urls().get(0).resolve("/tm/");
        storeRaw = new JsonRpc(tm.resolve("storeraw"));
        JsonRpc tmKeys = new JsonRpc(tm.resolve("keys"));
        String own = tmKeys.get().get("keys").get(0).get("key").asText();
        for (JsonNode key : new JsonRpc(tm.resolve("partyinfo/keys")).get().get("keys")) {
            if (!key.get("key").asText().equals(own)) {
                privateFor = key.get("key").asText();
                break;
            }
        }
        if (privateFor == null) {
            throw new IllegalStateException("private mode needs a network: the node knows no other enclave key");
        }
        byte[] init = concat(Hex.decode(JsonRpc.JSON.readTree(Files.readAllBytes(STORAGE_ARTIFACT)).get("bin").asText()),
                new byte[32]);
        Transaction deployment = signPrivate(0, null, init, TOKEN_DEPLOY_GAS);
        rpc.call("eth_sendRawPrivateTransaction", Hex.encode(deployment.encoded()), Map.of("privateFor", List.of(privateFor)));
        JsonNode receipt = awaitReceipts(List.of(Hex.encode(deployment.hash())), "private deployment").get(0);
        if (!"0x1".equals(receipt.path("status").asText())) {
            throw new IllegalStateException("private deployment failed: " + receipt);
        }
        Address contract = Address.fromHex(receipt.get("contractAddress").asText());
        System.out.println("setup: SimpleStorage " + contract + " private for " + privateFor);
        return contract;
    }

    /** Stores {@code payload} with /storeraw and signs the next transaction of sender {@code index} carrying its hash. */
    private Transaction signPrivate(int index, Address to, byte[] payload, long gas) throws RpcError {
        JsonNode stored = storeRaw.post(JsonRpc.JSON.createObjectNode().put("payload",
                java.util.Base64.getEncoder().encodeToString(payload)));
        Transaction.Builder builder = Transaction.builder(TransactionType.LEGACY).privateTransaction(true)
                .nonce(nextNonce[index]++).gasPrice(BigInteger.ZERO).gasLimit(gas)
                .data(java.util.Base64.getDecoder().decode(stored.get("key").asText()));
        if (to != null) {
            builder.to(to);
        }
        return builder.sign(senders.get(index));
    }

    /** Signs the next transaction of sender {@code index} (its nonces count up from 0: fresh keys). */
    private Transaction sign(int index, Address to, BigInteger value, byte[] data, long gas) {
        Transaction.Builder builder = Transaction.builder(TransactionType.LEGACY).chainId(chainId)
                .nonce(nextNonce[index]++).gasPrice(BigInteger.ZERO).gasLimit(gas).value(value).data(data);
        if (to != null) {
            builder.to(to);
        }
        return builder.sign(senders.get(index));
    }

    /** Transaction i goes to sender i mod senders, so every sender carries an equal share. */
    private List<SenderQueue> presign(Address token, BigInteger transferValue) throws RpcError {
        List<SenderQueue> queues = new ArrayList<>();
        for (int s = 0; s < senders.size(); s++) {
            queues.add(new SenderQueue(options.urls().get(s % options.urls().size())));
        }
        for (int i = 0; i < options.total(); i++) {
            int s = i % senders.size();
            Address recipient = recipients.get(i % RECIPIENTS);
            Transaction tx;
            if (options.mode() == Mode.PRIVATE) {
                tx = signPrivate(s, token, Hex.decode("0x" + SET + String.format("%064x", i)), TOKEN_TRANSFER_GAS);
            } else if (token == null) {
                tx = sign(s, recipient, transferValue, new byte[0], TRANSFER_GAS);
            } else {
                tx = sign(s, token, BigInteger.ZERO, Abi.transfer(recipient, BigInteger.ONE), TOKEN_TRANSFER_GAS);
            }
            String raw = Hex.encode(tx.encoded());
            queues.get(s).transactions.add(new Signed(raw, Hex.encode(tx.hash()), KeepAliveConnection.sendRawTransactionBody(raw)));
        }
        return queues;
    }

    /** Takes a sender, sends its next transaction, puts it back: per-sender nonce order, shared load. */
    private void sendAll(LinkedBlockingQueue<SenderQueue> ready, long deadline) {
        Map<URI, KeepAliveConnection> connections = new HashMap<>();
        try {
            sendAll(ready, deadline, connections);
        } finally {
            connections.values().forEach(KeepAliveConnection::close);
        }
    }

    private void sendAll(LinkedBlockingQueue<SenderQueue> ready, long deadline, Map<URI, KeepAliveConnection> connections) {
        while (System.nanoTime() < deadline) {
            SenderQueue queue = ready.poll();
            if (queue == null) {
                return;
            }
            Signed tx = queue.transactions.poll();
            if (options.rate() > 0) {
                long slot = nextSendSlot.getAndAdd(1_000_000_000L / options.rate());
                long wait = slot - System.nanoTime();
                if (wait > 0) {
                    sleepQuietly(TimeUnit.NANOSECONDS.toMillis(wait));
                }
            }
            inFlight.put(tx.hash(), System.nanoTime());
            try {
                if (options.mode() == Mode.PRIVATE) {
                    rpc.call("eth_sendRawPrivateTransaction", tx.raw(), Map.of("privateFor", List.of(privateFor)));
                } else {
                    connections.computeIfAbsent(queue.node, KeepAliveConnection::new).call(tx.body());
                }
                sent.incrementAndGet();
                if (!queue.transactions.isEmpty()) {
                    ready.add(queue);
                }
            } catch (RpcError e) {
                // The sender's later nonces cannot be mined after a refused one: drop them as failed too.
                inFlight.remove(tx.hash());
                int dropped = 1 + queue.transactions.size();
                sendErrors.addAndGet(dropped);
                errors.computeIfAbsent(e.getMessage(), k -> new AtomicInteger()).incrementAndGet();
                if (dropped > 1) {
                    errors.computeIfAbsent("not sent: an earlier nonce of the sender was refused",
                            k -> new AtomicInteger()).addAndGet(dropped - 1);
                }
            }
        }
    }

    /** Reads every new block's transaction hashes (in batches) and confirms the ones this run sent. */
    private void watchBlocks(long firstBlock, long deadline) {
        long next = firstBlock;
        while (System.nanoTime() < deadline && confirmed.size() + sendErrors.get() < options.total()) {
            try {
                long head = Long.decode(rpc.call("eth_blockNumber").asText());
                if (head < next) {
                    Thread.sleep(20);
                    continue;
                }
                long last = Math.min(head, next + BATCH - 1);
                List<ObjectNode> requests = new ArrayList<>();
                for (long n = next; n <= last; n++) {
                    requests.add(JsonRpc.request(0, "eth_getBlockByNumber", "0x" + Long.toHexString(n), false));
                }
                JsonNode[] blocks = rpc.batch(requests);
                long now = System.nanoTime();
                if (blocksSeen.getAndAdd(blocks.length) == 0) {
                    firstBlockNanos = now;
                }
                lastBlockNanos = now;
                for (JsonNode answer : blocks) {
                    for (JsonNode hash : JsonRpc.resultOf(answer).path("transactions")) {
                        Long sentAt = inFlight.remove(hash.asText());
                        if (sentAt != null) {
                            confirmed.add(hash.asText());
                            latencies.add(now - sentAt);
                            lastConfirmationNanos = now;
                        }
                    }
                }
                next = last + 1;
            } catch (RpcError e) {
                errors.computeIfAbsent("block watcher: " + e.getMessage(), k -> new AtomicInteger()).incrementAndGet();
                sleepQuietly(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** Counts the confirmed transactions whose receipt status is not 1 (batches over all connections). */
    private int checkReceipts(long deadline) throws InterruptedException {
        List<String> hashes = new ArrayList<>(confirmed);
        AtomicInteger reverted = new AtomicInteger();
        AtomicInteger checked = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(options.concurrency());
        for (int from = 0; from < hashes.size(); from += BATCH) {
            List<String> batch = hashes.subList(from, Math.min(hashes.size(), from + BATCH));
            pool.execute(() -> {
                if (System.nanoTime() > deadline) {
                    return;
                }
                List<ObjectNode> requests = new ArrayList<>();
                for (String hash : batch) {
                    requests.add(JsonRpc.request(0, "eth_getTransactionReceipt", hash));
                }
                try {
                    for (JsonNode answer : rpc.batch(requests)) {
                        JsonNode receipt = JsonRpc.resultOf(answer);
                        checked.incrementAndGet();
                        if (receipt == null || !"0x1".equals(receipt.path("status").asText())) {
                            reverted.incrementAndGet();
                        }
                    }
                } catch (RpcError e) {
                    errors.computeIfAbsent("receipt check: " + e.getMessage(), k -> new AtomicInteger()).incrementAndGet();
                }
            });
        }
        pool.shutdown();
        pool.awaitTermination(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        pool.shutdownNow();
        if (checked.get() < hashes.size()) {
            System.out.printf("receipts: only %d of %d checked before the time limit%n", checked.get(), hashes.size());
        }
        if (reverted.get() > 0) {
            errors.computeIfAbsent("receipt status 0 (reverted)", k -> new AtomicInteger()).addAndGet(reverted.get());
        }
        return reverted.get();
    }

    /** Waits (bounded) until every hash has a receipt; the receipts in the order of the hashes. */
    private List<JsonNode> awaitReceipts(List<String> hashes, String what) throws RpcError, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        JsonNode[] receipts = new JsonNode[hashes.size()];
        int missing = hashes.size();
        while (missing > 0) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(what + ": " + missing + " receipts missing after 120 s");
            }
            for (int from = 0; from < hashes.size(); from += BATCH) {
                List<ObjectNode> requests = new ArrayList<>();
                List<Integer> indexes = new ArrayList<>();
                for (int i = from; i < Math.min(hashes.size(), from + BATCH); i++) {
                    if (receipts[i] == null) {
                        requests.add(JsonRpc.request(0, "eth_getTransactionReceipt", hashes.get(i)));
                        indexes.add(i);
                    }
                }
                JsonNode[] answers = rpc.batch(requests);
                for (int k = 0; k < answers.length; k++) {
                    JsonNode receipt = JsonRpc.resultOf(answers[k]);
                    if (receipt != null && !receipt.isNull()) {
                        receipts[indexes.get(k)] = receipt;
                        missing--;
                    }
                }
            }
            if (missing > 0) {
                Thread.sleep(100);
            }
        }
        return Arrays.asList(receipts);
    }

    private void report(long start, long sendEnd, long end, int reverted) {
        long[] sorted = latencies.stream().mapToLong(Long::longValue).sorted().toArray();
        int confirmedCount = sorted.length;
        double wall = seconds((confirmedCount > 0 ? lastConfirmationNanos : end) - start);
        System.out.printf("sent: %d accepted, %d refused, in %.1f s (%.0f/s)%n",
                sent.get(), sendErrors.get(), seconds(sendEnd - start), sent.get() / seconds(sendEnd - start));
        System.out.printf("confirmed: %d, failed: %d (refused %d, reverted %d), unconfirmed at stop: %d%n",
                confirmedCount - reverted, sendErrors.get() + reverted, sendErrors.get(), reverted, inFlight.size());
        System.out.printf("wall time (first send to last confirmation): %.1f s%n", wall);
        System.out.printf("sustained TPS: %.1f%n", (confirmedCount - reverted) / wall);
        if (confirmedCount > 0) {
            System.out.printf("latency send->in a block: p50 %.1f ms, p90 %.1f ms, p99 %.1f ms, max %.1f ms%n",
                    millis(percentile(sorted, 50)), millis(percentile(sorted, 90)), millis(percentile(sorted, 99)),
                    millis(sorted[sorted.length - 1]));
        }
        int blocks = blocksSeen.get();
        if (blocks > 1) {
            System.out.printf("blocks: %d, one every %.1f ms on average while transactions came, %.1f transactions each%n",
                    blocks, millis(lastBlockNanos - firstBlockNanos) / (blocks - 1), confirmedCount / (double) blocks);
        }
        Map<String, Integer> byMessage = new TreeMap<>();
        errors.forEach((message, count) -> byMessage.put(message, count.get()));
        System.out.println("errors by message:" + (byMessage.isEmpty() ? " none" : ""));
        byMessage.forEach((message, count) -> System.out.printf("  %6d  %s%n", count, message));
    }

    private static long percentile(long[] sorted, int p) {
        int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }

    private static double millis(long nanos) {
        return nanos / 1e6;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] joined = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, joined, a.length, b.length);
        return joined;
    }

    private static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The few ABI encodings the token needs (Solidity ABI: 32-byte words, dynamic data after the head). */
    static final class Abi {
        private static final byte[] TRANSFER = Arrays.copyOf(
                Keccak.keccak256("transfer(address,uint256)".getBytes(StandardCharsets.US_ASCII)), 4);

        private Abi() {
        }

        static byte[] transfer(Address to, BigInteger amount) {
            return concat(TRANSFER, concat(word(new BigInteger(1, to.toArray())), word(amount)));
        }

        static byte[] constructorStringStringUint(String first, String second, BigInteger number) {
            byte[] firstTail = string(first);
            byte[] head = concat(concat(word(BigInteger.valueOf(96)), word(BigInteger.valueOf(96 + firstTail.length))), word(number));
            return concat(head, concat(firstTail, string(second)));
        }

        private static byte[] string(String text) {
            byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
            byte[] padded = Arrays.copyOf(utf8, (utf8.length + 31) / 32 * 32);
            return concat(word(BigInteger.valueOf(utf8.length)), padded);
        }

        private static byte[] word(BigInteger value) {
            byte[] bytes = value.toByteArray();
            byte[] word = new byte[32];
            int length = Math.min(bytes.length, 32);
            System.arraycopy(bytes, bytes.length - length, word, 32 - length, length);
            return word;
        }
    }
}
