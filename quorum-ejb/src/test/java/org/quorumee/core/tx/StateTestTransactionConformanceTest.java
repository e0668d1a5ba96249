package org.quorumee.core.tx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
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
 * The signed transactions of GeneralStateTests ({@code post[fork][i].txbytes}), every post entry of
 * every fork: each decodes on chain 1 to the fields the test's {@code transaction} section gives
 * (picked by {@code indexes}), with the expected sender. Where {@code expectException} names a rule
 * of the transaction alone (intrinsic gas, nonce 2^64-1, tip above fee cap, init code size, blob
 * list rules, RLP), the transaction must be refused for that reason ({@link ExpectedRefusals}).
 * Where it names a rule that needs the state or the block (funds, base fee, sender with code, block
 * gas), the transaction alone must be accepted and decode to its fields like any other; the refusal
 * itself is {@code GeneralStateConformanceTest}'s. The entries met are compared with STATS.tsv.
 */
class StateTestTransactionConformanceTest {
    private static final long CHAIN_ID = 1;
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void stateTestTransactions() throws IOException {
        Map<Fork, ConformanceReport> reports = new EnumMap<>(Fork.class);
        Map<Fork, ExpectedCounts.Tally> tallies = new EnumMap<>(Fork.class);
        for (Fork fork : Fork.values()) {
            reports.put(fork, new ConformanceReport("GeneralStateTests[" + forkName(fork) + "] transactions"));
            tallies.put(fork, ExpectedCounts.tally("GeneralStateTests[" + forkName(fork) + "]"));
        }
        ConformanceReport otherForks = new ConformanceReport("GeneralStateTests transactions of other forks");
        Path root = Fixtures.path("GeneralStateTests");
        for (Path file : Fixtures.jsonFiles("GeneralStateTests")) {
            String relative = root.relativize(file).toString();
            JsonNode tests = JSON.readTree(file.toFile());
            for (Map.Entry<String, JsonNode> test : tests.properties()) {
                JsonNode transaction = test.getValue().get("transaction");
                for (Map.Entry<String, JsonNode> posts : test.getValue().get("post").properties()) {
                    Fork fork = fork(posts.getKey());
                    String name = relative + "/" + test.getKey() + "[" + posts.getKey() + "]";
                    if (fork == null) {
                        otherForks.skip(name, "fork " + posts.getKey() + " is not implemented");
                        continue;
                    }
                    tallies.get(fork).test(relative, test.getKey(), posts.getValue().size());
                    for (int i = 0; i < posts.getValue().size(); i++) {
                        JsonNode post = posts.getValue().get(i);
                        String txbytes = post.get("txbytes").asText();
                        String exception = post.has("expectException") ? post.get("expectException").asText() : null;
                        reports.get(fork).check(name + "[" + i + "]",
                                () -> runCase(Hex.decode(txbytes), fork, transaction, post.get("indexes"), exception));
                    }
                }
            }
        }
        reports.values().forEach(ConformanceReport::print);
        if (otherForks.accounted() > 0) {
            otherForks.print();
        }
        for (Fork fork : Fork.values()) {
            tallies.get(fork).assertComplete(reports.get(fork).accounted(), null);
        }
        reports.values().forEach(ConformanceReport::assertAllPassed);
    }

    private static void runCase(byte[] raw, Fork fork, JsonNode json, JsonNode indexes, String exception) {
        if (exception != null) {
            if (ExpectedRefusals.allowed(exception) == null) {
                throw new AssertionError(ExpectedRefusals.mismatch(exception, "-", "not run"));
            }
            try {
                Transaction.decode(raw, CHAIN_ID).validate(CHAIN_ID, fork);
            } catch (InvalidTransactionException e) {
                String mismatch = ExpectedRefusals.mismatch(exception, ExpectedRefusals.kind(e), e.getMessage());
                if (mismatch != null) {
                    throw new AssertionError(mismatch);
                }
                return;
            }
            if (!ExpectedRefusals.needsState(exception)) {
                throw new AssertionError("accepted, expected " + exception + " (a rule of the transaction alone)");
            }
            // valid by itself: the state refuses it (GeneralStateConformanceTest); its fields are checked below
        }
        Transaction tx;
        try {
            tx = Transaction.decode(raw, CHAIN_ID).validate(CHAIN_ID, fork);
        } catch (InvalidTransactionException e) {
            throw new AssertionError("refused (" + e.reason() + ": " + e.getMessage() + ")");
        }
        assertEquals(Address.fromHex(json.get("sender").asText()), tx.sender(), "sender");
        assertEquals(quantity(json.get("nonce")).longValue(), tx.nonce(), "nonce");
        assertEquals(quantity(json.get("gasLimit").get(indexes.get("gas").asInt())).longValue(), tx.gasLimit(), "gasLimit");
        assertEquals(quantity(json.get("value").get(indexes.get("value").asInt())), tx.value(), "value");
        assertArrayEquals(Hex.decode(json.get("data").get(indexes.get("data").asInt()).asText()), tx.data(), "data");
        String to = json.get("to").asText();
        assertEquals(to.isEmpty() ? null : Address.fromHex(to), tx.to().orElse(null), "to");
        if (json.has("gasPrice")) {
            assertEquals(quantity(json.get("gasPrice")), tx.gasPrice(), "gasPrice");
        } else {
            assertEquals(quantity(json.get("maxFeePerGas")), tx.maxFeePerGas(), "maxFeePerGas");
            assertEquals(quantity(json.get("maxPriorityFeePerGas")), tx.maxPriorityFeePerGas(), "maxPriorityFeePerGas");
        }
        JsonNode accessLists = json.get("accessLists");
        if (accessLists != null && !accessLists.get(indexes.get("data").asInt()).isNull()) {
            JsonNode expected = accessLists.get(indexes.get("data").asInt());
            assertEquals(expected.size(), tx.accessList().size(), "access list size");
            for (int i = 0; i < expected.size(); i++) {
                AccessListEntry entry = tx.accessList().get(i);
                assertEquals(Address.fromHex(expected.get(i).get("address").asText()), entry.address(), "access list address");
                List<String> keys = new ArrayList<>();
                entry.storageKeys().forEach(k -> keys.add(Hex.encode(k)));
                List<String> expectedKeys = new ArrayList<>();
                expected.get(i).get("storageKeys").forEach(k -> expectedKeys.add(Hex.encode(Hex.decode(k.asText()))));
                assertEquals(expectedKeys, keys, "storage keys");
            }
        }
        if (json.has("blobVersionedHashes")) {
            assertEquals(quantity(json.get("maxFeePerBlobGas")), tx.maxFeePerBlobGas(), "maxFeePerBlobGas");
            assertEquals(json.get("blobVersionedHashes").size(), tx.blobVersionedHashes().size(), "blob hashes");
        }
    }

    /** A hex quantity; the fillers sometimes write {@code 0x:bigint 0x...}. */
    private static BigInteger quantity(JsonNode node) {
        String text = node.asText().replace("0x:bigint ", "");
        String digits = text.startsWith("0x") ? text.substring(2) : text;
        return digits.isEmpty() ? BigInteger.ZERO : new BigInteger(digits, 16);
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
