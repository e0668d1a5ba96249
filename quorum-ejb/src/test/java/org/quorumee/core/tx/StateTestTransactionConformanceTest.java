package org.quorumee.core.tx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.quorumee.core.bytes.Hex;
import org.quorumee.core.conformance.ConformanceReport;
import org.quorumee.core.conformance.Fixtures;
import org.quorumee.core.fork.Fork;
import org.quorumee.core.types.Address;

/**
 * The signed transactions of GeneralStateTests ({@code post[fork][i].txbytes}): each decodes on
 * chain 1 to the fields the test's {@code transaction} section gives (picked by {@code indexes}),
 * with the expected sender. Where {@code expectException} names a rule of the transaction alone
 * (intrinsic gas, nonce 2^64-1, tip above fee cap, init code size, blob list rules, RLP), the
 * transaction must be refused; other exceptions need the state or the block and are the chain's.
 */
class StateTestTransactionConformanceTest {
    private static final long CHAIN_ID = 1;
    private static final ObjectMapper JSON = new ObjectMapper();
    /** expectException values that a transaction's own rules decide. */
    private static final Set<String> TRANSACTION_RULES = Set.of("IntrinsicGas", "TR_IntrinsicGas",
            "TR_NonceHasMaxValue", "TR_TipGtFeeCap", "TR_InitCodeLimitExceeded",
            "TransactionException.INITCODE_SIZE_EXCEEDED", "TR_BLOBCREATE", "TR_BLOBLIST_OVERSIZE",
            "TR_BLOBVERSION_INVALID", "TR_RLP_WRONGVALUE", "TransactionException.TYPE_3_TX_BLOB_COUNT_EXCEEDED",
            "TransactionException.TYPE_3_TX_INVALID_BLOB_VERSIONED_HASH", "TransactionException.TYPE_3_TX_ZERO_BLOBS",
            "TransactionException.TYPE_3_TX_PRE_FORK",
            "TransactionException.TYPE_3_TX_PRE_FORK|TransactionException.TYPE_3_TX_ZERO_BLOBS");

    @Test
    void stateTestTransactions() throws IOException {
        ConformanceReport report = new ConformanceReport("GeneralStateTests transactions");
        Set<String> seen = new HashSet<>();
        for (Path file : Fixtures.jsonFiles("GeneralStateTests")) {
            JsonNode root = JSON.readTree(file.toFile());
            for (Iterator<Map.Entry<String, JsonNode>> tests = root.fields(); tests.hasNext(); ) {
                Map.Entry<String, JsonNode> test = tests.next();
                JsonNode transaction = test.getValue().get("transaction");
                for (Fork fork : Fork.values()) {
                    JsonNode posts = test.getValue().path("post").get(forkName(fork));
                    if (posts == null) {
                        continue;
                    }
                    for (int i = 0; i < posts.size(); i++) {
                        JsonNode post = posts.get(i);
                        String txbytes = post.get("txbytes").asText();
                        String exception = post.has("expectException") ? post.get("expectException").asText() : null;
                        if (!seen.add(forkName(fork) + txbytes + exception)) {
                            continue;
                        }
                        String name = test.getKey() + "[" + forkName(fork) + "][" + i + "]";
                        report.check(name, () -> runCase(Hex.decode(txbytes), fork, transaction, post.get("indexes"), exception));
                    }
                }
            }
        }
        report.printAndAssertAllPassed();
    }

    private static void runCase(byte[] raw, Fork fork, JsonNode json, JsonNode indexes, String exception) {
        if (exception != null) {
            boolean refused;
            try {
                Transaction.decode(raw, CHAIN_ID).validate(CHAIN_ID, fork);
                refused = false;
            } catch (InvalidTransactionException e) {
                refused = true;
            }
            if (TRANSACTION_RULES.contains(exception) && !refused) {
                throw new AssertionError("accepted, expected " + exception);
            }
            return;
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

    private static String forkName(Fork fork) {
        String name = fork.name();
        return name.charAt(0) + name.substring(1).toLowerCase();
    }
}
