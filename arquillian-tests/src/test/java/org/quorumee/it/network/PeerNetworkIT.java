package org.quorumee.it.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Arrays;
import javax.management.openmbean.CompositeData;
import javax.management.openmbean.TabularData;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.quorumee.network.NetworkGenerator;
import org.quorumee.network.NetworkGenerator.Options;
import org.web3j.crypto.Credentials;
import org.web3j.utils.Numeric;

/**
 * Four nodes in one WildFly domain started by bin/quorum (real Artemis, real TLS, real permission
 * files), plus intruders: a server whose certificate comes from the network's CA but that no node
 * lists, a client with another CA's certificate, and a permitted peer that sends garbage. H2 per
 * node (the launcher's default): the network, not the database, is under test here, and it keeps
 * four servers within the machine's means.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PeerNetworkIT {
    private static final String PEERS = "org.quorumee:type=Peers";
    private static final String PERMISSIONS = "org.quorumee:type=Permissions";
    private static final String GATE = "org.quorumee:type=PeerConnections";
    private static final Duration LIMIT = Duration.ofSeconds(Long.getLong("quorum.it.network.wait.seconds", 120));
    private static QuorumNetwork network;

    @BeforeAll
    static void startNetwork() {
        network = QuorumNetwork.start(Path.of(System.getProperty("quorum.it.network.dir")), 4, "--consensus", "single");
        network.awaitLinked(LIMIT);
    }

    @AfterAll
    static void stopNetwork() {
        if (network != null) {
            network.close();
        }
    }

    @Test
    @Order(1)
    void aTransactionSentToNode4ReachesEveryNode() {
        String hash = network.sendTransfer(4, QuorumNetwork.freshKey(), 0);
        for (int node = 1; node <= 4; node++) {
            int n = node;
            QuorumNetwork.await("node " + n + " knows " + hash, LIMIT,
                    () -> !network.result(n, "eth_getTransactionByHash", "[\"" + hash + "\"]").isNull());
        }
        // the Chain MXBean reads the node's own chain: node 4 mined the transaction into a block
        QuorumNetwork.await("node 4's Chain MXBean shows a block", LIMIT,
                () -> ((Number) network.attribute(4, "org.quorumee:type=Chain", "HeadNumber")).longValue() >= 1);
        assertEquals(66, network.attribute(4, "org.quorumee:type=Chain", "HeadHash").toString().length());
        JsonNode peers = network.result(1, "admin_peers", "[]");
        assertEquals(3, peers.size());
        assertTrue(network.result(1, "admin_nodeInfo", "[]").get("enode").asText().equals(network.enode(1)));
    }

    @Test
    @Order(2)
    void aServerWithTheNetworksCaButNotListedIsRefusedAndNothingItSendsIsProcessed() throws Exception {
        Path outsiderDir = network.dir.resolve("outsider");
        int rpcPort = network.rpcPort + 8;
        int peerPort = network.peerPort + 8;
        NetworkGenerator generator = new NetworkGenerator(network.dir,
                new Options("127.0.0.1", network.peerPort, 50401), new SecureRandom());
        String outsiderId = generator.outsider(outsiderDir, "outsider", peerPort, false).enode().nodeId();
        long[] refusedBefore = new long[5];
        for (int node = 1; node <= 4; node++) {
            refusedBefore[node] = ((Number) network.attribute(node, GATE, "RefusedConnections")).longValue();
        }
        try (StandaloneNode outsider = new StandaloneNode(outsiderDir)) {
            outsider.start(network.portShift + 800, rpcPort, peerPort);
            org.quorumee.it.support.JsonRpcClient rpc = new org.quorumee.it.support.JsonRpcClient(
                    java.net.URI.create("http://127.0.0.1:" + rpcPort + "/"));
            QuorumNetwork.await("the outsider answers JSON-RPC", Duration.ofSeconds(600), () -> {
                try {
                    return rpc.call("web3_clientVersion", "[]").has("result");
                } catch (RuntimeException e) {
                    return false;
                }
            });
            // Its links to the four nodes (it permits them) are refused at the first packet.
            for (int node = 1; node <= 4; node++) {
                int n = node;
                QuorumNetwork.await("node " + n + " refused the outsider", LIMIT, () ->
                        ((Number) network.attribute(n, GATE, "RefusedConnections")).longValue() > refusedBefore[n]);
            }
            // What it gossips never arrives: a transaction sent to it stays its own.
            Credentials sender = QuorumNetwork.freshKey();
            String raw = QuorumNetwork.signedTransfer(sender, 0);
            String hash = rpc.call("eth_sendRawTransaction", "[\"" + raw + "\"]").get("result").asText();
            String marker = network.sendTransfer(1, QuorumNetwork.freshKey(), 0);
            for (int node = 1; node <= 4; node++) {
                int n = node;
                // a later transaction of node 1 reached every node: the outsider's had every chance to
                QuorumNetwork.await("node " + n + " knows the marker", LIMIT,
                        () -> !network.result(n, "eth_getTransactionByHash", "[\"" + marker + "\"]").isNull());
                assertTrue(network.result(n, "eth_getTransactionByHash", "[\"" + hash + "\"]").isNull(),
                        "node " + n + " got the outsider's transaction");
                for (Object peer : (Object[]) network.attribute(n, PEERS, "Peers")) {
                    assertFalse(((CompositeData) peer).get("enode").toString().contains(outsiderId));
                }
                assertFalse(Arrays.asList((String[]) network.attribute(n, GATE, "InboundPeers")).contains(outsiderId));
            }
        }
    }

    @Test
    @Order(3)
    void aCertificateFromAnotherCaIsRefusedAtTheHandshake() throws Exception {
        Path foreignDir = network.dir.resolve("foreign");
        String foreignId = new NetworkGenerator(network.dir, new Options("127.0.0.1", network.peerPort, 50401),
                new SecureRandom()).outsider(foreignDir, "foreign", network.peerPort + 9, true).enode().nodeId();
        assertThrows(Exception.class, () -> {
            try (PeerClient client = new PeerClient(foreignDir, network.peerPort)) {
                client.send(PeerClient.INBOUND, new byte[] {1, 2, 3});
            }
        });
        // the gate's admitted-message count is node-wide and moves with the peers' sync polls: check the
        // foreign identity itself never got in
        assertFalse(Arrays.asList((String[]) network.attribute(1, GATE, "InboundPeers")).contains(foreignId));
        String log = Files.readString(network.dir.resolve("domain/servers/node1/log/server.log"), StandardCharsets.UTF_8);
        assertTrue(log.contains("SSL handshake failed"), "the handshake failure is logged");
    }

    @Test
    @Order(4)
    void malformedOversizedAndSpoofedMessagesAreRefusedAndLogged() throws Exception {
        long refused = ((Number) network.attribute(1, PEERS, "RefusedMessages")).longValue();
        // block announcements: no node of this network sends one (its blocks are small enough to push
        // whole), so these counts move only by what this test sends; sync polls run meanwhile
        long fromNode2 = announcementsFrom(1, network.nodeId(2));
        long fromNode4 = announcementsFrom(1, network.nodeId(4));
        long refusedPackets = ((Number) network.attribute(1, GATE, "RefusedPackets")).longValue();
        try (PeerClient asNode4 = new PeerClient(network.nodeDir(4), network.peerPort)) {
            asNode4.send(PeerClient.INBOUND, "not RLP at all".getBytes(StandardCharsets.US_ASCII));
            asNode4.send(PeerClient.INBOUND, new byte[17 * 1024 * 1024]);
            // a well-formed envelope of an unknown version
            asNode4.send(PeerClient.INBOUND, Numeric.hexStringToByteArray(
                    "d70203" + "90000102030405060708090a0b0c0d0e0f" + "80" + "c20102"));
            // a valid announcement of block 0 that claims to come from node 2: the gate stamps node 4 over it
            asNode4.send(PeerClient.INBOUND, Numeric.hexStringToByteArray(
                    "f70102" + "90" + "5a".repeat(16) + "80" + "e280a0" + "00".repeat(32)),
                    "quorumSender", network.nodeId(2));
            // peers may only send to the inbound queue: the gate drops the rest
            try {
                asNode4.send("jms.topic.QuorumPeerOutbound", new byte[] {1});
            } catch (Exception refusedAtTheClient) {
                // how the client hears of it does not matter; that the gate dropped it does
            }
        }
        assertTrue(((Number) network.attribute(1, GATE, "RefusedPackets")).longValue() > refusedPackets,
                "the gate dropped the message to another address");
        QuorumNetwork.await("node 1 refused the three bad messages", LIMIT,
                () -> ((Number) network.attribute(1, PEERS, "RefusedMessages")).longValue() >= refused + 3);
        QuorumNetwork.await("node 1 took the valid one as node 4's", LIMIT,
                () -> announcementsFrom(1, network.nodeId(4)) == fromNode4 + 1);
        assertEquals(refused + 3, ((Number) network.attribute(1, PEERS, "RefusedMessages")).longValue());
        assertEquals(fromNode2, announcementsFrom(1, network.nodeId(2)), "no message was taken as node 2's");
        String log = Files.readString(network.dir.resolve("domain/servers/node1/log/server.log"), StandardCharsets.UTF_8);
        assertTrue(log.contains("exceeds the maximum"), "the oversized message is logged");
        assertTrue(log.contains("unsupported message version 2"), "the bad version is logged");
    }

    @Test
    @Order(5)
    void removingANodeThroughJmxCutsItWithinASecondAndAddingItBackReconnects() {
        String node4 = network.nodeId(4);
        String enode4 = network.enode(4);
        assertTrue(Arrays.asList((String[]) network.attribute(1, GATE, "InboundPeers")).contains(node4));
        int cutsBefore = ((String[]) network.attribute(1, GATE, "RecentCuts")).length;
        assertEquals(Boolean.TRUE, network.invoke(1, PERMISSIONS, "remove", enode4));
        // the cut is noted when the gate turns node 4 away: its live connection cut, or, if that link had
        // just dropped (a 1 s TTL on a loaded machine), its reconnection refused
        network.awaitOrDescribe("node 1 cut node 4", LIMIT,
                () -> !Arrays.asList((String[]) network.attribute(1, GATE, "InboundPeers")).contains(node4)
                        && ((String[]) network.attribute(1, GATE, "RecentCuts")).length > cutsBefore);
        String[] cuts = (String[]) network.attribute(1, GATE, "RecentCuts");
        String cut = cuts[cuts.length - 1];
        assertTrue(cut.startsWith(node4 + " "), cut);
        long millis = Long.parseLong(cut.substring(cut.indexOf(' ') + 1));
        System.out.println("node 4 cut " + millis + " ms after node 1's permission files changed");
        assertTrue(millis >= 0 && millis < 1000, "cut within a second of the change: " + millis + " ms");
        assertEquals("0x2", network.result(1, "net_peerCount", "[]").asText(), "node 1's own link to node 4 is gone");
        assertFalse(Arrays.asList((String[]) network.attribute(1, PERMISSIONS, "Permitted")).contains(enode4));

        assertEquals(Boolean.TRUE, network.invoke(1, PERMISSIONS, "add", enode4));
        QuorumNetwork.await("node 4 reconnected to node 1", LIMIT,
                () -> Arrays.asList((String[]) network.attribute(1, GATE, "InboundPeers")).contains(node4)
                        && network.result(1, "net_peerCount", "[]").asText().equals("0x3"));
        // and it is a peer again for gossip
        String hash = network.sendTransfer(4, QuorumNetwork.freshKey(), 0);
        QuorumNetwork.await("node 1 knows node 4's new transaction", LIMIT,
                () -> !network.result(1, "eth_getTransactionByHash", "[\"" + hash + "\"]").isNull());
    }

    @Test
    @Order(6)
    void adminAddPeerRefusesANodeThatIsNotPermissioned() {
        String stranger = "enode://" + "ab".repeat(64) + "@127.0.0.1:26099?discport=0";
        JsonNode answer = network.rpc(1).call("admin_addPeer", "[\"" + stranger + "\"]");
        assertTrue(answer.has("error"), answer.toString());
        assertTrue(network.rpc(1).call("admin_addPeer", "[\"not an enode\"]").has("error"));
        assertTrue(network.result(1, "admin_addPeer", "[\"" + network.enode(2) + "\"]").asBoolean());
    }

    @Test
    @Order(7)
    void whatIsSentWhileAPeerIsDownWaitsForItAndArrivesWhenItIsBack() throws Exception {
        String node3 = network.nodeId(3);
        network.kill(3); // kill -9
        QuorumNetwork.await("node 1 sees its link to node 3 down", LIMIT, () -> !connected(1, node3));
        String hash = network.sendTransfer(1, QuorumNetwork.freshKey(), 0);
        QuorumNetwork.await("the transaction waits in node 1's queue for node 3", LIMIT, () -> queueDepth(1, node3) > 0);
        network.launch("up"); // starts the stopped server of the running domain
        QuorumNetwork.await("node 3 got the transaction that waited for it", LIMIT,
                () -> !network.result(3, "eth_getTransactionByHash", "[\"" + hash + "\"]").isNull());
        QuorumNetwork.await("node 1's queue for node 3 drained", LIMIT, () -> queueDepth(1, node3) == 0);
    }

    private static boolean connected(int node, String peerId) {
        return peerView(node, peerId).map(p -> (Boolean) p.get("connected")).orElse(false);
    }

    private static long queueDepth(int node, String peerId) {
        return peerView(node, peerId).map(p -> (Long) p.get("queueDepth")).orElse(-1L);
    }

    private static java.util.Optional<CompositeData> peerView(int node, String peerId) {
        for (Object peer : (Object[]) network.attribute(node, PEERS, "Peers")) {
            CompositeData data = (CompositeData) peer;
            if (data.get("enode").toString().contains(peerId)) {
                return java.util.Optional.of(data);
            }
        }
        return java.util.Optional.empty();
    }

    private static long announcementsFrom(int node, String nodeId) {
        return peerView(node, nodeId).map(p -> (Long) ((TabularData) p.get("messagesReceivedByType"))
                .get(new Object[] {"BLOCK_ANNOUNCEMENT"}).get("value")).orElse(0L);
    }
}
