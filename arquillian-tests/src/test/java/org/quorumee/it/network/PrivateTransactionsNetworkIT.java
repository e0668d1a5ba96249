package org.quorumee.it.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.quorumee.core.peer.PeerMessage;
import org.quorumee.core.peer.PeerMessageCodec;
import org.quorumee.core.privacy.BoxPublicKey;
import org.quorumee.core.privacy.EncodedPayload;
import org.quorumee.core.privacy.LegacyPayloadCodec;
import org.quorumee.core.privacy.PrivacyMetadata;
import org.quorumee.core.privacy.enclave.BoxKeyPair;
import org.quorumee.core.privacy.enclave.Enclave;
import org.quorumee.node.privacy.keys.FileKeyProvider;
import org.quorumee.node.privacy.keys.KeyDirectory;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.Keys;
import org.web3j.crypto.RawTransaction;
import org.web3j.crypto.TransactionEncoder;
import org.web3j.utils.Numeric;

/**
 * The seed's private contract walkthrough on four nodes (one WildFly domain started by bin/quorum;
 * node 1 makes the blocks, the others follow): SimpleStorage(42) deployed from node 1 private for
 * node 3's enclave key; nodes 1 and 3 read 42, nodes 2 and 4 have no such contract; every node holds
 * the transaction, whose input is only the 64-byte payload hash and whose v is 37 or 38; a private
 * set(7) and an externally signed set(9) (storeraw, eth_sendRawPrivateTransaction) reach the parties
 * only; a payload pushed twice is stored once, a push that is no payload is refused; a private
 * transaction for a node that is down is an error to the sender and nothing is pooled.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(value = 30, unit = java.util.concurrent.TimeUnit.MINUTES)
class PrivateTransactionsNetworkIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration LIMIT = Duration.ofSeconds(Long.getLong("quorum.it.network.wait.seconds", 120));
    private static final String GET = "0x6d4ce63c";
    private static final String SET = "0x60fe47b1";
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();

    private static QuorumNetwork network;
    private static final String[] tmKey = new String[5];
    private static String account;
    private static String contract;
    private static long lastValue;

    @BeforeAll
    static void startNetwork() {
        network = QuorumNetwork.start(Path.of(System.getProperty("quorum.it.network.dir")), 4, "--consensus", "single");
        network.awaitLinked(LIMIT);
        for (int node = 1; node <= 4; node++) {
            tmKey[node] = QuorumNetwork.read(network.nodeDir(node).resolve("tm/tm.pub"));
        }
        account = network.result(1, "eth_accounts", "[]").get(0).asText();
    }

    @AfterAll
    static void stopNetwork() {
        if (network != null) {
            network.close();
        }
    }

    @Test
    @Order(1)
    void everyNodeKnowsEveryNodesEnclaveKey() {
        for (int node = 1; node <= 4; node++) {
            JsonNode keys = tm(node, "partyinfo/keys", null).path("keys");
            Set<String> listed = new java.util.HashSet<>();
            keys.forEach(k -> listed.add(k.get("key").asText()));
            assertEquals(Set.of(tmKey[1], tmKey[2], tmKey[3], tmKey[4]), listed, "node " + node);
            assertEquals(tmKey[node], tm(node, "keys", null).path("keys").get(0).get("key").asText());
        }
    }

    @Test
    @Order(2)
    void aContractDeployedPrivateForNode3LivesOnNodes1And3Only() {
        String init = contractInit() + QuorumNetwork.abiWord(42).substring(2);
        long started = System.nanoTime();
        String hash = network.result(1, "eth_sendTransaction", "[{\"from\":\"" + account + "\",\"gas\":\"0x200000\","
                + "\"gasPrice\":\"0x0\",\"data\":\"" + init + "\",\"privateFor\":[\"" + tmKey[3] + "\"]}]").asText();
        long sentMillis = (System.nanoTime() - started) / 1_000_000;
        JsonNode receipt = awaitReceipt(1, hash);
        System.out.printf("private deploy: eth_sendTransaction returned in %d ms (payload pushed and acknowledged), "
                + "receipt on node 1 after %d ms%n", sentMillis, (System.nanoTime() - started) / 1_000_000);
        assertEquals("0x1", receipt.get("status").asText());
        contract = receipt.get("contractAddress").asText();
        for (int node = 2; node <= 4; node++) {
            awaitReceipt(node, hash);
        }
        assertEquals(contract, network.result(3, "eth_getTransactionReceipt", "[\"" + hash + "\"]").get("contractAddress").asText());
        // the block is the same everywhere: its state root is the public state's, which non-parties share
        String block = "[\"" + receipt.get("blockNumber").asText() + "\", false]";
        JsonNode atProducer = network.result(1, "eth_getBlockByNumber", block);
        for (int node = 2; node <= 4; node++) {
            JsonNode there = network.result(node, "eth_getBlockByNumber", block);
            assertEquals(atProducer.get("hash").asText(), there.get("hash").asText(), "node " + node);
            assertEquals(atProducer.get("stateRoot").asText(), there.get("stateRoot").asText(), "node " + node);
        }
        for (int node = 1; node <= 4; node++) {
            JsonNode tx = network.result(node, "eth_getTransactionByHash", "[\"" + hash + "\"]");
            String input = tx.get("input").asText();
            assertEquals(2 + 128, input.length(), "node " + node + ": the input is the 64-byte payload hash only: " + input);
            assertTrue(Set.of("0x25", "0x26").contains(tx.get("v").asText()), "node " + node + " v " + tx.get("v"));
            boolean party = node == 1 || node == 3;
            assertEquals(party ? init : "0x", network.result(node, "eth_getQuorumPayload", "[\"" + input + "\"]").asText(),
                    "node " + node + ": the payload");
        }
        assertValue(42);
    }

    @Test
    @Order(3)
    void aPrivateSetReachesThePartiesOnly() {
        // no gas given: estimated on the private state, at least what the hash-carrying transaction needs
        String hash = network.result(1, "eth_sendTransaction", "[{\"from\":\"" + account + "\",\"to\":\"" + contract
                + "\",\"gasPrice\":\"0x0\",\"data\":\"" + SET + QuorumNetwork.abiWord(7).substring(2)
                + "\",\"privateFor\":[\"" + tmKey[3] + "\"]}]").asText();
        for (int node = 1; node <= 4; node++) {
            awaitReceipt(node, hash);
        }
        JsonNode atParty = network.result(3, "eth_getTransactionReceipt", "[\"" + hash + "\"]");
        assertEquals(1, atParty.get("logs").size(), "the party sees the private receipt's ValueChanged");
        assertEquals(0, network.result(2, "eth_getTransactionReceipt", "[\"" + hash + "\"]").get("logs").size(),
                "a non-party sees the public receipt, without logs");
        assertValue(7);
    }

    @Test
    @Order(4)
    void anExternallySignedPrivateTransactionGoesThroughStoreRaw() throws Exception {
        Credentials signer = Credentials.create(Keys.createEcKeyPair());
        byte[] call = Numeric.hexStringToByteArray(SET + QuorumNetwork.abiWord(9).substring(2));
        String rawHash = tm(1, "storeraw", "{\"payload\":\"" + Base64.getEncoder().encodeToString(call) + "\",\"from\":\""
                + tmKey[1] + "\"}").get("key").asText();
        // Homestead (no chain id), data = the raw payload's hash; the node marks it private (v 37/38).
        RawTransaction tx = RawTransaction.createTransaction(BigInteger.ZERO, BigInteger.ZERO, BigInteger.valueOf(0x100000),
                contract, BigInteger.ZERO, Numeric.toHexString(Base64.getDecoder().decode(rawHash)));
        String raw = Numeric.toHexString(TransactionEncoder.signMessage(tx, signer));
        String hash = network.result(1, "eth_sendRawPrivateTransaction", "[\"" + raw + "\",{\"privateFor\":[\""
                + tmKey[3] + "\"]}]").asText();
        for (int node = 1; node <= 4; node++) {
            awaitReceipt(node, hash);
        }
        JsonNode mined = network.result(2, "eth_getTransactionByHash", "[\"" + hash + "\"]");
        assertEquals(signer.getAddress(), mined.get("from").asText());
        assertTrue(Set.of("0x25", "0x26").contains(mined.get("v").asText()), "v " + mined.get("v"));
        assertValue(9);
    }

    @Test
    @Order(5)
    void aDuplicatePushStoresNothingNewAndAPushThatIsNoPayloadIsRefused() throws Exception {
        // A payload node 1's key seals for node 3, pushed twice (two messages) by node 4's identity,
        // then bytes that are no payload: node 3 takes its inbound messages in order, so once it
        // logged the refusal it has handled both copies.
        BoxKeyPair node1 = new FileKeyProvider(new KeyDirectory(network.nodeDir(1).resolve("tm"))).loadKeys().get(0);
        BoxPublicKey node3 = BoxPublicKey.fromBase64(tmKey[3]);
        byte[] secret = ("pushed twice " + System.nanoTime()).getBytes(StandardCharsets.US_ASCII);
        EncodedPayload sealed = new Enclave(List.of(node1), new java.security.SecureRandom()::nextBytes)
                .encryptPayload(secret, node1.publicKey(), List.of(node3, node1.publicKey()), PrivacyMetadata.STANDARD);
        byte[] forNode3 = LegacyPayloadCodec.encode(sealed.forRecipient(node3));
        PeerMessageCodec codec = new PeerMessageCodec();
        try (PeerClient asNode4 = new PeerClient(network.nodeDir(4), network.peerPort + 2)) {
            for (int copy = 0; copy < 2; copy++) {
                asNode4.send(PeerClient.INBOUND, codec.encode(new PeerMessage(messageId(), new PeerMessage.PrivacyPush(forNode3))));
            }
            asNode4.send(PeerClient.INBOUND, codec.encode(new PeerMessage(messageId(),
                    new PeerMessage.PrivacyPush("not a payload".getBytes(StandardCharsets.US_ASCII)))));
        }
        Path log = network.dir.resolve("domain/servers/node3/log/server.log");
        String refusal = "refused a private payload pushed by " + network.nodeId(4).substring(0, 16);
        QuorumNetwork.await("node 3 logged the refused push", LIMIT, () -> QuorumNetwork.read(log).contains(refusal));
        assertEquals(1, QuorumNetwork.read(log).split(java.util.regex.Pattern.quote(refusal), -1).length - 1,
                "only the bytes that are no payload were refused");
        String hashHex = Numeric.toHexString(sealed.hash().bytes());
        assertEquals(Numeric.toHexString(secret), network.result(3, "eth_getQuorumPayload", "[\"" + hashHex + "\"]").asText());
        assertEquals(tmKey[3], tmText(3, "transaction/" + URLEncoder.encode(sealed.hash().toBase64(), StandardCharsets.UTF_8)
                + "/participants").trim(), "one box, node 3's: the copy merged nothing");
        assertValue(9);
    }

    @Test
    @Order(6)
    void figuresOfTwentyPrivateTransactionsOneAfterAnother() {
        int count = 20;
        long[] sendMillis = new long[count];
        long[] receiptMillis = new long[count];
        for (int i = 0; i < count; i++) {
            long started = System.nanoTime();
            String hash = network.result(1, "eth_sendTransaction", "[{\"from\":\"" + account + "\",\"to\":\"" + contract
                    + "\",\"gas\":\"0x100000\",\"gasPrice\":\"0x0\",\"data\":\"" + SET + QuorumNetwork.abiWord(100 + i).substring(2)
                    + "\",\"privateFor\":[\"" + tmKey[3] + "\"]}]").asText();
            sendMillis[i] = (System.nanoTime() - started) / 1_000_000;
            awaitReceipt(1, hash);
            receiptMillis[i] = (System.nanoTime() - started) / 1_000_000;
        }
        java.util.Arrays.sort(sendMillis);
        java.util.Arrays.sort(receiptMillis);
        System.out.printf("%d private transactions, one at a time: send (sealed, pushed, acknowledged, signed, pooled) "
                + "p50 %d ms max %d ms; send to receipt on node 1 p50 %d ms max %d ms%n", count, sendMillis[count / 2],
                sendMillis[count - 1], receiptMillis[count / 2], receiptMillis[count - 1]);
        QuorumNetwork.await("node 3 at node 1's head", LIMIT, () -> network.result(3, "eth_blockNumber", "[]").asText()
                .equals(network.result(1, "eth_blockNumber", "[]").asText()));
        lastValue = 100 + count - 1;
        assertValue(lastValue);
    }

    @Test
    @Order(7)
    void aPrivateTransactionForANodeThatIsDownIsAnErrorAndNothingIsPooled() {
        String nonceBefore = network.result(1, "eth_getTransactionCount", "[\"" + account + "\",\"pending\"]").asText();
        network.kill(3);
        long started = System.nanoTime();
        JsonNode answer = network.rpc(1).call("eth_sendTransaction", "[{\"from\":\"" + account + "\",\"to\":\"" + contract
                + "\",\"gas\":\"0x100000\",\"gasPrice\":\"0x0\",\"data\":\"" + SET + QuorumNetwork.abiWord(5).substring(2)
                + "\",\"privateFor\":[\"" + tmKey[3] + "\"]}]");
        System.out.printf("send to a killed recipient refused after %d ms: %s%n", (System.nanoTime() - started) / 1_000_000,
                answer.get("error"));
        assertTrue(answer.has("error"), "refused: " + answer);
        assertEquals(-32000, answer.get("error").get("code").asInt());
        assertTrue(answer.get("error").get("message").asText().contains("did not acknowledge"), answer.toString());
        assertEquals(nonceBefore, network.result(1, "eth_getTransactionCount", "[\"" + account + "\",\"pending\"]").asText(),
                "nothing was pooled");
        assertEquals(QuorumNetwork.abiWord(lastValue), network.result(1, "eth_call", "[{\"to\":\"" + contract + "\",\"data\":\""
                + GET + "\"},\"latest\"]").asText());
    }

    /** Nodes 1 and 3 read the value; nodes 2 and 4 have no code at the address. */
    private static void assertValue(long value) {
        for (int node = 1; node <= 4; node++) {
            boolean party = node == 1 || node == 3;
            String code = network.result(node, "eth_getCode", "[\"" + contract + "\",\"latest\"]").asText();
            String read = network.result(node, "eth_call", "[{\"to\":\"" + contract + "\",\"data\":\"" + GET + "\"},\"latest\"]")
                    .asText();
            if (party) {
                assertNotEquals("0x", code, "node " + node + " has the contract's code");
                assertEquals(QuorumNetwork.abiWord(value), read, "node " + node + " reads " + value);
            } else {
                assertEquals("0x", code, "node " + node + " has no such contract");
                assertEquals("0x", read, "node " + node + " reads nothing (0)");
            }
        }
    }

    private static JsonNode awaitReceipt(int node, String hash) {
        QuorumNetwork.await("node " + node + " has the receipt of " + hash, LIMIT,
                () -> !network.result(node, "eth_getTransactionReceipt", "[\"" + hash + "\"]").isNull());
        return network.result(node, "eth_getTransactionReceipt", "[\"" + hash + "\"]");
    }

    private static byte[] messageId() {
        byte[] id = new byte[PeerMessage.ID_LENGTH];
        new java.security.SecureRandom().nextBytes(id);
        return id;
    }

    /** A GET (body null) or a JSON POST to the node's transaction manager. */
    private static JsonNode tm(int node, String path, String body) {
        try {
            return JSON.readTree(tmText(node, path, body));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String tmText(int node, String path) {
        return tmText(node, path, null);
    }

    private static String tmText(int node, String path, String body) {
        URI uri = URI.create("http://127.0.0.1:" + (network.rpcPort + node - 1) + "/tm/" + path);
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(60));
        request = body == null ? request.GET()
                : request.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        try {
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            assertTrue(response.statusCode() / 100 == 2, path + " on node " + node + ": " + response.statusCode() + " "
                    + response.body());
            return response.body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String contractInit() {
        try (var in = PrivateTransactionsNetworkIT.class.getResourceAsStream("/contracts/SimpleStorage.json")) {
            return JSON.readTree(in).get("bin").asText();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

}
