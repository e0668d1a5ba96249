package org.quorumee.core.trie;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.quorumee.core.bytes.Hex;
import org.quorumee.core.conformance.ConformanceReport;
import org.quorumee.core.conformance.ExpectedCounts;
import org.quorumee.core.conformance.Fixtures;
import org.quorumee.core.crypto.Keccak;

/**
 * {@code TrieTests/}: the root after a sequence of puts and deletes (plain and secure tries), and
 * the next/previous key walk. Each case is also committed, reopened from the store by its root and
 * checked entry by entry, with a proof per key. The files and tests met are compared with STATS.tsv.
 */
class TrieConformanceTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void trieTests() throws IOException {
        ExpectedCounts.Tally tally = ExpectedCounts.tally("TrieTests");
        List<ConformanceReport> reports = List.of(
                runRootSuite("trietest.json", false, tally),
                runRootSuite("trieanyorder.json", false, tally),
                runRootSuite("trietest_secureTrie.json", true, tally),
                runRootSuite("trieanyorder_secureTrie.json", true, tally),
                runRootSuite("hex_encoded_securetrie_test.json", true, tally),
                runNextPrevSuite("trietestnextprev.json", tally));
        reports.forEach(ConformanceReport::print);
        // six named files: a seventh in the folder, or one fewer, is a mismatch with STATS.tsv
        tally.assertComplete(reports.stream().mapToLong(ConformanceReport::accounted).sum(), null);
        reports.forEach(ConformanceReport::assertAllPassed);
    }

    private static ConformanceReport runRootSuite(String fileName, boolean secure, ExpectedCounts.Tally tally)
            throws IOException {
        JsonNode cases = JSON.readTree(Fixtures.path("TrieTests/" + fileName).toFile());
        ConformanceReport report = new ConformanceReport("TrieTests/" + fileName);
        for (Map.Entry<String, JsonNode> testCase : cases.properties()) {
            tally.test(fileName, testCase.getKey(), 0);
            report.check(testCase.getKey(), () -> runRootCase(testCase.getValue(), secure));
        }
        return report;
    }

    private static void runRootCase(JsonNode testCase, boolean secure) {
        List<byte[][]> operations = operations(testCase.get("in"));
        InMemoryNodeStore store = new InMemoryNodeStore();
        MerklePatriciaTrie trie = new MerklePatriciaTrie(store);
        Map<String, byte[]> expected = new TreeMap<>();
        for (byte[][] op : operations) {
            byte[] key = secure ? Keccak.keccak256(op[0]) : op[0];
            if (op[1] == null) {
                trie.delete(key);
                expected.remove(Hex.encode(key));
            } else {
                trie.put(key, op[1]);
                expected.put(Hex.encode(key), op[1]);
            }
        }
        byte[] root = Hex.decode(testCase.get("root").asText());
        assertEquals(Hex.encode(root), Hex.encode(trie.rootHash()), "root");

        // The committed trie, reopened by its root, holds the same entries and proves each of them.
        assertArrayEquals(root, trie.commit(), "committed root");
        MerklePatriciaTrie reopened = new MerklePatriciaTrie(store, root);
        for (Map.Entry<String, byte[]> entry : expected.entrySet()) {
            byte[] key = Hex.decode(entry.getKey());
            assertArrayEquals(entry.getValue(), reopened.get(key).orElseThrow(), "value of " + entry.getKey());
            assertArrayEquals(entry.getValue(), MerkleProof.verify(root, key, reopened.proof(key)).orElseThrow(),
                    "proof of " + entry.getKey());
        }
        List<String> walked = new ArrayList<>();
        reopened.forEach((key, value) -> walked.add(Hex.encode(key)));
        assertEquals(new ArrayList<>(expected.keySet()), walked, "keys in order");
    }

    /** The "in" of a case: an array of [key, value] pairs in order, or an object (any order). */
    private static List<byte[][]> operations(JsonNode in) {
        List<byte[][]> operations = new ArrayList<>();
        if (in.isArray()) {
            for (JsonNode pair : in) {
                operations.add(new byte[][] {bytes(pair.get(0)), bytes(pair.get(1))});
            }
        } else {
            for (Map.Entry<String, JsonNode> field : in.properties()) {
                operations.add(new byte[][] {text(field.getKey()), bytes(field.getValue())});
            }
        }
        return operations;
    }

    /** null stays null (a delete); "0x..." is hex; anything else is the UTF-8 bytes of the text. */
    private static byte[] bytes(JsonNode node) {
        return node == null || node.isNull() ? null : text(node.asText());
    }

    private static byte[] text(String text) {
        return text.startsWith("0x") ? Hex.decode(text) : text.getBytes(StandardCharsets.UTF_8);
    }

    /** {@code trietestnextprev.json}: for each probe key, the previous and next stored keys. */
    private static ConformanceReport runNextPrevSuite(String fileName, ExpectedCounts.Tally tally) throws IOException {
        JsonNode cases = JSON.readTree(Fixtures.path("TrieTests/" + fileName).toFile());
        ConformanceReport report = new ConformanceReport("TrieTests/" + fileName);
        for (Map.Entry<String, JsonNode> testCase : cases.properties()) {
            tally.test(fileName, testCase.getKey(), 0);
            report.check(testCase.getKey(), () -> {
                MerklePatriciaTrie trie = new MerklePatriciaTrie(new InMemoryNodeStore());
                for (JsonNode key : testCase.getValue().get("in")) {
                    byte[] bytes = text(key.asText());
                    trie.put(bytes, bytes);
                }
                for (JsonNode probe : testCase.getValue().get("tests")) {
                    byte[] key = text(probe.get(0).asText());
                    String previous = trie.previousKey(key).map(TrieConformanceTest::utf8).orElse("");
                    String next = trie.nextKey(key).map(TrieConformanceTest::utf8).orElse("");
                    assertEquals(probe.get(1).asText(), previous, "previous of " + probe.get(0));
                    assertEquals(probe.get(2).asText(), next, "next of " + probe.get(0));
                }
            });
        }
        return report;
    }

    private static String utf8(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
