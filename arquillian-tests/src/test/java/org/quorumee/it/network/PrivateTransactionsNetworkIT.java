package org.quorumee.it.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
import java.util.Map;
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
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.http.HttpService;
import org.web3j.quorum.Quorum;
import org.web3j.quorum.enclave.Tessera;
import org.web3j.quorum.enclave.protocol.EnclaveService;
import org.web3j.quorum.tx.ClientTransactionManager;
import org.web3j.quorum.tx.QuorumTransactionManager;
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
    /** The root of an empty trie: the storage root of an account without storage. */
    private static final String EMPTY_TRIE_ROOT = "0x56e81f171bcc55a6ff8345e692c0f86e5b48e01b996cadc001622fb5e363b421";
    /** GoQuorum's trace of a private transaction at a node that is not a party: nothing ran. */
    private static final JsonNode EMPTY_TRACE = parse("{\"gas\":0,\"failed\":false,\"returnValue\":\"\",\"structLogs\":[]}");
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();

    private static QuorumNetwork network;
    private static final String[] tmKey = new String[5];
    private static String account;
    private static String contract;
    private static long lastValue;
    /** The private set(7) for node 3, traced later. */
    private static String setHash;
    /** The block of the first deploy (value 42). */
    private static String deployBlock;

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
        deployBlock = receipt.get("blockNumber").asText();
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
        setHash = hash;
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
    @Order(10)
    void theStorageRootOfAPrivateContractIsThePartiesOwn() {
        // GoQuorum's eth_storageRoot: the account in the private state when this node is a party
        String atSender = network.result(1, "eth_storageRoot", "[\"" + contract + "\"]").asText();
        assertEquals(atSender, network.result(3, "eth_storageRoot", "[\"" + contract + "\",\"latest\"]").asText());
        assertNotEquals(EMPTY_TRIE_ROOT, atSender);
        String atDeploy = network.result(1, "eth_storageRoot", "[\"" + contract + "\",\"" + deployBlock + "\"]").asText();
        assertNotEquals(atSender, atDeploy, "42 then, 9 now: another storage");
        assertEquals(atDeploy, network.result(3, "eth_storageRoot", "[\"" + contract + "\",\"" + deployBlock + "\"]").asText());
        String beforeDeploy = "0x" + Long.toHexString(Long.decode(deployBlock) - 1);
        for (int node = 1; node <= 4; node++) {
            boolean party = node == 1 || node == 3;
            JsonNode answer = network.rpc(node).call("eth_storageRoot", "[\"" + contract + "\",\""
                    + (party ? beforeDeploy : "latest") + "\"]");
            assertEquals("can't find state object", answer.path("error").path("message").asText(), "node " + node + ": " + answer);
            // an account of the public state answers the same everywhere (an externally owned one: no storage)
            assertEquals(EMPTY_TRIE_ROOT, network.result(node, "eth_storageRoot", "[\"" + account + "\"]").asText());
        }
    }

    @Test
    @Order(11)
    void aPrivateTransactionIsTracedAtThePartiesAndEmptyElsewhere() throws Exception {
        JsonNode atSender = network.result(1, "debug_traceTransaction", "[\"" + setHash + "\"]");
        assertFalse(atSender.get("failed").asBoolean());
        assertFalse(atSender.get("structLogs").isEmpty(), "the sender ran set(7)");
        assertEquals(atSender, network.result(3, "debug_traceTransaction", "[\"" + setHash + "\"]"));
        for (int node : new int[] {2, 4}) {
            assertEquals(EMPTY_TRACE, network.result(node, "debug_traceTransaction", "[\"" + setHash + "\"]"), "node " + node);
        }
    }

    @Test
    @Order(12)
    void aFilledPrivateTransactionIsSignedAndSentRaw() {
        // GoQuorum's eth_fillTransaction: defaults filled, the payload stored for its sender, data = its hash
        JsonNode tx = network.result(1, "eth_fillTransaction", "[{\"from\":\"" + account + "\",\"to\":\"" + contract
                + "\",\"gasPrice\":\"0x0\",\"data\":\"" + SET + QuorumNetwork.abiWord(11).substring(2) + "\",\"privateFor\":[\""
                + tmKey[3] + "\"]}]").get("tx");
        String input = tx.get("input").asText();
        assertEquals(2 + 128, input.length(), "the data is the payload's 64-byte hash: " + input);
        assertEquals("0x25", tx.get("v").asText(), "marked private");
        assertEquals(network.result(1, "eth_getTransactionCount", "[\"" + account + "\",\"pending\"]").asText(),
                tx.get("nonce").asText());
        // then, as the acceptance tests do: sign those fields, send them with eth_sendRawPrivateTransaction
        String raw = network.result(1, "eth_signTransaction", "[{\"from\":\"" + account + "\",\"to\":\"" + contract
                + "\",\"nonce\":\"" + tx.get("nonce").asText() + "\",\"gas\":\"" + tx.get("gas").asText()
                + "\",\"gasPrice\":\"0x0\",\"data\":\"" + input + "\",\"privateFor\":[\"" + tmKey[3] + "\"]}]").get("raw").asText();
        String hash = network.result(1, "eth_sendRawPrivateTransaction", "[\"" + raw + "\",{\"privateFor\":[\"" + tmKey[3]
                + "\"]}]").asText();
        awaitReceipts(hash);
        assertValue(11);
    }

    @Test
    @Order(13)
    void aPrivateTransactionThatRevertsLeavesThePublicStateAlone() {
        long nonce = Long.decode(network.result(1, "eth_getTransactionCount", "[\"" + account + "\",\"pending\"]").asText());
        // SimpleStorage has no fallback: an unknown selector reverts at the parties
        String hash = send(1, contract, "0xdeadbeef", tmKey[3]);
        awaitReceipts(hash);
        String block = network.result(1, "eth_getTransactionReceipt", "[\"" + hash + "\"]").get("blockNumber").asText();
        JsonNode atProducer = network.result(1, "eth_getBlockByNumber", "[\"" + block + "\", false]");
        for (int node = 1; node <= 4; node++) {
            boolean party = node == 1 || node == 3;
            // GoQuorum #434: the private failure is the parties' receipt only; the public receipt succeeds
            assertEquals(party ? "0x0" : "0x1", network.result(node, "eth_getTransactionReceipt", "[\"" + hash + "\"]")
                    .get("status").asText(), "node " + node);
            JsonNode there = network.result(node, "eth_getBlockByNumber", "[\"" + block + "\", false]");
            assertEquals(atProducer.get("stateRoot").asText(), there.get("stateRoot").asText(), "node " + node);
            assertEquals(atProducer.get("hash").asText(), there.get("hash").asText(), "node " + node);
            // the sender's one (public) nonce moved on every node, as for any private transaction
            assertEquals(nonce + 1, Long.decode(network.result(node, "eth_getTransactionCount", "[\"" + account + "\",\""
                    + block + "\"]").asText()), "node " + node);
        }
        assertValue(11);
    }

    @Test
    @Order(14)
    void aNonPartysTransactionLeavesThePartiesStateAlone() {
        // node 2 is no party to the contract: its set(13), private for node 4 (no party either), reaches
        // neither node 1 nor node 3, and runs into an empty account at 2 and 4
        String node2Account = network.result(2, "eth_accounts", "[]").get(0).asText();
        String hash = network.result(2, "eth_sendTransaction", "[{\"from\":\"" + node2Account + "\",\"to\":\"" + contract
                + "\",\"gas\":\"0x100000\",\"gasPrice\":\"0x0\",\"data\":\"" + SET + QuorumNetwork.abiWord(13).substring(2)
                + "\",\"privateFor\":[\"" + tmKey[4] + "\"]}]").asText();
        awaitReceipts(hash);
        for (int node = 1; node <= 4; node++) {
            boolean recipient = node == 2 || node == 4;
            String input = network.result(node, "eth_getTransactionByHash", "[\"" + hash + "\"]").get("input").asText();
            assertEquals(recipient, !"0x".equals(network.result(node, "eth_getQuorumPayload", "[\"" + input + "\"]").asText()),
                    "node " + node + " holds the payload");
        }
        assertValue(11);
    }

    @Test
    @Order(15)
    void aTransactionForTwoOfThreePartiesLeavesTheThirdOnTheOldValue() throws Exception {
        String init = contractInit() + QuorumNetwork.abiWord(1).substring(2);
        String deploy = send(1, null, init, tmKey[2], tmKey[3]);
        awaitReceipts(deploy);
        String shared = network.result(1, "eth_getTransactionReceipt", "[\"" + deploy + "\"]").get("contractAddress").asText();
        assertEquals(List.of("1", "1", "1", ""), values(shared));
        String set = send(1, shared, SET + QuorumNetwork.abiWord(2).substring(2), tmKey[2]);
        awaitReceipts(set);
        // GoQuorum's standard privacy: the two recipients move on, the third keeps its state, the outsider has none
        assertEquals(List.of("2", "2", "1", ""), values(shared));
        String root = network.result(1, "eth_storageRoot", "[\"" + shared + "\"]").asText();
        assertEquals(root, network.result(2, "eth_storageRoot", "[\"" + shared + "\"]").asText());
        assertNotEquals(root, network.result(3, "eth_storageRoot", "[\"" + shared + "\"]").asText());
        JsonNode trace = network.result(1, "debug_traceTransaction", "[\"" + set + "\"]");
        assertFalse(trace.get("structLogs").isEmpty());
        assertEquals(trace, network.result(2, "debug_traceTransaction", "[\"" + set + "\"]"));
        for (int node : new int[] {3, 4}) {
            assertEquals(EMPTY_TRACE, network.result(node, "debug_traceTransaction", "[\"" + set + "\"]"), "node " + node);
        }
    }

    @Test
    @Order(16)
    void aNonPartysDatabaseHoldsNothingOfThePayloadAndThePartiesStoreOnlyCipherText() throws Exception {
        byte[] marker = new byte[32];
        new java.security.SecureRandom().nextBytes(marker);
        marker[0] = (byte) 0x5a; // a stored word keeps all 32 bytes
        String init = contractInit() + Numeric.toHexStringNoPrefix(marker);
        byte[] plaintext = Numeric.hexStringToByteArray(init);
        String hash = send(1, null, init, tmKey[3]);
        awaitReceipts(hash);
        String scanned = network.result(3, "eth_getTransactionReceipt", "[\"" + hash + "\"]").get("contractAddress").asText();
        assertEquals(Numeric.toHexString(marker), network.result(3, "eth_call", "[{\"to\":\"" + scanned + "\",\"data\":\""
                + GET + "\"},\"latest\"]").asText());
        byte[] payloadHash = Numeric.hexStringToByteArray(network.result(1, "eth_getTransactionByHash", "[\"" + hash + "\"]")
                .get("input").asText());
        // the search can see: node 3's private state stores the marker, in its database file once written
        QuorumNetwork.await("node 3's database file holds the stored marker", LIMIT,
                () -> indexOf(readAll(databaseFile(3)), marker) >= 0);
        // node 4 never was a party to any SimpleStorage payload: not one 16-byte piece of it is on its disk
        byte[] outsider = readAll(databaseFile(4));
        List<byte[]> pieces = pieces(plaintext);
        assertTrue(pieces.size() > 100, "pieces: " + pieces.size());
        for (byte[] piece : pieces) {
            assertEquals(-1, indexOf(outsider, piece), "node 4's database holds " + Numeric.toHexString(piece));
        }
        // the parties' payload tables: cipher text only
        for (int node : new int[] {1, 3}) {
            Map<String, byte[]> rows = new java.util.HashMap<>();
            int party = node;
            QuorumNetwork.await("node " + node + "'s payload table holds the payload", LIMIT, () -> {
                rows.clear();
                rows.putAll(payloadRows(party));
                return rows.containsKey(Numeric.toHexString(payloadHash));
            });
            EncodedPayload stored = LegacyPayloadCodec.decode(rows.get(Numeric.toHexString(payloadHash)));
            assertEquals(plaintext.length + 16, stored.cipherText().length, "cipher text and its Poly1305 tag");
            for (Map.Entry<String, byte[]> row : rows.entrySet()) {
                for (byte[] piece : pieces) {
                    assertEquals(-1, indexOf(row.getValue(), piece), "node " + node + "'s row " + row.getKey());
                }
            }
        }
    }

    @Test
    @Order(17)
    void aTamperedPayloadAndOneForAnotherKeyAreRefused() throws Exception {
        BoxKeyPair node1 = new FileKeyProvider(new KeyDirectory(network.nodeDir(1).resolve("tm"))).loadKeys().get(0);
        BoxPublicKey node3 = BoxPublicKey.fromBase64(tmKey[3]);
        BoxKeyPair stranger = BoxKeyPair.generate(new java.security.SecureRandom()::nextBytes);
        Enclave enclave = new Enclave(List.of(node1), new java.security.SecureRandom()::nextBytes);
        byte[] secret = ("tampered " + System.nanoTime()).getBytes(StandardCharsets.US_ASCII);
        EncodedPayload forNode3 = enclave.encryptPayload(secret, node1.publicKey(), List.of(node3), PrivacyMetadata.STANDARD)
                .forRecipient(node3);
        byte[] tampered = LegacyPayloadCodec.encode(forNode3);
        tampered[indexOf(tampered, forNode3.cipherText())] ^= 1;
        EncodedPayload forStranger = enclave.encryptPayload(secret, node1.publicKey(), List.of(stranger.publicKey()),
                PrivacyMetadata.STANDARD).forRecipient(stranger.publicKey());
        PeerMessageCodec codec = new PeerMessageCodec();
        try (PeerClient asNode4 = new PeerClient(network.nodeDir(4), network.peerPort + 2)) {
            asNode4.send(PeerClient.INBOUND, codec.encode(new PeerMessage(messageId(), new PeerMessage.PrivacyPush(tampered))));
            asNode4.send(PeerClient.INBOUND, codec.encode(new PeerMessage(messageId(),
                    new PeerMessage.PrivacyPush(LegacyPayloadCodec.encode(forStranger)))));
        }
        Path log = network.dir.resolve("domain/servers/node3/log/server.log");
        String tamperedHash = LegacyPayloadCodec.decode(tampered).hash().toString();
        QuorumNetwork.await("node 3 refused both pushes", LIMIT, () -> {
            String text = QuorumNetwork.read(log);
            return text.contains("does not authenticate") && text.contains("is for none of this node's keys");
        });
        for (EncodedPayload refused : List.of(LegacyPayloadCodec.decode(tampered), forStranger)) {
            assertEquals("0x", network.result(3, "eth_getQuorumPayload", "[\"" + Numeric.toHexString(refused.hash().bytes())
                    + "\"]").asText(), "nothing stored for " + tamperedHash);
        }
    }

    @Test
    @Order(18)
    void web3jQuorumDeploysCallsAndSignsThroughStoreRaw() throws Exception {
        Quorum atNode1 = Quorum.build(new HttpService("http://127.0.0.1:" + network.rpcPort));
        Quorum atNode3 = Quorum.build(new HttpService("http://127.0.0.1:" + (network.rpcPort + 2)));
        try {
            // node-signed: eth_sendTransaction with privateFrom/privateFor, as web3j-quorum sends it
            ClientTransactionManager sender = new ClientTransactionManager(atNode1, account, tmKey[1], List.of(tmKey[3]));
            String deploy = sender.sendTransaction(BigInteger.ZERO, BigInteger.valueOf(0x200000), null,
                    contractInit() + QuorumNetwork.abiWord(21).substring(2), BigInteger.ZERO).getTransactionHash();
            awaitReceipts(deploy);
            String deployed = atNode1.ethGetTransactionReceipt(deploy).send().getTransactionReceipt().orElseThrow()
                    .getContractAddress();
            assertEquals(List.of("21", "", "21", ""), values(deployed));
            String set = sender.sendTransaction(BigInteger.ZERO, BigInteger.valueOf(0x100000), deployed,
                    SET + QuorumNetwork.abiWord(22).substring(2), BigInteger.ZERO).getTransactionHash();
            awaitReceipts(set);
            ClientTransactionManager reader = new ClientTransactionManager(atNode3, account, tmKey[3], List.of(tmKey[1]));
            assertEquals(QuorumNetwork.abiWord(22), reader.sendCall(deployed, GET, DefaultBlockParameterName.LATEST));
            // externally signed: the payload through /storeraw, signed Homestead and marked private by
            // web3j-quorum, sent with eth_sendRawPrivateTransaction
            Credentials signer = Credentials.create(Keys.createEcKeyPair());
            Tessera tessera = new Tessera(new EnclaveService("http://127.0.0.1", network.rpcPort, transactionManagerClient()),
                    atNode1);
            QuorumTransactionManager external = new QuorumTransactionManager(atNode1, tessera, signer, tmKey[1], List.of(tmKey[3]));
            var sent = external.sendTransaction(BigInteger.ZERO, BigInteger.valueOf(0x100000), deployed,
                    SET + QuorumNetwork.abiWord(23).substring(2), BigInteger.ZERO);
            assertFalse(sent.hasError(), () -> "refused: " + sent.getError().getMessage());
            awaitReceipts(sent.getTransactionHash());
            JsonNode mined = network.result(2, "eth_getTransactionByHash", "[\"" + sent.getTransactionHash() + "\"]");
            assertEquals(signer.getAddress(), mined.get("from").asText());
            assertTrue(Set.of("0x25", "0x26").contains(mined.get("v").asText()), "v " + mined.get("v"));
            assertEquals(List.of("23", "", "23", ""), values(deployed));
        } finally {
            atNode1.shutdown();
            atNode3.shutdown();
        }
    }

    /**
     * web3j-quorum's HTTP client for the transaction manager: it calls {@code <url>:<port>/<path>}, and
     * a node serves Tessera's API under {@code /tm}.
     */
    private static okhttp3.OkHttpClient transactionManagerClient() {
        return new okhttp3.OkHttpClient.Builder().addInterceptor(chain -> {
            okhttp3.Request request = chain.request();
            return chain.proceed(request.newBuilder()
                    .url(request.url().newBuilder().encodedPath("/tm" + request.url().encodedPath()).build()).build());
        }).build();
    }

    @Test
    @Order(19)
    void web3jsQuorumDeploysPrivatelyForAnotherNode() throws Exception {
        String url1 = "http://127.0.0.1:" + network.rpcPort;
        JsonNode summary = org.quorumee.it.support.ClientScript.run("web3js-quorum-client.mjs", List.of(url1,
                "http://127.0.0.1:" + (network.rpcPort + 2), "http://127.0.0.1:" + (network.rpcPort + 1), tmKey[3], "31"));
        assertTrue(summary.get("status").asBoolean(), summary.toString());
        String contract = summary.get("contract").asText();
        assertEquals(QuorumNetwork.abiWord(31), summary.get("read").get("A").asText(), summary.toString());
        assertEquals(QuorumNetwork.abiWord(31), summary.get("read").get("B").asText(), summary.toString());
        assertEquals("0x", summary.get("read").get("C").asText(), summary.toString());
        assertEquals(List.of("31", "", "31", ""), values(contract));
    }

    @Test
    @Order(20)
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
    @Order(21)
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

    /** A private eth_sendTransaction from node {@code node}'s account (to null: a deployment); its hash. */
    private static String send(int node, String to, String data, String... privateFor) {
        String from = network.result(node, "eth_accounts", "[]").get(0).asText();
        String recipients = String.join("\",\"", privateFor);
        return network.result(node, "eth_sendTransaction", "[{\"from\":\"" + from + "\"," + (to == null ? "" : "\"to\":\"" + to
                + "\",") + "\"gas\":\"0x200000\",\"gasPrice\":\"0x0\",\"data\":\"" + data + "\",\"privateFor\":[\"" + recipients
                + "\"]}]").asText();
    }

    private static void awaitReceipts(String hash) {
        for (int node = 1; node <= 4; node++) {
            awaitReceipt(node, hash);
        }
    }

    /** What get() answers at each node, in decimal ("" where there is no such contract). */
    private static List<String> values(String contract) {
        List<String> values = new java.util.ArrayList<>();
        for (int node = 1; node <= 4; node++) {
            String read = network.result(node, "eth_call", "[{\"to\":\"" + contract + "\",\"data\":\"" + GET + "\"},\"latest\"]")
                    .asText();
            values.add("0x".equals(read) ? "" : Numeric.toBigInt(read).toString());
        }
        return values;
    }

    /** A node's H2 database file (the launcher's default store). */
    private static Path databaseFile(int node) {
        return network.nodeDir(node).resolve("db/quorum.mv.db");
    }

    private static byte[] readAll(Path file) {
        try {
            return java.nio.file.Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Every 16-byte piece of {@code plaintext} with at least 8 different bytes (runs of zeros say
     * nothing of a payload).
     */
    private static List<byte[]> pieces(byte[] plaintext) {
        List<byte[]> pieces = new java.util.ArrayList<>();
        for (int at = 0; at + 16 <= plaintext.length; at++) {
            byte[] piece = java.util.Arrays.copyOfRange(plaintext, at, at + 16);
            Set<Byte> distinct = new java.util.HashSet<>();
            for (byte b : piece) {
                distinct.add(b);
            }
            if (distinct.size() >= 8) {
                pieces.add(piece);
            }
        }
        return pieces;
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int at = 0; at + needle.length <= haystack.length; at++) {
            for (int i = 0; i < needle.length; i++) {
                if (haystack[at + i] != needle[i]) {
                    continue outer;
                }
            }
            return at;
        }
        return -1;
    }

    /**
     * The rows of a node's payload tables, by hash (hex): each encoded payload, and each raw payload's
     * stored fields end to end. Read from a copy of the running node's H2 file (the node holds the
     * file's lock); empty when the copy cannot be opened yet.
     */
    private static Map<String, byte[]> payloadRows(int node) {
        Map<String, byte[]> rows = new java.util.HashMap<>();
        try {
            Path copy = java.nio.file.Files.createTempDirectory("quorum-node" + node + "-db");
            java.nio.file.Files.copy(databaseFile(node), copy.resolve("quorum.mv.db"));
            try (java.sql.Connection db = java.sql.DriverManager.getConnection("jdbc:h2:file:" + copy.resolve("quorum")
                    + ";IFEXISTS=TRUE", "sa", "sa"); java.sql.Statement query = db.createStatement()) {
                try (java.sql.ResultSet row = query.executeQuery("SELECT hash, encoded_payload FROM encrypted_transaction")) {
                    while (row.next()) {
                        rows.put(Numeric.toHexString(row.getBytes(1)), row.getBytes(2));
                    }
                }
                try (java.sql.ResultSet row = query.executeQuery(
                        "SELECT hash, encrypted_payload, encrypted_key, nonce FROM encrypted_raw_transaction")) {
                    while (row.next()) {
                        java.io.ByteArrayOutputStream fields = new java.io.ByteArrayOutputStream();
                        fields.writeBytes(row.getBytes(2));
                        fields.writeBytes(row.getBytes(3));
                        fields.writeBytes(row.getBytes(4));
                        rows.put("raw " + Numeric.toHexString(row.getBytes(1)), fields.toByteArray());
                    }
                }
            } finally {
                QuorumNetwork.deleteTree(copy);
            }
        } catch (IOException | java.sql.SQLException e) {
            System.out.println("node " + node + "'s database copy cannot be read yet: " + e.getMessage());
            rows.clear();
        }
        return rows;
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

    private static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
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
