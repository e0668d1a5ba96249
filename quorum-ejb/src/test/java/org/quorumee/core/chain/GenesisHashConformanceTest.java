package org.quorumee.core.chain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.quorumee.core.bytes.Hex;
import org.quorumee.core.conformance.ConformanceReport;
import org.quorumee.core.conformance.ExpectedCounts;
import org.quorumee.core.conformance.Fixtures;
import org.quorumee.core.trie.InMemoryNodeStore;
import org.quorumee.core.trie.MerklePatriciaTrie;
import org.quorumee.core.types.Address;
import org.quorumee.node.config.JsonTree;

/**
 * Genesis blocks. {@code BasicTests/genesishashestest.json}: mainnet's genesis block decodes to the
 * header fields Ethereum published for it (written out here, not read from the fixture), re-encodes to
 * the same bytes and hashes to the expected hash (its 8,893-account alloc is not in the fixtures, so
 * its state root is only read, and compared with the published value). {@code BlockchainTests}: every
 * test's genesis is rebuilt from its {@code pre} accounts and header fields through
 * {@link GenesisConfig}, and must give the same state root, block RLP and hash; the tests met are
 * compared with STATS.tsv.
 */
class GenesisHashConformanceTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Mainnet's genesis hash, as every client hard-codes it. */
    private static final String MAINNET_GENESIS_HASH = "0xd4e56740f876aef8c010b86a40d5f56745a118d0906a34e69aec8c0db1cb8fa3";

    @Test
    void mainnetGenesis() throws IOException {
        JsonNode fixture = JSON.readTree(Fixtures.path("BasicTests/genesishashestest.json").toFile());
        ConformanceReport report = new ConformanceReport("BasicTests/genesishashestest");
        report.check("genesis", () -> {
            byte[] rlp = Hex.decode(fixture.get("genesis_rlp_hex").asText());
            Block block = Block.decode(rlp);
            BlockHeader header = block.header();
            // the published fields of block 0 (go-ethereum's DefaultGenesisBlock, the Yellow Paper)
            assertEquals("0x" + "00".repeat(32), Hex.encode(header.parentHash()), "parent hash");
            assertEquals("0x1dcc4de8dec75d7aab85b567b6ccd41ad312451b948a7413f0a142fd40d49347", Hex.encode(header.ommersHash()),
                    "ommers hash (keccak256 of an empty list)");
            assertEquals(Address.ZERO, header.coinbase(), "coinbase");
            assertEquals("0xd7f8974fb5ac78d9ac099b9ad5018bedc2ce0a72dad1827a1709da30580f0544", Hex.encode(header.stateRoot()),
                    "state root");
            assertEquals(Hex.encode(MerklePatriciaTrie.EMPTY_ROOT), Hex.encode(header.transactionsRoot()), "transactions root");
            assertEquals(Hex.encode(MerklePatriciaTrie.EMPTY_ROOT), Hex.encode(header.receiptsRoot()), "receipts root");
            assertEquals(BigInteger.valueOf(17_179_869_184L), header.difficulty(), "difficulty 2^34");
            assertEquals(0, header.number(), "number");
            assertEquals(5000, header.gasLimit(), "gas limit");
            assertEquals(0, header.gasUsed(), "gas used");
            assertEquals(0, header.timestamp(), "timestamp");
            assertEquals("0x11bbe8db4e347b4e8c937c1c8370e4b5ed33adb3db69cbdb7a38e1e50b1b82fa", Hex.encode(header.extraData()),
                    "extra data");
            assertEquals(0x42, header.nonce(), "nonce");
            assertTrue(header.baseFee().isEmpty(), "no base fee before London");
            // and the hash over those fields
            assertEquals(MAINNET_GENESIS_HASH, Hex.encode(block.hash()), "hash");
            assertEquals(MAINNET_GENESIS_HASH, Hex.encode(Hex.decode(fixture.get("genesis_hash").asText())),
                    "the fixture's hash is mainnet's");
            assertEquals(Hex.encode(rlp), Hex.encode(block.encode()), "re-encoding");
            assertEquals(Hex.encode(MerklePatriciaTrie.EMPTY_ROOT), Hex.encode(block.computeTransactionsRoot()),
                    "an empty body's transactions root");
        });
        report.printAndAssertAllPassed();
    }

    @Test
    void blockchainTestGeneses() throws IOException {
        ConformanceReport report = new ConformanceReport("BlockchainTests/genesis");
        Path root = Fixtures.path("BlockchainTests");
        for (String suite : List.of("ValidBlocks", "InvalidBlocks")) {
            ExpectedCounts.Tally tally = ExpectedCounts.tallyByTest("BlockchainTests/" + suite + "[Cancun]");
            long before = report.accounted();
            for (Path file : Fixtures.jsonFiles("BlockchainTests/" + suite)) {
                String relative = root.relativize(file).toString();
                JsonNode tests = JSON.readTree(file.toFile());
                for (Map.Entry<String, JsonNode> test : tests.properties()) {
                    tally.test(relative, test.getKey(), test.getValue().get("blocks").size());
                    report.check(test.getKey(), () -> checkGenesis(test.getValue()));
                }
            }
            tally.assertComplete(report.accounted() - before, null);
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
        Block block = GenesisConfig.fromJson(JsonTree.of(genesis)).toBlock(new InMemoryNodeStore());
        assertEquals(header.get("stateRoot").asText(), Hex.encode(block.header().stateRoot()), "state root");
        assertEquals(test.get("genesisRLP").asText(), Hex.encode(block.encode()), "genesis RLP");
        assertEquals(header.get("hash").asText(), Hex.encode(block.hash()), "hash");
    }
}
