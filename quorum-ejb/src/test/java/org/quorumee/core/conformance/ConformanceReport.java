package org.quorumee.core.conformance;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Assertions;

/**
 * Counts the cases of one suite and prints the line the project's contract fixes:
 * {@code <Suite>: N passed, N failed, N skipped}, followed by each failure by name and each skip by
 * name under its reason. A case is passed only when something was checked; a case that is not run
 * is a named skip with a reason, never a silent {@code continue}. Thread-safe.
 */
public final class ConformanceReport {
    private final String suite;
    private int passed;
    private final List<String> failures = new ArrayList<>();
    /** Skipped cases by reason, in the order met. */
    private final Map<String, List<String>> skipped = new TreeMap<>();

    public ConformanceReport(String suite) {
        this.suite = suite;
    }

    public synchronized void pass() {
        passed++;
    }

    public synchronized void fail(String caseName, String reason) {
        failures.add(caseName + ": " + reason);
    }

    /** A case not run (or not compared), counted and printed with {@code reason}. */
    public synchronized void skip(String caseName, String reason) {
        skipped.computeIfAbsent(reason, r -> new ArrayList<>()).add(caseName);
    }

    /** Runs one case; an assertion error or any exception counts as its failure. */
    public void check(String caseName, Runnable testCase) {
        try {
            testCase.run();
            pass();
        } catch (AssertionError | RuntimeException e) {
            fail(caseName, String.valueOf(e.getMessage()));
        }
    }

    public String suite() {
        return suite;
    }

    public synchronized int passed() {
        return passed;
    }

    public synchronized List<String> failures() {
        return List.copyOf(failures);
    }

    public synchronized int skipped() {
        return skipped.values().stream().mapToInt(List::size).sum();
    }

    /** Passed, failed and skipped: every case this report has heard of. */
    public synchronized long accounted() {
        return passed + failures.size() + skipped();
    }

    /** Prints the summary, the failures and the skips. */
    public void print() {
        print(Integer.MAX_VALUE);
    }

    /** Prints the summary, at most {@code maxFailures} failures (then how many more), and every skip by reason. */
    public synchronized void print(int maxFailures) {
        System.out.println(suite + ": " + passed + " passed, " + failures.size() + " failed, " + skipped() + " skipped");
        for (int i = 0; i < Math.min(failures.size(), maxFailures); i++) {
            System.out.println("  FAILED " + failures.get(i));
        }
        if (failures.size() > maxFailures) {
            System.out.println("  ... and " + (failures.size() - maxFailures) + " more failures");
        }
        for (Map.Entry<String, List<String>> e : skipped.entrySet()) {
            System.out.println("  SKIPPED " + e.getValue().size() + " (" + e.getKey() + "): " + String.join(", ", e.getValue()));
        }
    }

    /** Fails the test if any case failed. */
    public synchronized void assertAllPassed() {
        Assertions.assertTrue(failures.isEmpty(),
                suite + ": " + failures.size() + " failed, first: " + (failures.isEmpty() ? "" : failures.get(0)));
    }

    /** Prints, then fails the test if any case failed. */
    public void printAndAssertAllPassed() {
        print();
        assertAllPassed();
    }
}
