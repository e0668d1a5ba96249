package org.quorumee.node;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the node's files are, what it is called and which engine it runs, from the server's system
 * properties (set by the launcher, the tests, or a person in standalone.conf): {@code quorum.node.dir}
 * (the data folder: genesis.json, nodekey, keystore), {@code quorum.node.name} and
 * {@code quorum.consensus}.
 */
public record NodeConfig(Path nodeDir, String nodeName, String consensus) {
    public static final String NODE_DIR = "quorum.node.dir";
    public static final String NODE_NAME = "quorum.node.name";
    /** The consensus engine when the genesis does not name one: "single" (default) or "raft". */
    public static final String CONSENSUS = "quorum.consensus";

    public static NodeConfig fromSystemProperties() {
        String dir = System.getProperty(NODE_DIR);
        if (dir == null || dir.isBlank()) {
            throw new IllegalStateException("system property " + NODE_DIR + " is not set: the node needs its data folder");
        }
        Path nodeDir = Path.of(dir).toAbsolutePath().normalize();
        if (!Files.isDirectory(nodeDir)) {
            throw new IllegalStateException("the node's data folder " + nodeDir + " does not exist");
        }
        String name = System.getProperty(NODE_NAME, nodeDir.getFileName().toString());
        return new NodeConfig(nodeDir, name, System.getProperty(CONSENSUS, "single"));
    }

    public Path genesisFile() {
        return nodeDir.resolve("genesis.json");
    }

    public Path nodeKeyFile() {
        return nodeDir.resolve("nodekey");
    }
}
