package org.quorumee.core.chain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.quorumee.core.bytes.Hex;
import org.quorumee.core.conformance.ConformanceReport;
import org.quorumee.core.conformance.Fixtures;
import org.quorumee.core.trie.InMemoryNodeStore;

/**
 * Genesis blocks. {@code BasicTests/genesishashestest.json}: mainnet's genesis block decodes,
 * re-encodes to the same bytes and hashes to the expected hash (its 8,893-account alloc is not in
 * the fixtures, so its state root is checked as read). {@code BlockchainTests}: every test's genesis
 * is rebuilt from its {@code pre} accounts and header fields through {@link GenesisConfig}, and must
 * give the same state root, block RLP and hash.
 */
class GenesisHashConformanceTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void mainnetGenesis() throws IOException {
        JsonNode fixture = JSON.readTree(Fixtures.root().resolve("BasicTests/genesishashestest.json").toFile());
        ConformanceReport report = new ConformanceReport("BasicTests/genesishashestest");
        report.check("genesis", () -> {
            byte[] rlp = Hex.decode(fixture.get("genesis_rlp_hex").asText());
            Block block = Block.decode(rlp);
            assertEquals(Hex.encode(Hex.decode(fixture.get("genesis_state_root").asText())),
                    Hex.encode(block.header().stateRoot()), "state root");
            assertEquals(Hex.encode(Hex.decode(fixture.get("genesis_hash").asText())), Hex.encode(block.hash()), "hash");
            assertEquals(Hex.encode(rlp), Hex.encode(block.encode()), "re-encoding");
            assertEquals(Hex.encode(block.header().transactionsRoot()), Hex.encode(block.computeTransactionsRoot()));
        });
        report.printAndAssertAllPassed();
    }

    @Test
    void blockchainTestGeneses() throws IOException {
        ConformanceReport report = new ConformanceReport("BlockchainTests/genesis");
        for (Path file : Fixtures.jsonFiles("BlockchainTests")) {
            JsonNode tests = JSON.readTree(file.toFile());
            for (Iterator<Map.Entry<String, JsonNode>> it = tests.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> test = it.next();
                report.check(test.getKey(), () -> checkGenesis(test.getValue()));
            }
        }
        report.printAndAssertAllPassed();
    }

    /** The fixture's genesis header and pre-state, written as a genesis.json with every fork at 0. */
    private static void checkGenesis(JsonNode test) {
        JsonNode header = test.get("genesisBlockHeader");
        ObjectNode genesis = JSON.createObjectNode();
        ObjectNode config = genesis.putObject("config");
        config.put("chainId", 1);
        config.put("londonBlock", 0);
        config.put("shanghaiTime", 0);
        config.put("cancunTime", 0);
        genesis.set("alloc", test.get("pre"));
        for (String field : new String[] {"coinbase", "difficulty", "extraData", "gasLimit", "gasUsed", "mixHash",
                "nonce", "number", "parentHash", "timestamp", "baseFeePerGas", "excessBlobGas", "blobGasUsed"}) {
            if (header.has(field)) {
                genesis.set(field, header.get(field));
            }
        }
        Block block = GenesisConfig.fromJson(genesis).toBlock(new InMemoryNodeStore());
        assertEquals(header.get("stateRoot").asText(), Hex.encode(block.header().stateRoot()), "state root");
        assertEquals(test.get("genesisRLP").asText(), Hex.encode(block.encode()), "genesis RLP");
        assertEquals(header.get("hash").asText(), Hex.encode(block.hash()), "hash");
    }
}
