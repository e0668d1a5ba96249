package org.quorumee.core.tx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.quorumee.core.bytes.Hex;
import org.quorumee.core.conformance.ConformanceReport;
import org.quorumee.core.conformance.Fixtures;
import org.quorumee.core.fork.Fork;
import org.quorumee.core.types.Address;

/**
 * TransactionTests for London, Shanghai and Cancun: each {@code txbytes} is decoded and validated on
 * chain 1 at the fork; a case with {@code exception} must be refused (with any reason: the
 * fixtures' names are the filling client's), the others must give the expected hash, sender and
 * intrinsic gas.
 */
class TransactionConformanceTest {
    private static final long CHAIN_ID = 1;
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void transactionTests() throws IOException {
        Map<Fork, ConformanceReport> reports = new EnumMap<>(Fork.class);
        for (Fork fork : Fork.values()) {
            reports.put(fork, new ConformanceReport("TransactionTests[" + forkName(fork) + "]"));
        }
        for (Path file : Fixtures.jsonFiles("TransactionTests")) {
            JsonNode root = JSON.readTree(file.toFile());
            for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> test = it.next();
                byte[] raw = Hex.decode(test.getValue().get("txbytes").asText());
                for (Fork fork : Fork.values()) {
                    JsonNode expected = test.getValue().get("result").get(forkName(fork));
                    if (expected != null) {
                        String name = file.getParent().getFileName() + "/" + test.getKey();
                        reports.get(fork).check(name, () -> runCase(raw, fork, expected));
                    }
                }
            }
        }
        for (ConformanceReport report : reports.values()) {
            report.printAndAssertAllPassed();
        }
    }

    private static void runCase(byte[] raw, Fork fork, JsonNode expected) {
        if (expected.has("exception")) {
            try {
                Transaction.decode(raw, CHAIN_ID).validate(CHAIN_ID, fork);
            } catch (InvalidTransactionException e) {
                return;
            }
            throw new AssertionError("accepted, expected " + expected.get("exception").asText());
        }
        Transaction tx;
        try {
            tx = Transaction.decode(raw, CHAIN_ID).validate(CHAIN_ID, fork);
        } catch (InvalidTransactionException e) {
            throw new AssertionError("refused (" + e.reason() + ": " + e.getMessage() + ")");
        }
        assertArrayEquals(Hex.decode(expected.get("hash").asText()), tx.hash(), "hash");
        assertEquals(Address.fromHex(expected.get("sender").asText()), tx.sender(), "sender");
        assertEquals(Long.decode(expected.get("intrinsicGas").asText()), tx.intrinsicGas(fork), "intrinsic gas");
        assertArrayEquals(raw, tx.encoded(), "re-encoding");
    }

    private static String forkName(Fork fork) {
        String name = fork.name();
        return name.charAt(0) + name.substring(1).toLowerCase();
    }
}
