package org.quorumee.core.conformance;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Assertions;

/**
 * The counts the fixtures ship in {@code STATS.tsv} (tab-separated, one header line, then
 * {@code dir files tests subcases}; {@code dir} names a folder, with the fork in brackets where a
 * folder holds several, e.g. {@code GeneralStateTests[London]}). A runner tallies what it ran for
 * one row in a {@link Tally} and asks it whether that was everything: the build fails when a fixture
 * file, a test, a fork or a post entry is missing, instead of printing "0 passed, 0 failed".
 */
public final class ExpectedCounts {
    public static final String FILE = "STATS.tsv";
    private static final Map<Path, Map<String, Row>> CACHE = new ConcurrentHashMap<>();

    /** One line of STATS.tsv: how many files, tests and sub-cases (post entries or blocks) a folder holds. */
    public record Row(String dir, long files, long tests, long subcases) {
        /** The unit a runner counts outcomes in: sub-cases where the row has them, else tests. */
        public long cases() {
            return subcases > 0 ? subcases : tests;
        }
    }

    private ExpectedCounts() {
    }

    /** The row for {@code dir}; fails when STATS.tsv is missing or has no such row (a suite that disappeared). */
    public static Row row(String dir) {
        Row row = rows().get(dir);
        if (row == null) {
            Assertions.fail(FILE + " has no row '" + dir + "' (rows: " + rows().keySet() + ")");
        }
        return row;
    }

    /** Every row of STATS.tsv, in file order. */
    public static Map<String, Row> rows() {
        Path file = Fixtures.path(FILE);
        return CACHE.computeIfAbsent(file, ExpectedCounts::read);
    }

    private static Map<String, Row> read(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, Row> rows = new LinkedHashMap<>();
        for (String line : lines.subList(1, lines.size())) {
            if (line.isBlank()) {
                continue;
            }
            String[] cells = line.split("\t");
            if (cells.length != 4) {
                Assertions.fail(FILE + ": a row needs 4 tab-separated cells: " + line);
            }
            rows.put(cells[0], new Row(cells[0], Long.parseLong(cells[1]), Long.parseLong(cells[2]),
                    Long.parseLong(cells[3])));
        }
        return rows;
    }

    /** Starts tallying one row whose cases are its sub-cases (post entries, blocks), or its tests where it has none. */
    public static Tally tally(String dir) {
        return new Tally(row(dir), false);
    }

    /** Starts tallying one row for a runner that has one case per test (e.g. one genesis per blockchain test). */
    public static Tally tallyByTest(String dir) {
        return new Tally(row(dir), true);
    }

    /**
     * What a runner met of one STATS.tsv row: the files and tests it read and the cases it accounted
     * for (passed, failed or skipped by name — the reports' business). Thread-safe.
     */
    public static final class Tally {
        private final Row expected;
        private final Set<String> files = ConcurrentHashMap.newKeySet();
        private final Set<String> tests = ConcurrentHashMap.newKeySet();
        private final AtomicLong subcases = new AtomicLong();
        private final boolean byTest;

        private Tally(Row expected, boolean byTest) {
            this.expected = expected;
            this.byTest = byTest;
        }

        /** How many cases the runner must account for. */
        public long expectedCases() {
            return byTest ? expected.tests() : expected.cases();
        }

        public Row expected() {
            return expected;
        }

        /** A test of {@code file} (named {@code test}) with {@code subcases} post entries or blocks for this row. */
        public void test(String file, String test, long subcases) {
            files.add(file);
            if (!tests.add(file + "/" + test)) {
                throw new IllegalStateException("test counted twice: " + file + "/" + test);
            }
            this.subcases.addAndGet(subcases);
        }

        public long files() {
            return files.size();
        }

        public long tests() {
            return tests.size();
        }

        public long subcases() {
            return subcases.get();
        }

        /**
         * Prints what was met beside what STATS.tsv expects, and fails unless the files, tests and
         * sub-cases met are exactly the expected ones and {@code accounted} (passed + failed + named
         * skips over every report of the row) covers every case.
         *
         * @param partial why the run is a deliberate subset (a filter property), or null for a full run:
         *     a subset is printed but cannot be compared
         */
        public void assertComplete(long accounted, String partial) {
            Row e = expected;
            String line = e.dir() + ": met " + files() + " files, " + tests() + " tests, " + subcases()
                    + " sub-cases, " + accounted + " cases accounted for; " + FILE + " expects " + e.files()
                    + " files, " + e.tests() + " tests, " + e.subcases() + " sub-cases (" + expectedCases() + " cases)";
            System.out.println(line);
            if (partial != null) {
                System.out.println("  PARTIAL RUN (" + partial + "): the counts are not compared");
                return;
            }
            Set<String> problems = new HashSet<>();
            if (files() != e.files()) {
                problems.add("files " + files() + " != " + e.files());
            }
            if (tests() != e.tests()) {
                problems.add("tests " + tests() + " != " + e.tests());
            }
            if (subcases() != e.subcases()) {
                problems.add("sub-cases " + subcases() + " != " + e.subcases());
            }
            if (accounted != expectedCases()) {
                problems.add("cases accounted for " + accounted + " != " + expectedCases());
            }
            Assertions.assertTrue(problems.isEmpty(), e.dir() + " did not run what the fixtures hold: " + problems
                    + " (a fixture file, test, fork or case is missing, or " + FILE + " is stale)");
        }
    }
}
