package org.quorumee.it.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.quorumee.core.bytes.Hex;
import org.quorumee.core.consensus.ibft.extra.IstanbulExtraData;
import org.quorumee.core.consensus.ibft.extra.QbftExtraData;
import org.quorumee.core.types.Address;
import org.web3j.crypto.Credentials;

/**
 * Four validators on a chain that moves from IBFT to QBFT at block {@value #QBFT_BLOCK}
 * ({@code QUORUM_QBFT_BLOCK=3 bin/quorum up --consensus ibft}: GoQuorum's
 * {@code config.transitions: [{"block": 3, "algorithm": "qbft"}]}). Blocks before it are in IBFT's
 * header form (proposer seal in extraData, the coinbase free for votes), from it on in QBFT's (QBFT
 * extraData, the proposer as coinbase), all with a quorum of committed seals from the same
 * validators; blocks go on across the boundary, a transaction sent after it is mined, and every node
 * holds the same chain. The protocol under failures is {@link IbftNetworkIT}'s and the core's
 * simulation's; this checks the QBFT path and the transition end to end.
 */
@Timeout(value = 20, unit = TimeUnit.MINUTES)
class QbftNetworkIT {
    private static final int NODES = 4;
    private static final int QBFT_BLOCK = 3;
    private static final Duration LIMIT = Duration.ofSeconds(Long.getLong("quorum.it.network.wait.seconds", 180));
    private static QuorumNetwork network;

    @BeforeAll
    static void startNetwork() {
        network = QuorumNetwork.start(Path.of(System.getProperty("quorum.it.network.dir")), NODES,
                n -> n.environment.put("QUORUM_QBFT_BLOCK", Integer.toString(QBFT_BLOCK)), "--consensus", "ibft");
    }

    @AfterAll
    static void stopNetwork() {
        if (network != null) {
            network.close();
        }
    }

    @Test
    void ibftBlocksThenQbftBlocksFromTheTransitionAndATransactionMinedAfterItOnEveryNode() {
        QuorumNetwork.await("node 1 past the transition block", LIMIT, () -> head(1) >= QBFT_BLOCK);
        Credentials key = QuorumNetwork.freshKey();
        String hash = network.sendTransfer(3, key, 0);
        QuorumNetwork.await("node 3 has the receipt of " + hash, LIMIT, () -> receipt(3, hash) != null);
        long minedIn = Long.decode(receipt(3, hash).get("blockNumber").asText());
        assertTrue(minedIn > QBFT_BLOCK, "mined in QBFT block " + minedIn);
        assertEquals("0x1", receipt(3, hash).get("status").asText());

        List<String> validators = new ArrayList<>();
        for (int node = 1; node <= NODES; node++) {
            validators.add(network.result(node, "istanbul_nodeAddress", "[]").asText());
        }
        validators.sort(null);
        for (long n = 1; n <= minedIn; n++) {
            long number = n;
            String tag = "\"0x" + Long.toHexString(number) + "\"";
            JsonNode block = network.result(1, "eth_getBlockByNumber", "[" + tag + ", false]");
            JsonNode signers = network.result(1, "istanbul_getSignersFromBlock", "[" + tag + "]");
            String author = signers.get("Author").asText();
            byte[] extra = Hex.decode(block.get("extraData").asText());
            List<Address> listed;
            if (number < QBFT_BLOCK) {
                IstanbulExtraData ibft = IstanbulExtraData.tryDecode(extra).orElseThrow(
                        () -> new AssertionError("block " + number + " has IBFT's extraData: " + block.get("extraData")));
                listed = ibft.validators();
                assertEquals(65, ibft.proposerSeal().length, "IBFT: the proposer seal in extraData");
                assertEquals("0x0000000000000000000000000000000000000000", block.get("miner").asText(),
                        "IBFT: the coinbase carries votes only, none here");
            } else {
                QbftExtraData qbft = QbftExtraData.tryDecode(extra).orElseThrow(
                        () -> new AssertionError("block " + number + " has QBFT's extraData: " + block.get("extraData")));
                listed = qbft.validators();
                assertEquals(block.get("miner").asText(), author, "QBFT: the proposer is the coinbase");
            }
            assertEquals(validators, listed.stream().map(Address::toString).toList(), "block " + number + " lists the validators");
            assertTrue(validators.contains(author), signers.toString());
            assertTrue(signers.get("Committers").size() >= 3, "a quorum of committed seals: " + signers);
        }
        assertEquals(validators, toList(network.result(2, "istanbul_getValidators", "[\"0x1\"]")), "the validators before the transition");
        assertEquals(validators, toList(network.result(2, "istanbul_getValidators", "[\"latest\"]")), "the same validators after it");

        for (int node = 1; node <= NODES; node++) {
            int n = node;
            QuorumNetwork.await("node " + n + " has block " + minedIn, LIMIT, () -> head(n) >= minedIn);
            for (long number = 1; number <= minedIn; number++) {
                assertEquals(blockHash(1, number), blockHash(node, number), "node " + node + " block " + number + ": the same chain");
            }
        }
    }

    private static List<String> toList(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(item -> out.add(item.asText()));
        return out;
    }

    private static String blockHash(int node, long number) {
        return network.result(node, "eth_getBlockByNumber", "[\"0x" + Long.toHexString(number) + "\", false]").get("hash").asText();
    }

    private static long head(int node) {
        return Long.decode(network.result(node, "eth_blockNumber", "[]").asText());
    }

    private static JsonNode receipt(int node, String hash) {
        JsonNode receipt = network.result(node, "eth_getTransactionReceipt", "[\"" + hash + "\"]");
        return receipt == null || receipt.isNull() ? null : receipt;
    }
}
