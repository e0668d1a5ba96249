package org.quorumee.core.chain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.quorumee.core.bytes.Hex;
import org.quorumee.core.conformance.ConformanceReport;
import org.quorumee.core.conformance.Fixtures;
import org.quorumee.core.crypto.Keccak;
import org.quorumee.core.rlp.Rlp;
import org.quorumee.core.tx.Transaction;

/**
 * Every block of {@code BlockchainTests/ValidBlocks} decodes, re-encodes to the same bytes, hashes
 * to its header's hash, and its body gives the header's transactions root, withdrawals root and
 * ommers hash, and each transaction decodes and recovers its sender. (Execution — state and receipts roots — is the block processor's conformance.)
 */
class BlockRlpConformanceTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void validBlocks() throws IOException {
        ConformanceReport report = new ConformanceReport("BlockchainTests/ValidBlocks block RLP");
        for (Path file : Fixtures.jsonFiles("BlockchainTests/ValidBlocks")) {
            JsonNode tests = JSON.readTree(file.toFile());
            for (Iterator<Map.Entry<String, JsonNode>> it = tests.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> test = it.next();
                int index = 0;
                for (JsonNode block : test.getValue().get("blocks")) {
                    if (block.has("blockHeader")) {
                        report.check(test.getKey() + " block " + index, () -> checkBlock(block));
                    }
                    index++;
                }
            }
        }
        report.printAndAssertAllPassed();
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
            if (sender != null) {   // a few fixtures leave it out
                assertEquals(sender.asText(), transactions.get(i).sender().toString(), "sender of transaction " + i);
            }
        }
    }
}
