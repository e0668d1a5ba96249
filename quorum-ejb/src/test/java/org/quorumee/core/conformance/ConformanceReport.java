package org.quorumee.core.conformance;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assertions;

/**
 * Counts the cases of one suite and prints the line the project's contract fixes:
 * {@code <Suite>: N passed, N failed}, followed by each failure by name.
 */
public final class ConformanceReport {
    private final String suite;
    private int passed;
    private final List<String> failures = new ArrayList<>();

    public ConformanceReport(String suite) {
        this.suite = suite;
    }

    public void pass() {
        passed++;
    }

    public void fail(String caseName, String reason) {
        failures.add(caseName + ": " + reason);
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

    public int passed() {
        return passed;
    }

    public List<String> failures() {
        return List.copyOf(failures);
    }

    /** Prints the summary and the failures. */
    public void print() {
        print(Integer.MAX_VALUE);
    }

    /** Prints the summary and at most {@code maxFailures} failures, then how many more there were. */
    public void print(int maxFailures) {
        System.out.println(suite + ": " + passed + " passed, " + failures.size() + " failed");
        for (int i = 0; i < Math.min(failures.size(), maxFailures); i++) {
            System.out.println("  FAILED " + failures.get(i));
        }
        if (failures.size() > maxFailures) {
            System.out.println("  ... and " + (failures.size() - maxFailures) + " more failures");
        }
    }

    /** Prints, then fails the test if any case failed. */
    public void printAndAssertAllPassed() {
        print();
        Assertions.assertTrue(failures.isEmpty(),
                suite + ": " + failures.size() + " failed, first: " + (failures.isEmpty() ? "" : failures.get(0)));
    }
}
