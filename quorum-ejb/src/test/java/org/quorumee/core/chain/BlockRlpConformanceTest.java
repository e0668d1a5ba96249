package org.quorumee.core.chain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.quorumee.core.bytes.Hex;
import org.quorumee.core.conformance.ConformanceReport;
import org.quorumee.core.conformance.ExpectedCounts;
import org.quorumee.core.conformance.Fixtures;
import org.quorumee.core.crypto.Keccak;
import org.quorumee.core.rlp.Rlp;
import org.quorumee.core.tx.Transaction;
import org.quorumee.core.types.Address;

/**
 * Every block of {@code BlockchainTests/ValidBlocks} decodes, re-encodes to the same bytes, hashes
 * to its header's hash, and its body gives the header's transactions root, withdrawals root and
 * ommers hash, and each transaction decodes and recovers its sender. (Execution — state and receipts
 * roots — is the block processor's conformance.) The files, tests and blocks met are compared with
 * STATS.tsv.
 */
class BlockRlpConformanceTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Transactions whose sender the fixture leaves out: recovered, but with nothing to compare to. */
    private static final AtomicInteger SENDERS_NOT_COMPARED = new AtomicInteger();

    @Test
    void validBlocks() throws IOException {
        ConformanceReport report = new ConformanceReport("BlockchainTests/ValidBlocks block RLP");
        ConformanceReport otherNetworks = new ConformanceReport("BlockchainTests/ValidBlocks block RLP, other networks");
        ExpectedCounts.Tally tally = ExpectedCounts.tally("BlockchainTests/ValidBlocks[Cancun]");
        Path root = Fixtures.path("BlockchainTests");
        for (Path file : Fixtures.jsonFiles("BlockchainTests/ValidBlocks")) {
            String relative = root.relativize(file).toString();
            JsonNode tests = JSON.readTree(file.toFile());
            for (Map.Entry<String, JsonNode> test : tests.properties()) {
                JsonNode blocks = test.getValue().get("blocks");
                if (!"Cancun".equals(test.getValue().path("network").asText())) {
                    otherNetworks.skip(relative + "/" + test.getKey(), "network " + test.getValue().path("network").asText()
                            + " is not run (the fixtures keep Cancun)");
                    continue;
                }
                tally.test(relative, test.getKey(), blocks.size());
                int index = 0;
                for (JsonNode block : blocks) {
                    String name = test.getKey() + " block " + index++;
                    if (block.has("blockHeader")) {
                        report.check(name, () -> checkBlock(block));
                    } else {
                        report.skip(name, "no blockHeader in the fixture (a block it expects refused: "
                                + block.path("expectException").asText("?") + ")");
                    }
                }
            }
        }
        report.print();
        if (otherNetworks.accounted() > 0) {
            otherNetworks.print();
        }
        System.out.println("  transactions whose sender the fixture leaves out (recovered, not compared): "
                + SENDERS_NOT_COMPARED.get());
        tally.assertComplete(report.accounted(), null);
        report.assertAllPassed();
    }

    private static void checkBlock(JsonNode fixture) {
        byte[] rlp = Hex.decode(fixture.get("rlp").asText());
        JsonNode expected = fixture.get("blockHeader");
        Block block = Block.decode(rlp);
        assertEquals(Hex.encode(rlp), Hex.encode(block.encode()), "re-encoding");
        assertEquals(expected.get("hash").asText(), Hex.encode(block.hash()), "hash");
        assertEquals(expected.get("transactionsTrie").asText(), Hex.encode(block.computeTransactionsRoot()), "transactions root");
        assertEquals(expected.get("withdrawalsRoot").asText(),
                block.computeWithdrawalsRoot().map(Hex::encode).orElse("absent"), "withdrawals root");
        List<byte[]> ommers = new ArrayList<>();
        block.ommers().forEach(ommer -> ommers.add(ommer.encode()));
        assertEquals(expected.get("uncleHash").asText(), Hex.encode(Keccak.keccak256(Rlp.encodeList(ommers))), "ommers hash");
        assertEquals(expected.get("bloom").asText(), block.header().logsBloom().toString(), "bloom");
        assertEquals(fixture.get("transactions").size(), block.transactions().size(), "transaction count");
        List<Transaction> transactions = block.decodeTransactions(1);
        for (int i = 0; i < transactions.size(); i++) {
            JsonNode sender = fixture.get("transactions").get(i).get("sender");
            Address recovered = transactions.get(i).sender();
            if (sender != null) {
                assertEquals(sender.asText(), recovered.toString(), "sender of transaction " + i);
            } else {
                SENDERS_NOT_COMPARED.incrementAndGet();
            }
        }
    }
}
