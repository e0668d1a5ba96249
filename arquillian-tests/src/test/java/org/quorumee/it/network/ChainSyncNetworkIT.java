package org.quorumee.it.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.quorumee.core.bytes.Hex;
import org.quorumee.core.chain.Block;
import org.quorumee.core.chain.BlockHeader;
import org.quorumee.core.peer.PeerMessage;
import org.quorumee.core.peer.PeerMessageCodec;
import org.web3j.crypto.Credentials;

/**
 * The chain across four nodes (one WildFly domain started by bin/quorum; node 1 makes the blocks with
 * the single-node engine, the others follow): a transaction sent anywhere is mined and every node
 * reaches the same head; a node killed mid-flight catches up when started again; a block that breaks
 * the rules, or is not a block at all, is refused and nothing of it is stored.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(value = 30, unit = java.util.concurrent.TimeUnit.MINUTES)
class ChainSyncNetworkIT {
    private static final Duration LIMIT = Duration.ofSeconds(Long.getLong("quorum.it.network.wait.seconds", 120));
    private static QuorumNetwork network;

    @BeforeAll
    static void startNetwork() {
        // Servers with the C2 compiler, as before the tests' -XX:TieredStopAtLevel=1: with C1 only, node 3
        // once did not catch up after its kill -9 and restart (stuck, not slow; cause not found yet).
        network = QuorumNetwork.start(Path.of(System.getProperty("quorum.it.network.dir")), 4,
                n -> n.environment.put("QUORUM_JAVA_OPTS", ""), "--consensus", "single");
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
    void aTransactionSentToNode4IsMinedAndEveryNodeReachesTheSameHead() {
        Credentials key = QuorumNetwork.freshKey();
        String hash = network.sendTransfer(4, key, 0);
        QuorumNetwork.await("node 4 has the receipt of " + hash, LIMIT,
                () -> !network.result(4, "eth_getTransactionReceipt", "[\"" + hash + "\"]").isNull());
        long minedIn = Long.decode(network.result(4, "eth_getTransactionReceipt", "[\"" + hash + "\"]")
                .get("blockNumber").asText());
        awaitSameHeadFrom(minedIn);
    }

    @Test
    @Order(2)
    void aClientTransactionThatWaitedOnAFollowerForANonceGapIsGossipedWhenAPeerFillsTheGap() {
        Credentials key = QuorumNetwork.freshKey();
        // nonce 1 first, to a follower: it waits in node 2's queue (not executable, so not gossiped yet)
        String second = network.sendTransfer(2, key, 1);
        QuorumNetwork.await("node 2 holds nonce 1", LIMIT,
                () -> !network.result(2, "eth_getTransactionByHash", "[\"" + second + "\"]").isNull());
        // nonce 0 to the producer: its gossip makes node 2's nonce 1 pending, and node 2 must gossip it then
        String first = network.sendTransfer(1, key, 0);
        for (String hash : List.of(first, second)) {
            QuorumNetwork.await("node 1 mined " + hash, LIMIT,
                    () -> !network.result(1, "eth_getTransactionReceipt", "[\"" + hash + "\"]").isNull());
        }
    }

    @Test
    @Order(3)
    void aNodeKilledWhileTransactionsFlowCatchesUpWhenStartedAgain() {
        network.kill(3);
        Credentials key = QuorumNetwork.freshKey();
        String last = null;
        for (int nonce = 0; nonce < 100; nonce++) {
            last = network.sendTransfer(nonce % 2 == 0 ? 1 : 2, key, nonce);
        }
        String lastHash = last;
        QuorumNetwork.await("the last of 100 transactions mined on node 1", LIMIT,
                () -> !network.result(1, "eth_getTransactionReceipt", "[\"" + lastHash + "\"]").isNull());
        long minedIn = Long.decode(network.result(1, "eth_getTransactionReceipt", "[\"" + lastHash + "\"]")
                .get("blockNumber").asText());
        network.launch("up"); // starts the stopped node again
        awaitSameHeadFrom(minedIn);
        assertEquals("0x64", network.result(3, "eth_getTransactionCount", "[\"" + key.getAddress() + "\", \"latest\"]")
                .asText(), "node 3 executed all 100 transactions");
    }

    @Test
    @Order(4)
    void aTamperedOrMalformedBlockIsRefusedAndNothingOfItIsStored() throws Exception {
        awaitSameHeadFrom(0);
        JsonNode head = network.result(1, "eth_getBlockByNumber", "[\"latest\", false]");
        long headNumber = Long.decode(head.get("number").asText());
        Block real = Block.decode(Hex.decode(network.result(1, "debug_getRawBlock", "[\"latest\"]").asText()));
        // the head's child, claiming a state root no execution gives
        BlockHeader forged = real.header().toBuilder().number(headNumber + 1).parentHash(real.header().hash())
                .timestamp(real.header().timestamp() + 1).stateRoot(new byte[32]).build();
        Block tampered = new Block(forged, real.transactions(), List.of(), real.withdrawals());
        PeerMessageCodec codec = new PeerMessageCodec();
        try (PeerClient asNode4 = new PeerClient(network.nodeDir(4), network.peerPort)) {
            asNode4.send(PeerClient.INBOUND, codec.encode(new PeerMessage(messageId(1),
                    new PeerMessage.BlockResponse(List.of(tampered.encode())))));
            asNode4.send(PeerClient.INBOUND, codec.encode(new PeerMessage(messageId(2),
                    new PeerMessage.BlockResponse(List.of("not a block".getBytes(StandardCharsets.US_ASCII))))));
        }
        Path log = network.dir.resolve("domain/servers/node1/log/server.log");
        String forgedHash = Hex.encode(forged.hash());
        QuorumNetwork.await("node 1 logged both refusals", LIMIT, () -> {
            String text = read(log);
            return text.contains("refused block " + (headNumber + 1) + " " + forgedHash) && text.contains("refused a malformed block");
        });
        assertTrue(network.result(1, "eth_getBlockByHash", "[\"" + forgedHash + "\", false]").isNull(),
                "the forged block is not stored");
        assertEquals(head.get("hash").asText(), network.result(1, "eth_getBlockByNumber",
                "[\"0x" + Long.toHexString(headNumber) + "\", false]").get("hash").asText(), "the head's block is unchanged");
    }

    /** Every node has the same block at every height from {@code from} to node 1's head. */
    private static void awaitSameHeadFrom(long from) {
        network.awaitOrDescribe("all nodes at node 1's head", LIMIT, () -> {
            String reference = network.result(1, "eth_getBlockByNumber", "[\"latest\", false]").get("hash").asText();
            for (int node = 2; node <= 4; node++) {
                if (!network.result(node, "eth_getBlockByNumber", "[\"latest\", false]").get("hash").asText().equals(reference)) {
                    return false;
                }
            }
            return true;
        });
        long head = Long.decode(network.result(1, "eth_blockNumber", "[]").asText());
        assertTrue(head >= from, "head " + head + " below " + from);
        for (long number = Math.max(1, from); number <= head; number++) {
            String tag = "\"0x" + Long.toHexString(number) + "\"";
            String hash = network.result(1, "eth_getBlockByNumber", "[" + tag + ", false]").get("hash").asText();
            for (int node = 2; node <= 4; node++) {
                assertEquals(hash, network.result(node, "eth_getBlockByNumber", "[" + tag + ", false]").get("hash").asText(),
                        "node " + node + " block " + number);
            }
        }
    }

    private static byte[] messageId(int n) {
        byte[] id = new byte[PeerMessage.ID_LENGTH];
        id[0] = (byte) 0xfe;
        id[PeerMessage.ID_LENGTH - 1] = (byte) n;
        long now = System.nanoTime();
        for (int i = 1; i < 9; i++) {
            id[i] = (byte) (now >>> (8 * i));
        }
        return id;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
