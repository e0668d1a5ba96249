package org.quorumee.node.privacy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.quorumee.core.privacy.BoxPublicKey;
import org.quorumee.core.privacy.enclave.BoxKeyPair;

/** tm/parties.json as the launcher keeps it: absent, written, grown while the node runs, broken. */
class PartiesFileDirectoryTest {
    private final Random seed = new Random(3);
    private final BoxPublicKey one = BoxKeyPair.generate(seed::nextBytes).publicKey();
    private final BoxPublicKey two = BoxKeyPair.generate(seed::nextBytes).publicKey();
    private static final String NODE_1 = "11".repeat(64);
    private static final String NODE_2 = "22".repeat(64);

    @Test
    void aFileWrittenOrGrownLaterIsTakenWithoutARestartAndABrokenOneKeepsTheLastGood(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("parties.json");
        PartiesFileDirectory directory = new PartiesFileDirectory(file);
        assertTrue(directory.remoteParties().isEmpty(), "no file: no party");

        write(file, "[{\"key\":\"" + one + "\",\"node\":\"" + NODE_1 + "\",\"name\":\"node1\"}]", 1);
        assertEquals(Optional.of(NODE_1), directory.nodeOf(one));
        assertEquals(Optional.empty(), directory.nodeOf(two));

        write(file, "[{\"key\":\"" + one + "\",\"node\":\"" + NODE_1 + "\"},{\"key\":\"" + two + "\",\"node\":\"" + NODE_2 + "\"}]", 2);
        assertEquals(Map.of(one, NODE_1, two, NODE_2), directory.remoteParties());

        write(file, "[{\"key\":\"not a key\"", 3);
        assertEquals(Map.of(one, NODE_1, two, NODE_2), directory.remoteParties(), "the last good parties stay");
    }

    @Test
    void aBrokenFileAtStartStopsTheStart(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("parties.json");
        Files.writeString(file, "{}");
        assertThrows(IllegalStateException.class, () -> new PartiesFileDirectory(file));
    }

    /** Writes the file with a modification time of its own, so that a change is seen however coarse the clock. */
    private static void write(Path file, String json, int version) throws Exception {
        Files.writeString(file, json);
        Files.setLastModifiedTime(file, FileTime.from(Instant.parse("2026-01-01T00:00:00Z").plusSeconds(version)));
    }
}
