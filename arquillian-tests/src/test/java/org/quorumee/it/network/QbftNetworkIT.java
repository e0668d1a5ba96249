package org.quorumee.it.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.web3j.crypto.Credentials;

/**
 * A four-validator QBFT network ({@code bin/quorum up --consensus qbft}): blocks in QBFT's header form
 * (proposer in the coinbase) with a quorum of committed seals, a transaction mined, the same chain on
 * every node. The protocol's behaviour under failures is {@link IbftNetworkIT}'s and the core's
 * simulation's; this checks the QBFT path end to end.
 */
@Timeout(value = 20, unit = TimeUnit.MINUTES)
class QbftNetworkIT {
    private static final int NODES = 4;
    private static final Duration LIMIT = Duration.ofSeconds(Long.getLong("quorum.it.network.wait.seconds", 180));
    private static QuorumNetwork network;

    @BeforeAll
    static void startNetwork() {
        network = QuorumNetwork.start(Path.of(System.getProperty("quorum.it.network.dir")), NODES, "--consensus", "qbft");
    }

    @AfterAll
    static void stopNetwork() {
        if (network != null) {
            network.close();
        }
    }

    @Test
    void qbftSealsBlocksAndMinesATransactionOnEveryNode() {
        Credentials key = QuorumNetwork.freshKey();
        String hash = network.sendTransfer(3, key, 0);
        QuorumNetwork.await("node 3 has the receipt of " + hash, LIMIT, () -> receipt(3, hash) != null);
        long minedIn = Long.decode(receipt(3, hash).get("blockNumber").asText());
        for (long number = 1; number <= minedIn; number++) {
            String tag = "\"0x" + Long.toHexString(number) + "\"";
            JsonNode block = network.result(1, "eth_getBlockByNumber", "[" + tag + ", false]");
            JsonNode signers = network.result(1, "istanbul_getSignersFromBlock", "[" + tag + "]");
            assertEquals(block.get("miner").asText(), signers.get("Author").asText(), "QBFT: the proposer is the coinbase");
            assertTrue(signers.get("Committers").size() >= 3, signers.toString());
        }
        for (int node = 1; node <= NODES; node++) {
            int n = node;
            QuorumNetwork.await("node " + n + " has block " + minedIn, LIMIT,
                    () -> Long.decode(network.result(n, "eth_blockNumber", "[]").asText()) >= minedIn);
            assertEquals(receipt(3, hash).get("blockHash").asText(), receipt(node, hash).get("blockHash").asText(),
                    "the same block on node " + node);
        }
    }

    private static JsonNode receipt(int node, String hash) {
        JsonNode receipt = network.result(node, "eth_getTransactionReceipt", "[\"" + hash + "\"]");
        return receipt == null || receipt.isNull() ? null : receipt;
    }
}
