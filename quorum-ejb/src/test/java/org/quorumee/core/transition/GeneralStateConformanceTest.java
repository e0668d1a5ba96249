package org.quorumee.core.transition;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.Test;
import org.quorumee.core.bytes.Hex;
import org.quorumee.core.conformance.ConformanceReport;
import org.quorumee.core.conformance.ExpectedCounts;
import org.quorumee.core.conformance.ExpectedRefusals;
import org.quorumee.core.conformance.Fixtures;
import org.quorumee.core.crypto.Keccak;
import org.quorumee.core.evm.BlockContext;
import org.quorumee.core.evm.CodeCache;
import org.quorumee.core.evm.ForkRules;
import org.quorumee.core.fork.Fork;
import org.quorumee.core.state.WorldState;
import org.quorumee.core.trie.InMemoryNodeStore;
import org.quorumee.core.trie.NodeStore;
import org.quorumee.core.tx.InvalidTransactionException;
import org.quorumee.core.tx.Transaction;
import org.quorumee.core.types.Address;
import org.quorumee.core.types.Log;
import org.quorumee.core.types.UInt256;

/**
 * Runs {@code GeneralStateTests} (London, Shanghai, Cancun): each post entry applies one
 * transaction to the pre-state and compares the state root and the logs hash, or expects the
 * transaction to be refused for the reason its {@code expectException} names
 * ({@link ExpectedRefusals}). Blob-transaction and KZG cases are counted on their own lines (by the
 * test's path or a {@code blobVersionedHashes} field; the split is for reading, every line must
 * pass). The files, tests and post entries met per fork are compared with STATS.tsv; a case not run
 * is a named skip. {@code -Dstatetests.filter=<substring of the path or test name>} runs a subset
 * (then the counts are printed, not compared).
 */
class GeneralStateConformanceTest {
    private static final String FILTER = System.getProperty("statetests.filter", "");
    private static final int MAX_PRINTED_FAILURES = 200;
    /**
     * Cases that take minutes (2^32-1 BLAKE2 rounds paid for with gas): skipped by name and counted,
     * unless {@code -Dstatetests.slow=true}.
     */
    private static final List<String> SLOW = List.of("stTimeConsuming/CALLBlake2f_MaxRounds.json");
    private static final boolean RUN_SLOW = Boolean.getBoolean("statetests.slow");
    private static final Map<String, Fork> FORKS = Map.of("London", Fork.LONDON, "Shanghai", Fork.SHANGHAI,
            "Cancun", Fork.CANCUN);

    /** One post entry's outcome: passed (failure and skip null), failed, or skipped with a reason. */
    private record Outcome(String label, String name, String failure, String skip, long nanos) {
    }

    private record PreAccount(Address address, long nonce, BigInteger balance, byte[] code, Map<UInt256, UInt256> storage) {
    }

    @Test
    void generalStateTests() {
        Path root = Fixtures.path("GeneralStateTests");
        List<Path> files = Fixtures.jsonFiles("GeneralStateTests");
        Map<String, ExpectedCounts.Tally> tallies = new TreeMap<>();
        for (String fork : FORKS.keySet()) {
            tallies.put(fork, ExpectedCounts.tally("GeneralStateTests[" + fork + "]"));
        }
        Map<Fork, ForkRules> rules = new HashMap<>();
        for (Fork fork : Fork.values()) {
            rules.put(fork, ForkRules.of(fork));
        }
        CodeCache codeCache = new CodeCache(4096);
        ObjectMapper json = new ObjectMapper();
        ConcurrentLinkedQueue<Outcome> outcomes = new ConcurrentLinkedQueue<>();
        long start = System.nanoTime();
        files.parallelStream().forEach(file -> {
            String relative = root.relativize(file).toString();
            String slow = !RUN_SLOW && SLOW.contains(relative) ? "slow (minutes); -Dstatetests.slow=true runs it" : null;
            JsonNode tests;
            try {
                tests = json.readTree(file.toFile());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            for (Map.Entry<String, JsonNode> test : tests.properties()) {
                String name = relative + "/" + test.getKey();
                if (!FILTER.isEmpty() && !name.contains(FILTER)) {
                    continue;
                }
                runTest(relative, test.getKey(), test.getValue(), slow, rules, codeCache, tallies, outcomes);
            }
        });
        long millis = (System.nanoTime() - start) / 1_000_000;

        Map<String, ConformanceReport> reports = new TreeMap<>();
        Map<String, Long> accountedByFork = new HashMap<>();
        List<Outcome> sorted = new ArrayList<>(outcomes);
        sorted.sort((a, b) -> a.name().compareTo(b.name()));
        for (Outcome o : sorted) {
            ConformanceReport report = reports.computeIfAbsent(o.label(), ConformanceReport::new);
            if (o.skip() != null) {
                report.skip(o.name(), o.skip());
            } else if (o.failure() == null) {
                report.pass();
            } else {
                report.fail(o.name(), o.failure());
            }
            String fork = o.label().split(" ")[1];
            accountedByFork.merge(fork, 1L, Long::sum);
        }
        reports.values().forEach(report -> report.print(MAX_PRINTED_FAILURES));
        System.out.println("GeneralStateTests ran in " + millis + " ms; slowest cases:");
        sorted.stream().sorted((x, y) -> Long.compare(y.nanos(), x.nanos())).limit(5)
                .forEach(o -> System.out.println("  " + o.nanos() / 1_000_000 + " ms " + o.name()));
        String partial = FILTER.isEmpty() ? null : "-Dstatetests.filter=" + FILTER;
        for (Map.Entry<String, ExpectedCounts.Tally> e : tallies.entrySet()) {
            e.getValue().assertComplete(accountedByFork.getOrDefault(e.getKey(), 0L), partial);
        }
        // every suite line passes in full (blob/KZG included), so any failure is a regression
        reports.values().forEach(ConformanceReport::assertAllPassed);
    }

    private static void runTest(String file, String testName, JsonNode test, String skip, Map<Fork, ForkRules> rulesByFork,
            CodeCache codeCache, Map<String, ExpectedCounts.Tally> tallies, ConcurrentLinkedQueue<Outcome> outcomes) {
        String name = file + "/" + testName;
        boolean blob = name.contains("4844") || test.get("transaction").has("blobVersionedHashes");
        NodeStore store = new InMemoryNodeStore();
        byte[] preRoot = null;
        String preFailure = null;
        if (skip == null) {
            try {
                WorldState pre = new WorldState(store, WorldState.EMPTY_TRIE_ROOT);
                for (PreAccount account : preAccounts(test.get("pre"))) {
                    pre.putAccount(account.address(), account.nonce(), account.balance(), account.code(), account.storage());
                }
                preRoot = pre.commit();
            } catch (RuntimeException e) {
                preFailure = "pre-state: " + e;
            }
        }
        JsonNode env = test.get("env");
        for (Map.Entry<String, JsonNode> post : test.get("post").properties()) {
            Fork fork = FORKS.get(post.getKey());
            if (fork == null) {
                outcomes.add(new Outcome("GeneralStateTests " + post.getKey() + " (fork not implemented)",
                        name + "[" + post.getKey() + "]", null, "fork " + post.getKey() + " is not implemented", 0));
                continue;
            }
            tallies.get(post.getKey()).test(file, testName, post.getValue().size());
            ForkRules rules = rulesByFork.get(fork);
            String label = "GeneralStateTests " + post.getKey() + (blob ? " blob/KZG" : "");
            BlockContext block = blockContext(env, rules);
            int index = 0;
            for (JsonNode entry : post.getValue()) {
                JsonNode indexes = entry.get("indexes");
                String caseName = name + "[" + post.getKey() + " #" + index++ + " d" + indexes.get("data").asInt()
                        + " g" + indexes.get("gas").asInt() + " v" + indexes.get("value").asInt() + "]";
                if (skip != null || preFailure != null) {
                    outcomes.add(new Outcome(label, caseName, preFailure, skip, 0));
                    continue;
                }
                String failure;
                long caseStart = System.nanoTime();
                try {
                    failure = runCase(store, preRoot, block, rules, codeCache, entry);
                } catch (RuntimeException | StackOverflowError e) {
                    failure = "threw " + e;
                }
                outcomes.add(new Outcome(label, caseName, failure, null, System.nanoTime() - caseStart));
            }
        }
    }

    /** Null when the case passes, else why not. */
    private static String runCase(NodeStore store, byte[] preRoot, BlockContext block, ForkRules rules,
            CodeCache codeCache, JsonNode entry) {
        String expected = entry.has("expectException") ? entry.get("expectException").asText() : null;
        WorldState state = new WorldState(store, preRoot);
        TransactionProcessor processor = new TransactionProcessor(rules, codeCache);
        TransactionResult result;
        try {
            Transaction tx = Transaction.decode(Hex.decode(entry.get("txbytes").asText()), 1);
            result = processor.process(state, block, tx, 0);
        } catch (InvalidTransactionException e) {
            return expected != null ? ExpectedRefusals.mismatch(expected, ExpectedRefusals.kind(e), e.getMessage())
                    : "rejected: " + e.getMessage();
        } catch (TransactionRejectedException e) {
            return expected != null ? ExpectedRefusals.mismatch(expected, ExpectedRefusals.kind(e), e.getMessage())
                    : "rejected: " + e.getMessage();
        }
        if (expected != null) {
            return "expected rejection " + entry.get("expectException").asText() + " but was included ("
                    + result.status() + ")";
        }
        byte[] root = state.commit();
        byte[] expectedRoot = Hex.decode(entry.get("hash").asText());
        byte[] logsHash = Keccak.keccak256(Log.encodeList(result.logs()));
        byte[] expectedLogs = Hex.decode(entry.get("logs").asText());
        if (!Arrays.equals(root, expectedRoot)) {
            return "state root " + Hex.encode(root) + " != " + Hex.encode(expectedRoot) + " (" + result.status()
                    + ", gas " + result.gasUsed() + (result.error() != null ? ", " + result.error() : "") + ")";
        }
        if (!Arrays.equals(logsHash, expectedLogs)) {
            return "logs hash " + Hex.encode(logsHash) + " != " + Hex.encode(expectedLogs);
        }
        return null;
    }

    private static List<PreAccount> preAccounts(JsonNode pre) {
        List<PreAccount> accounts = new ArrayList<>();
        for (Map.Entry<String, JsonNode> e : pre.properties()) {
            JsonNode a = e.getValue();
            Map<UInt256, UInt256> storage = new HashMap<>();
            for (Map.Entry<String, JsonNode> slot : a.get("storage").properties()) {
                storage.put(UInt256.fromBytes(Hex.decode(slot.getKey())), UInt256.fromBytes(Hex.decode(slot.getValue().asText())));
            }
            accounts.add(new PreAccount(Address.fromHex(e.getKey()), quantity(a.get("nonce")).longValue(),
                    quantity(a.get("balance")), Hex.decode(a.get("code").asText()), storage));
        }
        return accounts;
    }

    private static BigInteger quantity(JsonNode node) {
        String text = node.asText();
        String digits = text.startsWith("0x") ? text.substring(2) : text;
        return digits.isEmpty() ? BigInteger.ZERO : new BigInteger(digits, 16);
    }

    private static BlockContext blockContext(JsonNode env, ForkRules rules) {
        byte[] randao = rules.prevRandao && env.has("currentRandom")
                ? Hex.decode(env.get("currentRandom").asText())
                : UInt256.fromBigInteger(quantity(env.get("currentDifficulty"))).toBytes();
        BigInteger blobBaseFee = rules.blobTransactions && env.has("currentExcessBlobGas")
                ? rules.blobBaseFee(quantity(env.get("currentExcessBlobGas")).longValueExact())
                : BigInteger.ONE;
        return new BlockContext(
                Address.fromHex(env.get("currentCoinbase").asText()),
                quantity(env.get("currentNumber")).longValueExact(),
                quantity(env.get("currentTimestamp")).longValue(),
                quantity(env.get("currentGasLimit")).longValueExact(),
                env.has("currentBaseFee") ? quantity(env.get("currentBaseFee")) : BigInteger.ZERO,
                randao,
                BigInteger.ONE,
                blobBaseFee,
                n -> Keccak.keccak256(Long.toString(n).getBytes(StandardCharsets.US_ASCII)));
    }
}
