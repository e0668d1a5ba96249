package org.quorumee.core.chain;

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
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.quorumee.core.bytes.Hex;
import org.quorumee.core.conformance.ConformanceReport;
import org.quorumee.core.conformance.ExpectedCounts;
import org.quorumee.core.conformance.ExpectedRefusals;
import org.quorumee.core.conformance.Fixtures;
import org.quorumee.core.evm.CodeCache;
import org.quorumee.core.rlp.RlpException;
import org.quorumee.core.state.WorldState;
import org.quorumee.core.transition.TransactionRejectedException;
import org.quorumee.core.trie.InMemoryNodeStore;
import org.quorumee.core.trie.NodeStore;
import org.quorumee.core.tx.InvalidTransactionException;
import org.quorumee.core.types.Address;
import org.quorumee.core.types.UInt256;
import org.quorumee.node.config.JsonTree;

/**
 * Runs {@code BlockchainTests/ValidBlocks} and {@code InvalidBlocks} (Cancun) on a node store that the
 * caller provides: the genesis state is written from {@code pre}, then each block of {@code blocks} is
 * imported onto its own parent (side chains exist); a block with {@code expectException} must be
 * refused for the reason that name asks ({@link ExpectedRefusals}; a block expected to fail on a
 * transaction whose header's transactions root already differs — the fixtures leave the bad
 * transaction out of it — is executed as well and must be refused by execution), any other accepted.
 * The head must end at {@code lastblockhash} with the state of {@code postState}.
 *
 * <p>Tests whose blocks carry blob transactions (type 3, by the fixture's transaction list) are
 * counted on their own line: this node refuses blob transactions (Quorum carries no blob data), so
 * such a test is a named skip whose refusal is checked — the first block with a blob transaction must
 * be refused as {@link BlockProcessor#BLOB_NOT_SUPPORTED}, every block before it imported. A test of
 * another network is a named skip. The files, tests and blocks met are compared with STATS.tsv.
 */
public final class BlockchainTestRunner {
    /** {@code -Dblocktests.verbose=true} prints each refusal beside the exception the fixture expects. */
    private static final boolean VERBOSE = Boolean.getBoolean("blocktests.verbose");
    private static final int MAX_PRINTED_FAILURES = 100;
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The chain the fixtures run on: mainnet's id, every fork through Cancun from genesis. */
    static final ChainConfig CANCUN = ChainConfig.fromJson(JsonTree.of(JSON.createObjectNode()
            .put("chainId", 1).put("londonBlock", 0).put("shanghaiTime", 0).put("cancunTime", 0)));
    private static final List<String> SUITES = List.of("ValidBlocks", "InvalidBlocks");
    private static final String BLOB_SKIP = "blob transactions are not supported by this node (Quorum carries no blob data);"
            + " the refusal of the first blob block was checked";

    /**
     * Where the chain's state nodes go, and how one block's writes are made durable: the node imports
     * each block in one database transaction, committed when the import returns and rolled back when
     * it throws.
     */
    public interface StateStores {
        /** A store for one test's chain. */
        NodeStore open();

        /** Runs {@code work} as one unit of writes; a thrown exception undoes them. */
        <T> T inTransaction(Supplier<T> work);

        /** True when tests may run at the same time on this kind of store. */
        boolean parallel();
    }

    /** Fresh in-memory stores, no transactions, tests in parallel. */
    public static final StateStores IN_MEMORY = new StateStores() {
        @Override
        public NodeStore open() {
            return new InMemoryNodeStore();
        }

        @Override
        public <T> T inTransaction(Supplier<T> work) {
            return work.get();
        }

        @Override
        public boolean parallel() {
            return true;
        }
    };

    /** One test's outcome: passed (both null), failed, or skipped with a reason. */
    private record Outcome(String label, String name, String failure, String skip, long blocks) {
    }

    /** A refusal: its kind (see {@link #classify}) and its message. */
    private record Refusal(String kind, String message) {
    }

    private final StateStores stores;
    private final String filter;
    private final CodeCache codeCache = new CodeCache(4096);

    /**
     * @param filter a substring of the path or test name to run only those ({@code -Dblocktests.filter}),
     *     or empty for the whole corpus
     */
    public BlockchainTestRunner(StateStores stores, String filter) {
        this.stores = stores;
        this.filter = filter;
    }

    /** Runs both suites, prints a line per suite beside the expected counts, and fails on any failure or missing case. */
    public void runAndAssert(String title) {
        Path root = Fixtures.path("BlockchainTests");
        ConcurrentLinkedQueue<Outcome> outcomes = new ConcurrentLinkedQueue<>();
        Map<String, ExpectedCounts.Tally> tallies = new TreeMap<>();
        long start = System.nanoTime();
        for (String suite : SUITES) {
            ExpectedCounts.Tally tally = ExpectedCounts.tally("BlockchainTests/" + suite + "[Cancun]");
            tallies.put(suite, tally);
            List<Path> files = Fixtures.jsonFiles("BlockchainTests/" + suite);
            Stream<Path> stream = stores.parallel() ? files.parallelStream() : files.stream();
            stream.forEach(file -> {
                String relative = root.relativize(file).toString();
                JsonNode tests;
                try {
                    tests = JSON.readTree(file.toFile());
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                for (Map.Entry<String, JsonNode> test : tests.properties()) {
                    String name = relative + "/" + test.getKey();
                    if (!filter.isEmpty() && !name.contains(filter)) {
                        continue;
                    }
                    String network = test.getValue().path("network").asText();
                    long blocks = test.getValue().get("blocks").size();
                    if (!"Cancun".equals(network)) {
                        outcomes.add(new Outcome(title + " " + suite + " (other networks)", name, null,
                                "network " + network + " is not run (the fixtures keep Cancun)", blocks));
                        continue;
                    }
                    tally.test(relative, test.getKey(), blocks);
                    boolean blob = hasBlobTransactions(test.getValue());
                    String label = title + " " + suite + (blob ? " (blob transactions)" : "");
                    String failure;
                    String skip = null;
                    try {
                        failure = runTest(test.getValue(), blob);
                    } catch (RuntimeException | StackOverflowError e) {
                        failure = "threw " + e;
                    }
                    if (BLOB_SKIP.equals(failure)) {
                        failure = null;
                        skip = BLOB_SKIP;
                    }
                    outcomes.add(new Outcome(label, name, failure, skip, blocks));
                }
            });
        }
        long millis = (System.nanoTime() - start) / 1_000_000;

        Map<String, ConformanceReport> reports = new TreeMap<>();
        for (String suite : SUITES) {
            reports.put(title + " " + suite, new ConformanceReport(title + " " + suite));
        }
        Map<String, Long> blocksAccounted = new HashMap<>();
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
            if (!o.label().endsWith("(other networks)")) {
                blocksAccounted.merge(o.name().substring(0, o.name().indexOf('/')), o.blocks(), Long::sum);
            }
        }
        reports.values().forEach(report -> report.print(MAX_PRINTED_FAILURES));
        System.out.println(title + " ran in " + millis + " ms");
        String partial = filter.isEmpty() ? null : "-Dblocktests.filter=" + filter;
        for (String suite : SUITES) {
            tallies.get(suite).assertComplete(blocksAccounted.getOrDefault(suite, 0L), partial);
        }
        // both suites pass in full, the blob line included (its refusal is checked): keep it so
        reports.values().forEach(ConformanceReport::assertAllPassed);
    }

    /** True when a block of the test carries a type-3 transaction, as the fixture lists them. */
    private static boolean hasBlobTransactions(JsonNode test) {
        for (JsonNode block : test.get("blocks")) {
            if (blockHasBlobTransaction(block)) {
                return true;
            }
        }
        return false;
    }

    private static boolean blockHasBlobTransaction(JsonNode block) {
        for (JsonNode tx : block.path("transactions")) {
            if ("0x03".equals(tx.path("type").asText()) || tx.has("blobVersionedHashes")) {
                return true;
            }
        }
        return false;
    }

    /** Null when the test passes, {@link #BLOB_SKIP} when a blob test was refused as it must be, else why not. */
    private String runTest(JsonNode test, boolean blob) {
        NodeStore store = stores.open();
        Block genesis = Block.decode(Hex.decode(test.get("genesisRLP").asText()));
        byte[] genesisRoot = stores.inTransaction(() -> writeState(store, test.get("pre")));
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
            Refusal refusal = importBlock(fixture, headers, lookup, store, processor);
            if (expected != null && !expected.equals("InvalidTransactionsRoot") && refusal != null
                    && refusal.kind().equals("TRANSACTIONS_ROOT")) {
                // the fixture's header leaves the bad transaction out of its root: execution must refuse it too
                Refusal executionRefusal = executeBody(fixture, headers, store, lookup, processor);
                if (executionRefusal == null) {
                    return "block " + index + " (" + expected + "): its transactions execute without refusal";
                }
                refusal = executionRefusal;
            }
            if (blob && expected == null && refusal != null && blockHasBlobTransaction(fixture)) {
                return "INVALID_BLOBS".equals(refusal.kind()) && refusal.message().contains(BlockProcessor.BLOB_NOT_SUPPORTED)
                        ? BLOB_SKIP
                        : "block " + index + " (with a blob transaction) refused for another reason: " + refusal;
            }
            if (expected == null && refusal != null) {
                return "block " + index + " refused: " + refusal.kind() + ": " + refusal.message();
            }
            if (VERBOSE && expected != null) {
                System.out.println("expected " + expected + ", refused: " + refusal);
            }
            if (expected != null && refusal == null) {
                return "block " + index + " accepted, expected " + expected;
            }
            if (expected != null) {
                String mismatch = ExpectedRefusals.mismatch(expected, refusal.kind(), refusal.message());
                if (mismatch != null) {
                    return "block " + index + ": " + mismatch;
                }
            }
            if (refusal == null) {
                head = headers.get(Hex.encode(Block.decode(Hex.decode(fixture.get("rlp").asText())).hash()));
            }
            index++;
        }
        if (blob) {
            return "a test with blob transactions whose blocks were all imported or refused as expected,"
                    + " although this node refuses blob transactions";
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
        // the head's state is in the store, readable at its root
        WorldState headState = new WorldState(store, head.stateRoot());
        if (test.has("postState")) {
            for (Iterator<String> it = test.get("postState").fieldNames(); it.hasNext(); ) {
                Address address = Address.fromHex(it.next());
                if (!headState.exists(address)) {
                    return "account " + address + " of postState not readable from the store at the head";
                }
            }
        }
        return null;
    }

    /** Imports one block in one unit of writes; null when accepted (and stored), else why it was refused. */
    private Refusal importBlock(JsonNode fixture, Map<String, BlockHeader> headers, BlockHeaderLookup lookup,
            NodeStore store, BlockProcessor processor) {
        Block block;
        try {
            block = Block.decode(Hex.decode(fixture.get("rlp").asText()));
        } catch (InvalidTransactionException e) {
            return new Refusal(ExpectedRefusals.kind(e), "decoding: " + e.getMessage());
        } catch (RlpException | IllegalArgumentException e) {
            return new Refusal("BLOCK_DECODING", "decoding: " + e.getMessage());
        }
        BlockHeader parent = headers.get(Hex.encode(block.header().parentHash()));
        if (parent == null) {
            return new Refusal("UNKNOWN_PARENT", "unknown parent " + Hex.encode(block.header().parentHash()));
        }
        Refusal refusal;
        try {
            refusal = stores.inTransaction(() -> {
                try {
                    processor.importBlock(block, parent, new WorldState(store, parent.stateRoot()), new AncestorHashes(parent, lookup));
                    return null;
                } catch (InvalidBlockException e) {
                    throw new RefusedBlock(e);
                }
            });
        } catch (RefusedBlock e) {
            refusal = classify(e.refusal);
        }
        if (refusal == null) {
            headers.put(Hex.encode(block.hash()), block.header());
        }
        return refusal;
    }

    /** Executes a block's transactions on its parent's state, writing nothing; null when all are included, else the refusal. */
    private Refusal executeBody(JsonNode fixture, Map<String, BlockHeader> headers, NodeStore store,
            BlockHeaderLookup lookup, BlockProcessor processor) {
        Block block = Block.decode(Hex.decode(fixture.get("rlp").asText()));
        BlockHeader parent = headers.get(Hex.encode(block.header().parentHash()));
        try {
            return stores.inTransaction(() -> {
                try {
                    processor.execute(new WorldState(store, parent.stateRoot()), block.header(),
                            block.decodeTransactions(CANCUN.chainId()), block.withdrawals(), new AncestorHashes(parent, lookup));
                } catch (InvalidBlockException e) {
                    throw new RefusedBlock(e);
                }
                // nothing of a block that must be refused may stay: undo the writes
                throw new RefusedBlock(null);
            });
        } catch (RefusedBlock e) {
            return e.refusal == null ? null : classify(e.refusal);
        } catch (InvalidTransactionException e) {
            return new Refusal(ExpectedRefusals.kind(e), e.getMessage());
        }
    }

    /** Carries a refusal out of a unit of writes, which it rolls back. */
    private static final class RefusedBlock extends RuntimeException {
        final InvalidBlockException refusal;

        RefusedBlock(InvalidBlockException refusal) {
            super(refusal == null ? "executed without refusal" : refusal.getMessage(), null, false, false);
            this.refusal = refusal;
        }
    }

    /**
     * The kind of a block's refusal: the reason of the transaction that could not be included, else the
     * header or body rule its message names. An unknown message gives {@code UNCLASSIFIED}, which no
     * expected exception allows.
     */
    static Refusal classify(InvalidBlockException e) {
        String message = e.getMessage();
        if (e.getCause() instanceof TransactionRejectedException rejected) {
            return new Refusal(ExpectedRefusals.kind(rejected), message);
        }
        if (e.getCause() instanceof InvalidTransactionException invalid) {
            return new Refusal(ExpectedRefusals.kind(invalid), message);
        }
        String[][] prefixes = {
                {"block number ", "BLOCK_NUMBER"}, {"parent hash ", "PARENT_HASH"}, {"timestamp ", "TIMESTAMP"},
                {"extra data ", "EXTRA_DATA"}, {"ommers hash ", "OMMERS_HASH"}, {"a block has no ommers", "OMMERS_HASH"},
                {"difficulty ", "DIFFICULTY"}, {"nonce ", "NONCE"}, {"withdrawals", "WITHDRAWALS"},
                {"gas limit ", "GAS_LIMIT"}, {"base fee", "BASE_FEE"}, {"blob gas", "BLOB_GAS"},
                {"excess blob gas", "BLOB_GAS"}, {"transactions root ", "TRANSACTIONS_ROOT"},
                {"receipts root ", "RECEIPTS_ROOT"}, {"logs bloom ", "LOGS_BLOOM"}, {"state root ", "STATE_ROOT"}};
        for (String[] prefix : prefixes) {
            if (message.startsWith(prefix[0])) {
                return new Refusal(prefix[1], message);
            }
        }
        if (message.startsWith("gas used ")) {
            return new Refusal(message.contains("above the gas limit") ? "GAS_USED_ABOVE_LIMIT" : "GAS_USED", message);
        }
        return new Refusal("UNCLASSIFIED", message);
    }

    /** Writes the accounts of a fixture's {@code pre} or {@code postState} and returns the root. */
    private static byte[] writeState(NodeStore store, JsonNode accounts) {
        WorldState state = new WorldState(store, WorldState.EMPTY_TRIE_ROOT);
        for (Map.Entry<String, JsonNode> e : accounts.properties()) {
            JsonNode a = e.getValue();
            Map<UInt256, UInt256> storage = new HashMap<>();
            for (Map.Entry<String, JsonNode> slot : a.get("storage").properties()) {
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
