package org.quorumee.core.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * {@code BasicTests} holds one test per file, each read by its own runner: this checks that the folder
 * holds exactly the files STATS.tsv counts and that each has a runner, so a file that disappears or
 * appears unread fails the build (the runners themselves fail on a missing file too).
 */
class BasicTestsInventoryTest {
    /** Each file of BasicTests and the test class that reads it. */
    private static final Map<String, String> RUNNERS = new TreeMap<>(Map.of(
            "crypto.json", "core.crypto.CryptoFixtureConformanceTest (counted, skipped with its reason)",
            "genesishashestest.json", "core.chain.GenesisHashConformanceTest",
            "hexencodetest.json", "core.trie.HexPrefixConformanceTest",
            "keyaddrtest.json", "core.crypto.KeyAddressConformanceTest"));

    @Test
    void everyBasicTestsFileHasItsRunner() {
        ExpectedCounts.Tally tally = ExpectedCounts.tally("BasicTests");
        ConformanceReport report = new ConformanceReport("BasicTests files");
        List<Path> files = Fixtures.jsonFiles("BasicTests");
        Path dir = Fixtures.path("BasicTests");
        for (Path file : files) {
            String name = dir.relativize(file).toString();
            tally.test(name, name, 0);
            String runner = RUNNERS.get(name);
            if (runner == null) {
                report.fail(name, "no runner reads this file");
            } else {
                report.pass();
                System.out.println("  " + name + " is read by " + runner);
            }
        }
        report.print();
        assertEquals(RUNNERS.keySet(), new TreeMap<>(Map.copyOf(namesOf(files, dir))).keySet(),
                "the BasicTests files and the files that have a runner");
        tally.assertComplete(report.accounted(), null);
        report.assertAllPassed();
    }

    private static Map<String, Path> namesOf(List<Path> files, Path dir) {
        Map<String, Path> names = new TreeMap<>();
        files.forEach(f -> names.put(dir.relativize(f).toString(), f));
        return names;
    }
}
