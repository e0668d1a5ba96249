package org.quorumee.it.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.web3j.crypto.Credentials;

/**
 * A four-validator IBFT network ({@code bin/quorum up --consensus ibft}: every node key a validator,
 * a block every second), shared by the class: blocks come every period with a quorum of committed
 * seals and every node holds the same chain; a transaction sent to node 2 is mined; with one validator
 * stopped blocks continue, with two they stop, and once both are started again blocks resume with no
 * fork; a validator voted out by the others stops sealing, and once voted back in seals again. The
 * round timeout is 5 s, capped at 20 s, so that a round whose proposer is away changes quickly.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(value = 30, unit = TimeUnit.MINUTES)
class IbftNetworkIT {
    private static final int NODES = 4;
    /** ceil(2N/3) of 4 validators. */
    private static final int QUORUM = 3;
    private static final String ISTANBUL_DIGEST = "0x63746963616c2062797a616e74696e65206661756c7420746f6c6572616e6365";
    private static final Duration LIMIT = Duration.ofSeconds(Long.getLong("quorum.it.network.wait.seconds", 180));
    private static QuorumNetwork network;
    /** Nodes that run now. */
    private static final Set<Integer> running = new TreeSet<>(List.of(1, 2, 3, 4));

    @BeforeAll
    static void startNetwork() {
        network = QuorumNetwork.start(Path.of(System.getProperty("quorum.it.network.dir")), NODES, n -> {
            n.environment.put("QUORUM_REQUEST_TIMEOUT", "5");
            n.environment.put("QUORUM_MAX_REQUEST_TIMEOUT", "20");
        }, "--consensus", "ibft");
    }

    @AfterAll
    static void stopNetwork() {
        if (network != null) {
            network.close();
        }
    }

    @Test
    @Order(1)
    void blocksComeEveryPeriodWithAQuorumOfCommittedSealsAndTheSameChainEverywhere() {
        QuorumNetwork.await("block 5 on node 1", LIMIT, () -> head(1) >= 5);
        List<String> validators = new ArrayList<>();
        for (int node = 1; node <= NODES; node++) {
            validators.add(network.result(node, "istanbul_nodeAddress", "[]").asText());
            assertTrue(network.result(node, "istanbul_isValidator", "[]").asBoolean(), "node " + node + " is a validator");
        }
        List<String> sorted = new ArrayList<>(validators);
        sorted.sort(null);
        JsonNode listed = network.result(3, "istanbul_getValidators", "[\"latest\"]");
        assertEquals(sorted.toString(), toList(listed).toString(), "every node key is a validator, sorted by address");
        long previousTime = Long.decode(block(1, 0).get("timestamp").asText());
        for (long number = 1; number <= 5; number++) {
            JsonNode block = block(1, number);
            assertEquals(ISTANBUL_DIGEST, block.get("mixHash").asText());
            assertEquals("0x1", block.get("difficulty").asText());
            long time = Long.decode(block.get("timestamp").asText());
            assertTrue(time >= previousTime + 1, "block " + number + " comes at least a period after its parent");
            previousTime = time;
            JsonNode signers = network.result(2, "istanbul_getSignersFromBlock", "[\"0x" + Long.toHexString(number) + "\"]");
            assertEquals(number, signers.get("Number").asLong());
            assertEquals(block.get("hash").asText(), signers.get("Hash").asText());
            assertTrue(validators.contains(signers.get("Author").asText()), signers.toString());
            Set<String> committers = new HashSet<>(toList(signers.get("Committers")));
            assertTrue(committers.size() >= QUORUM && validators.containsAll(committers), signers.toString());
        }
        JsonNode snapshot = network.result(4, "istanbul_getSnapshot", "[\"0x2\"]");
        assertEquals(2, snapshot.get("number").asLong());
        assertEquals(sorted.toString(), toList(snapshot.get("validators")).toString());
        JsonNode status = network.result(1, "istanbul_status", "[]");
        assertTrue(status.has("sealerActivity") && status.has("numBlocks"), status.toString());
        awaitSameChain(5);
    }

    @Test
    @Order(2)
    void aTransactionSentToNode2IsMined() {
        Credentials key = QuorumNetwork.freshKey();
        String hash = network.sendTransfer(2, key, 0);
        QuorumNetwork.await("node 2 has the receipt of " + hash, LIMIT, () -> receipt(2, hash) != null);
        JsonNode receipt = receipt(2, hash);
        assertEquals("0x1", receipt.get("status").asText(), receipt.toString());
        awaitSameChain(Long.decode(receipt.get("blockNumber").asText()));
    }

    @Test
    @Order(3)
    void blocksContinueWithoutOneValidatorStopWithoutTwoAndResumeWithNoForkWhenTheyReturn() throws InterruptedException {
        network.kill(4);
        running.remove(4);
        long afterOne = head(1);
        QuorumNetwork.await("4 more blocks with one validator stopped", LIMIT, () -> head(1) >= afterOne + 4);

        network.kill(3);
        running.remove(3);
        // a block whose commits were on their way may still land: let them arrive, then watch nothing happen
        Thread.sleep(5_000);
        long stalled = head(1);
        Thread.sleep(10_000);
        assertEquals(stalled, head(1), "no block without a quorum (2 of 4 validators)");
        assertEquals(stalled, head(2), "no block without a quorum (2 of 4 validators)");

        long restarted = System.nanoTime();
        network.launch("up"); // starts the stopped nodes again
        running.add(3);
        running.add(4);
        QuorumNetwork.await("blocks again once the validators are back", LIMIT, () -> head(1) >= stalled + 3);
        System.out.printf("ibft: blocks resumed %d ms after bin/quorum up started the two stopped validators%n",
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - restarted));
        awaitSameChain(stalled + 3);
    }

    @Test
    @Order(4)
    void aValidatorVotedOutByTheOthersStopsSealing() {
        String out = network.result(4, "istanbul_nodeAddress", "[]").asText();
        for (int node = 1; node <= 3; node++) {
            assertTrue(network.result(node, "istanbul_propose", "[\"" + out + "\", false]").isNull());
            assertEquals("{\"" + out + "\":false}", network.result(node, "istanbul_candidates", "[]").toString());
        }
        QuorumNetwork.await("node 4 voted out", LIMIT,
                () -> !toList(network.result(1, "istanbul_getValidators", "[]")).contains(out));
        long votedOut = head(1);
        for (int node = 1; node <= 3; node++) {
            assertTrue(network.result(node, "istanbul_discard", "[\"" + out + "\"]").isNull());
        }
        QuorumNetwork.await("node 4 sees itself voted out", LIMIT,
                () -> !network.result(4, "istanbul_isValidator", "[]").asBoolean());
        QuorumNetwork.await("5 blocks after the vote", LIMIT, () -> head(1) >= votedOut + 5);
        for (long number = votedOut + 1; number <= votedOut + 5; number++) {
            JsonNode signers = network.result(1, "istanbul_getSignersFromBlock", "[\"0x" + Long.toHexString(number) + "\"]");
            assertFalse(signers.get("Author").asText().equals(out), "node 4 proposes no block: " + signers);
            assertFalse(toList(signers.get("Committers")).contains(out), "node 4 commits no block: " + signers);
            assertTrue(signers.get("Committers").size() >= 2, "a quorum of the 3 validators left: " + signers);
        }
        awaitSameChain(votedOut + 5);
    }

    @Test
    @Order(5)
    void aValidatorVotedBackInSealsAgain() {
        String in = network.result(4, "istanbul_nodeAddress", "[]").asText();
        for (int node = 1; node <= 3; node++) {
            assertTrue(network.result(node, "istanbul_propose", "[\"" + in + "\", true]").isNull());
        }
        QuorumNetwork.await("node 4 voted back in", LIMIT,
                () -> toList(network.result(1, "istanbul_getValidators", "[]")).contains(in));
        long votedIn = head(1);
        for (int node = 1; node <= 3; node++) {
            assertTrue(network.result(node, "istanbul_discard", "[\"" + in + "\"]").isNull());
        }
        QuorumNetwork.await("node 4 sees itself a validator again", LIMIT,
                () -> network.result(4, "istanbul_isValidator", "[]").asBoolean());
        // round robin makes it the proposer within 4 blocks, unless its round is skipped: look further
        long[] sealedIn = {-1};
        QuorumNetwork.await("a block sealed by node 4 after its return", LIMIT, () -> {
            for (long number = votedIn + 1; number <= head(1); number++) {
                JsonNode signers = network.result(1, "istanbul_getSignersFromBlock", "[\"0x" + Long.toHexString(number) + "\"]");
                if (signers.get("Author").asText().equals(in) || toList(signers.get("Committers")).contains(in)) {
                    sealedIn[0] = number;
                    return true;
                }
            }
            return false;
        });
        System.out.printf("ibft: node 4 voted back in by block %d, its first seal in block %d%n", votedIn, sealedIn[0]);
        awaitSameChain(sealedIn[0]);
    }

    /** Every running node has the same head, at least {@code from}, and the same block at every height. */
    private static void awaitSameChain(long from) {
        int reference = running.stream().min(Integer::compare).orElseThrow();
        QuorumNetwork.await("all running nodes at least at block " + from + " with the same block there", LIMIT, () -> {
            if (running.stream().anyMatch(node -> head(node) < from)) {
                return false;
            }
            String hash = block(reference, from).get("hash").asText();
            return running.stream().allMatch(node -> block(node, from).get("hash").asText().equals(hash));
        });
        for (long number = 1; number <= from; number++) {
            String hash = block(reference, number).get("hash").asText();
            for (int node : running) {
                assertEquals(hash, block(node, number).get("hash").asText(), "node " + node + " block " + number + ": no fork");
            }
        }
    }

    private static List<String> toList(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(item -> out.add(item.asText()));
        return out;
    }

    private static JsonNode block(int node, long number) {
        return network.result(node, "eth_getBlockByNumber", "[\"0x" + Long.toHexString(number) + "\", false]");
    }

    private static JsonNode receipt(int node, String hash) {
        JsonNode receipt = network.result(node, "eth_getTransactionReceipt", "[\"" + hash + "\"]");
        return receipt == null || receipt.isNull() ? null : receipt;
    }

    private static long head(int node) {
        return Long.decode(network.result(node, "eth_blockNumber", "[]").asText());
    }
}
