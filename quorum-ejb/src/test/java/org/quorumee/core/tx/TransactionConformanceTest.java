package org.quorumee.core.tx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.quorumee.core.bytes.Hex;
import org.quorumee.core.conformance.ConformanceReport;
import org.quorumee.core.conformance.ExpectedCounts;
import org.quorumee.core.conformance.ExpectedRefusals;
import org.quorumee.core.conformance.Fixtures;
import org.quorumee.core.fork.Fork;
import org.quorumee.core.types.Address;

/**
 * TransactionTests for London, Shanghai and Cancun: each {@code txbytes} is decoded and validated on
 * chain 1 at the fork; a case with {@code exception} must be refused for the reason that name asks
 * ({@link ExpectedRefusals}), the others must give the expected hash, sender and intrinsic gas. A
 * result for a fork this node does not implement is a named skip; the files and tests met are
 * compared with STATS.tsv.
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
        ConformanceReport otherForks = new ConformanceReport("TransactionTests[forks before London]");
        ExpectedCounts.Tally tally = ExpectedCounts.tally("TransactionTests");
        Path root = Fixtures.path("TransactionTests");
        for (Path file : Fixtures.jsonFiles("TransactionTests")) {
            JsonNode tests = JSON.readTree(file.toFile());
            for (Map.Entry<String, JsonNode> test : tests.properties()) {
                tally.test(root.relativize(file).toString(), test.getKey(), 0);
                byte[] raw = Hex.decode(test.getValue().get("txbytes").asText());
                String name = file.getParent().getFileName() + "/" + test.getKey();
                for (Map.Entry<String, JsonNode> result : test.getValue().get("result").properties()) {
                    Fork fork = fork(result.getKey());
                    if (fork == null) {
                        otherForks.skip(name + "[" + result.getKey() + "]", "fork " + result.getKey() + " is not implemented");
                    } else {
                        reports.get(fork).check(name, () -> runCase(raw, fork, result.getValue()));
                    }
                }
            }
        }
        for (ConformanceReport report : reports.values()) {
            report.print();
            if (report.accounted() == 0) {
                throw new AssertionError(report.suite() + ": no case ran (a fork disappeared from the fixtures)");
            }
        }
        if (otherForks.accounted() > 0) {
            otherForks.print();
        }
        tally.assertComplete(tally.tests(), null);
        reports.values().forEach(ConformanceReport::assertAllPassed);
    }

    private static void runCase(byte[] raw, Fork fork, JsonNode expected) {
        if (expected.has("exception")) {
            String exception = expected.get("exception").asText();
            try {
                Transaction.decode(raw, CHAIN_ID).validate(CHAIN_ID, fork);
            } catch (InvalidTransactionException e) {
                if (isRlpString(raw)) {
                    // The filling tool read an RLP string as a block body's wrapper of a typed transaction
                    // and named the error of what it wraps (an unknown type, a bad blob transaction, an
                    // early end); this node reads raw bytes as eth_sendRawTransaction does, where an RLP
                    // string is no transaction at all (go-ethereum's UnmarshalBinary agrees): MALFORMED.
                    if (e.reason() != InvalidTransactionException.Reason.MALFORMED) {
                        throw new AssertionError("expected " + exception + " for an RLP string, which must be refused"
                                + " as MALFORMED; refused " + e.reason() + ": " + e.getMessage());
                    }
                    return;
                }
                String mismatch = ExpectedRefusals.mismatch(exception, ExpectedRefusals.kind(e), e.getMessage());
                if (mismatch != null) {
                    throw new AssertionError(mismatch);
                }
                return;
            }
            throw new AssertionError("accepted, expected " + exception);
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

    /** Bytes that open with an RLP string header (0x80..0xbf): neither a type byte nor a list. */
    private static boolean isRlpString(byte[] raw) {
        return raw.length > 0 && (raw[0] & 0xff) >= 0x80 && (raw[0] & 0xff) < 0xc0;
    }

    private static Fork fork(String name) {
        for (Fork fork : Fork.values()) {
            if (forkName(fork).equals(name)) {
                return fork;
            }
        }
        return null;
    }

    private static String forkName(Fork fork) {
        String name = fork.name();
        return name.charAt(0) + name.substring(1).toLowerCase();
    }
}
