package org.quorumee.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** NodeConfig reads system properties: each test sets them and the previous values come back after it. */
class NodeConfigTest {
    @TempDir
    Path dir;

    private String savedDir;
    private String savedName;

    @BeforeEach
    void save() {
        savedDir = System.getProperty(NodeConfig.NODE_DIR);
        savedName = System.getProperty(NodeConfig.NODE_NAME);
        System.clearProperty(NodeConfig.NODE_DIR);
        System.clearProperty(NodeConfig.NODE_NAME);
    }

    @AfterEach
    void restore() {
        restore(NodeConfig.NODE_DIR, savedDir);
        restore(NodeConfig.NODE_NAME, savedName);
    }

    private static void restore(String key, String value) {
        if (value == null) {
            System.clearProperty(key);
        } else {
            System.setProperty(key, value);
        }
    }

    @Test
    void theDataFolderGivesTheFilesAndTheDefaultName() throws Exception {
        Path node = Files.createDirectory(dir.resolve("node7"));
        System.setProperty(NodeConfig.NODE_DIR, dir.resolve("node7/../node7").toString());
        NodeConfig config = NodeConfig.fromSystemProperties();
        assertEquals(node.toAbsolutePath().normalize(), config.nodeDir());
        assertEquals("node7", config.nodeName());
        assertEquals(node.resolve("genesis.json"), config.genesisFile());
        assertEquals(node.resolve("nodekey"), config.nodeKeyFile());
        System.setProperty(NodeConfig.NODE_NAME, "validator-1");
        assertEquals("validator-1", NodeConfig.fromSystemProperties().nodeName());
    }

    @Test
    void aMissingOrAbsentFolderIsRefusedWithItsName() {
        IllegalStateException unset = assertThrows(IllegalStateException.class, NodeConfig::fromSystemProperties);
        assertTrue(unset.getMessage().contains(NodeConfig.NODE_DIR), unset.getMessage());
        System.setProperty(NodeConfig.NODE_DIR, " ");
        assertThrows(IllegalStateException.class, NodeConfig::fromSystemProperties);
        System.setProperty(NodeConfig.NODE_DIR, dir.resolve("absent").toString());
        IllegalStateException absent = assertThrows(IllegalStateException.class, NodeConfig::fromSystemProperties);
        assertTrue(absent.getMessage().contains("does not exist") && absent.getMessage().contains("absent"), absent.getMessage());
    }
}
