package org.quorumee.core.chain;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.Test;
import org.quorumee.core.bytes.Hex;
import org.quorumee.core.conformance.ConformanceReport;
import org.quorumee.core.conformance.Fixtures;
import org.quorumee.core.evm.CodeCache;
import org.quorumee.core.rlp.RlpException;
import org.quorumee.core.state.WorldState;
import org.quorumee.core.trie.InMemoryNodeStore;
import org.quorumee.core.trie.NodeStore;
import org.quorumee.core.tx.InvalidTransactionException;
import org.quorumee.core.types.Address;
import org.quorumee.core.types.UInt256;

/**
 * Runs {@code BlockchainTests/ValidBlocks} and {@code InvalidBlocks} (Cancun): the genesis state is
 * written from {@code pre}, then each block of {@code blocks} is imported onto its own parent (side
 * chains exist); a block with {@code expectException} must be refused, any other accepted (a block
 * expected to fail on a transaction whose header's transactions root already differs — the fixtures
 * leave the bad transaction out of it — is executed as well and must be refused by execution). The head
 * must end at {@code lastblockhash} with the state of {@code postState}. Tests with blob
 * transactions are counted on their own line (this node refuses blob transactions).
 * {@code -Dblocktests.filter=<substring of the path or test name>} runs a subset. The two suites
 * must pass in full; the blob line is printed only.
 */
class BlockchainConformanceTest {
    private static final String FILTER = System.getProperty("blocktests.filter", "");
    /** {@code -Dblocktests.verbose=true} prints each refusal beside the exception the fixture expects. */
    private static final boolean VERBOSE = Boolean.getBoolean("blocktests.verbose");
    private static final int MAX_PRINTED_FAILURES = 100;
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The chain the fixtures run on: mainnet's id, every fork through Cancun from genesis. */
    private static final ChainConfig CANCUN = ChainConfig.fromJson(JSON.createObjectNode()
            .put("chainId", 1).put("londonBlock", 0).put("shanghaiTime", 0).put("cancunTime", 0));

    private record Outcome(String label, String name, String failure) {
    }

    @Test
    void blockchainTests() {
        Path root = Fixtures.root().resolve("BlockchainTests");
        CodeCache codeCache = new CodeCache(4096);
        ConcurrentLinkedQueue<Outcome> outcomes = new ConcurrentLinkedQueue<>();
        long start = System.nanoTime();
        for (String suite : List.of("ValidBlocks", "InvalidBlocks")) {
            Fixtures.jsonFiles("BlockchainTests/" + suite).parallelStream().forEach(file -> {
                String relative = root.relativize(file).toString();
                JsonNode tests;
                try {
                    tests = JSON.readTree(file.toFile());
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                for (Iterator<Map.Entry<String, JsonNode>> it = tests.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> test = it.next();
                    String name = relative + "/" + test.getKey();
                    if (!FILTER.isEmpty() && !name.contains(FILTER)) {
                        continue;
                    }
                    if (!"Cancun".equals(test.getValue().path("network").asText())) {
                        continue;
                    }
                    boolean blob = name.contains("4844") || test.getValue().toString().contains("blobVersionedHashes");
                    String label = "BlockchainTests " + suite + (blob ? " (blob transactions)" : "");
                    String failure;
                    try {
                        failure = runTest(test.getValue(), codeCache);
                    } catch (RuntimeException | StackOverflowError e) {
                        failure = "threw " + e;
                    }
                    outcomes.add(new Outcome(label, name, failure));
                }
            });
        }
        long millis = (System.nanoTime() - start) / 1_000_000;

        Map<String, ConformanceReport> reports = new TreeMap<>();
        for (String suite : List.of("ValidBlocks", "InvalidBlocks")) {
            reports.put("BlockchainTests " + suite, new ConformanceReport("BlockchainTests " + suite));
        }
        List<Outcome> sorted = new ArrayList<>(outcomes);
        sorted.sort((a, b) -> a.name().compareTo(b.name()));
        for (Outcome o : sorted) {
            ConformanceReport report = reports.computeIfAbsent(o.label(), ConformanceReport::new);
            if (o.failure() == null) {
                report.pass();
            } else {
                report.fail(o.name(), o.failure());
            }
        }
        reports.values().forEach(report -> report.print(MAX_PRINTED_FAILURES));
        System.out.println("BlockchainTests ran in " + millis + " ms");
        // both suites pass in full (blob transactions aside): keep it so
        for (String suite : List.of("ValidBlocks", "InvalidBlocks")) {
            ConformanceReport report = reports.get("BlockchainTests " + suite);
            assertTrue(report.failures().isEmpty(), "BlockchainTests " + suite + ": " + report.failures().size()
                    + " failed, first: " + (report.failures().isEmpty() ? "" : report.failures().get(0)));
        }
    }

    /** Null when the test passes, else why not. */
    private static String runTest(JsonNode test, CodeCache codeCache) {
        NodeStore store = new InMemoryNodeStore();
        Block genesis = Block.decode(Hex.decode(test.get("genesisRLP").asText()));
        byte[] genesisRoot = writeState(store, test.get("pre"));
        if (!Arrays.equals(genesisRoot, genesis.header().stateRoot())) {
            return "genesis state root " + Hex.encode(genesisRoot) + " != " + Hex.encode(genesis.header().stateRoot());
        }
        Map<String, BlockHeader> headers = new HashMap<>();
        headers.put(Hex.encode(genesis.hash()), genesis.header());
        BlockHeaderLookup lookup = hash -> Optional.ofNullable(headers.get(Hex.encode(hash)));
        BlockProcessor processor = BlockProcessor.forChain(CANCUN, ConsensusRules.NONE, codeCache);
        BlockHeader head = genesis.header();
        int index = 0;
        for (JsonNode fixture : test.get("blocks")) {
            String expected = fixture.has("expectException") ? fixture.get("expectException").asText() : null;
            String refusal = importBlock(fixture, headers, lookup, store, processor);
            if (expected != null && !expected.equals("InvalidTransactionsRoot") && refusal != null
                    && refusal.startsWith("transactions root")) {
                // the fixture's header leaves the bad transaction out of its root: execution must refuse it too
                String executionRefusal = executeBody(fixture, headers, store, lookup, processor);
                if (executionRefusal == null) {
                    return "block " + index + " (" + expected + "): its transactions execute without refusal";
                }
                refusal = executionRefusal;
            }
            if (expected == null && refusal != null) {
                return "block " + index + " refused: " + refusal;
            }
            if (VERBOSE && expected != null) {
                System.out.println("expected " + expected + ", refused: " + refusal);
            }
            if (expected != null && refusal == null) {
                return "block " + index + " accepted, expected " + expected;
            }
            if (refusal == null) {
                head = headers.get(Hex.encode(Block.decode(Hex.decode(fixture.get("rlp").asText())).hash()));
            }
            index++;
        }
        String lastHash = test.get("lastblockhash").asText();
        if (!Hex.encode(head.hash()).equals(lastHash)) {
            return "head " + Hex.encode(head.hash()) + " != lastblockhash " + lastHash;
        }
        byte[] expectedRoot = test.has("postState")
                ? writeState(new InMemoryNodeStore(), test.get("postState"))
                : Hex.decode(test.get("postStateHash").asText());
        if (!Arrays.equals(expectedRoot, head.stateRoot())) {
            return "post state root " + Hex.encode(expectedRoot) + " != head's " + Hex.encode(head.stateRoot());
        }
        return null;
    }

    /** Imports one block; null when accepted (and stored), else why it was refused. */
    private static String importBlock(JsonNode fixture, Map<String, BlockHeader> headers, BlockHeaderLookup lookup,
            NodeStore store, BlockProcessor processor) {
        Block block;
        try {
            block = Block.decode(Hex.decode(fixture.get("rlp").asText()));
        } catch (RlpException | IllegalArgumentException | InvalidTransactionException e) {
            return "decoding: " + e.getMessage();
        }
        BlockHeader parent = headers.get(Hex.encode(block.header().parentHash()));
        if (parent == null) {
            return "unknown parent " + Hex.encode(block.header().parentHash());
        }
        try {
            processor.importBlock(block, parent, new WorldState(store, parent.stateRoot()), new AncestorHashes(parent, lookup));
        } catch (InvalidBlockException e) {
            return e.getMessage();
        }
        headers.put(Hex.encode(block.hash()), block.header());
        return null;
    }

    /** Executes a block's transactions on its parent's state; null when all are included, else the refusal. */
    private static String executeBody(JsonNode fixture, Map<String, BlockHeader> headers, NodeStore store,
            BlockHeaderLookup lookup, BlockProcessor processor) {
        Block block = Block.decode(Hex.decode(fixture.get("rlp").asText()));
        BlockHeader parent = headers.get(Hex.encode(block.header().parentHash()));
        try {
            processor.execute(new WorldState(store, parent.stateRoot()), block.header(),
                    block.decodeTransactions(CANCUN.chainId()), block.withdrawals(), new AncestorHashes(parent, lookup));
        } catch (InvalidBlockException | InvalidTransactionException e) {
            return e.getMessage();
        }
        return null;
    }

    /** Writes the accounts of a fixture's {@code pre} or {@code postState} and returns the root. */
    private static byte[] writeState(NodeStore store, JsonNode accounts) {
        WorldState state = new WorldState(store, WorldState.EMPTY_TRIE_ROOT);
        for (Iterator<Map.Entry<String, JsonNode>> it = accounts.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode a = e.getValue();
            Map<UInt256, UInt256> storage = new HashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> slots = a.get("storage").fields(); slots.hasNext(); ) {
                Map.Entry<String, JsonNode> slot = slots.next();
                storage.put(UInt256.fromBytes(Hex.decode(slot.getKey())), UInt256.fromBytes(Hex.decode(slot.getValue().asText())));
            }
            state.putAccount(Address.fromHex(e.getKey()), quantity(a.get("nonce")).longValue(), quantity(a.get("balance")),
                    Hex.decode(a.get("code").asText()), storage);
        }
        return state.commit();
    }

    private static BigInteger quantity(JsonNode node) {
        String text = node.asText();
        String digits = text.startsWith("0x") ? text.substring(2) : text;
        return digits.isEmpty() ? BigInteger.ZERO : new BigInteger(digits, 16);
    }
}
