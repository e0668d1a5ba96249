package org.quorumee.core.trie;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.quorumee.core.bytes.Hex;
import org.quorumee.core.conformance.ConformanceReport;
import org.quorumee.core.conformance.Fixtures;

/**
 * {@code BasicTests/hexencodetest.json}: the trie's hex-prefix encoding of a nibble path (Yellow Paper,
 * appendix C) with and without the leaf ("term") flag, odd and even lengths, leading zero nibbles; and
 * the encoding decodes back to its path and flag.
 */
class HexPrefixConformanceTest {

    @Test
    void hexPrefixEncoding() throws IOException {
        JsonNode cases = new ObjectMapper().readTree(Fixtures.path("BasicTests/hexencodetest.json").toFile());
        ConformanceReport report = new ConformanceReport("BasicTests/hexencodetest");
        for (Map.Entry<String, JsonNode> c : cases.properties()) {
            report.check(c.getKey(), () -> {
                JsonNode seq = c.getValue().get("seq");
                byte[] nibbles = new byte[seq.size()];
                for (int i = 0; i < nibbles.length; i++) {
                    nibbles[i] = (byte) seq.get(i).asInt();
                }
                boolean leaf = c.getValue().get("term").asBoolean();
                byte[] expected = Hex.decode(c.getValue().get("out").asText());
                byte[] encoded = Nibbles.hexPrefix(nibbles, leaf);
                assertEquals(Hex.encode(expected), Hex.encode(encoded), "encoding");
                assertArrayEquals(nibbles, Nibbles.decodeHexPrefix(encoded), "decoded path");
                assertEquals(leaf, Nibbles.isLeaf(encoded), "leaf flag");
            });
        }
        report.printAndAssertAllPassed();
        assertEquals(12, report.passed(), "the file's twelve cases");
    }
}
