package org.quorumee.core.rlp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.quorumee.core.bytes.Hex;
import org.quorumee.core.conformance.ConformanceReport;
import org.quorumee.core.conformance.ExpectedCounts;
import org.quorumee.core.conformance.Fixtures;

/**
 * RLPTests: {@code in} values are encoded and must equal {@code out}, and {@code out} decodes back
 * to {@code in}; {@code "in": "INVALID"} must be refused by the strict decoder with an
 * {@link RlpException} (no other exception type), {@code "in": "VALID"} accepted and re-encoded to the
 * same bytes. The files and tests met are compared with STATS.tsv.
 */
class RlpConformanceTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void rlpTests() throws IOException {
        ConformanceReport report = new ConformanceReport("RLPTests");
        ExpectedCounts.Tally tally = ExpectedCounts.tally("RLPTests");
        Path dir = Fixtures.path("RLPTests");
        for (Path file : Fixtures.jsonFiles("RLPTests")) {
            JsonNode root = JSON.readTree(file.toFile());
            for (Map.Entry<String, JsonNode> test : root.properties()) {
                tally.test(dir.relativize(file).toString(), test.getKey(), 0);
                JsonNode in = test.getValue().get("in");
                String out = test.getValue().get("out").asText();
                String name = file.getFileName() + "/" + test.getKey();
                report.check(name, () -> runCase(in, out));
            }
        }
        report.print();
        tally.assertComplete(report.accounted(), null);
        report.assertAllPassed();
    }

    private static void runCase(JsonNode in, String out) {
        byte[] encoded = Hex.decode(out);
        if (in.isTextual() && in.asText().equals("INVALID")) {
            try {
                Rlp.decode(encoded);
            } catch (RlpException expected) {
                return;
            }
            throw new AssertionError("accepted invalid RLP " + out);
        }
        if (in.isTextual() && in.asText().equals("VALID")) {
            assertArrayEquals(encoded, reencode(Rlp.decode(encoded)), "a valid item re-encodes to its bytes");
            return;
        }
        assertArrayEquals(encoded, encode(in), "encoding");
        assertMatches(in, Rlp.decode(encoded));
    }

    private static byte[] reencode(RlpItem item) {
        if (!item.isList()) {
            return Rlp.encodeBytes(item.bytes());
        }
        List<byte[]> children = new ArrayList<>();
        item.items().forEach(child -> children.add(reencode(child)));
        return Rlp.encodeList(children);
    }

    private static byte[] encode(JsonNode value) {
        if (value.isArray()) {
            List<byte[]> items = new ArrayList<>();
            value.forEach(element -> items.add(encode(element)));
            return Rlp.encodeList(items);
        }
        if (value.isIntegralNumber()) {
            return Rlp.encodeBigInteger(value.bigIntegerValue());
        }
        String text = value.asText();
        if (text.startsWith("#")) {
            return Rlp.encodeBigInteger(new BigInteger(text.substring(1)));
        }
        return Rlp.encodeBytes(text.getBytes(StandardCharsets.ISO_8859_1));
    }

    private static void assertMatches(JsonNode expected, RlpItem item) {
        if (expected.isArray()) {
            assertTrue(item.isList(), "list expected");
            assertEquals(expected.size(), item.items().size(), "list size");
            for (int i = 0; i < expected.size(); i++) {
                assertMatches(expected.get(i), item.item(i));
            }
            return;
        }
        assertFalse(item.isList(), "string expected");
        if (expected.isIntegralNumber()) {
            assertEquals(expected.bigIntegerValue(), item.asBigInteger(Integer.MAX_VALUE));
        } else if (expected.asText().startsWith("#")) {
            assertEquals(new BigInteger(expected.asText().substring(1)), item.asBigInteger(Integer.MAX_VALUE));
        } else {
            assertArrayEquals(expected.asText().getBytes(StandardCharsets.ISO_8859_1), item.bytes());
        }
    }
}
