package org.quorumee.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigInteger;

import java.net.URI;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.quorumee.it.support.JsonRpcClient;
import org.quorumee.it.support.Limits;
import org.quorumee.it.support.NodeDeployment;
import org.web3j.crypto.Sign;
import org.web3j.utils.Numeric;

/**
 * The node on PostgreSQL: every migration script built the schema in the empty test database, the
 * stored head is the head the node answers, and its identity was stored through JPA and is its key
 * file's public key.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
@Timeout(value = Limits.TEST_MINUTES, unit = TimeUnit.MINUTES)
class NodePersistenceIT {

    @Deployment(testable = false)
    static EnterpriseArchive ear() {
        return NodeDeployment.ear();
    }

    @ArquillianResource
    URL baseUrl;

    private static Connection database() throws Exception {
        return DriverManager.getConnection(System.getProperty("quorum.it.db.url"),
                System.getProperty("quorum.it.db.user"), System.getProperty("quorum.it.db.password"));
    }

    @Test
    void everyMigrationRanOnPostgresql() throws Exception {
        new JsonRpcClient(URI.create(baseUrl.toString()).resolve("/")).result("web3_clientVersion", "[]");
        // the versions of the migration scripts the build packs, read from the source tree
        List<String> scripts;
        try (Stream<Path> files = Files.list(Path.of("..", "quorum-jpa", "src", "main", "resources", "db", "migration"))) {
            scripts = files.map(p -> p.getFileName().toString()).filter(n -> n.matches("V\\d+__.*\\.sql"))
                    .map(n -> n.substring(1, n.indexOf("__"))).sorted(Comparator.comparingInt(Integer::parseInt)).toList();
        }
        assertFalse(scripts.isEmpty(), "no migration scripts found");
        List<String> applied = new ArrayList<>();
        try (Connection db = database(); Statement st = db.createStatement();
             ResultSet rs = st.executeQuery("SELECT version, success FROM flyway_schema_history WHERE version IS NOT NULL ORDER BY installed_rank")) {
            while (rs.next()) {
                assertTrue(rs.getBoolean("success"), "migration " + rs.getString("version") + " failed");
                applied.add(rs.getString("version"));
            }
        }
        assertEquals(scripts, applied, "every script, in order, applied once");
    }

    @Test
    void theStoredHeadIsTheNodesHead() throws Exception {
        JsonRpcClient rpc = new JsonRpcClient(URI.create(baseUrl.toString()).resolve("/"));
        long before = quantity(rpc.result("eth_blockNumber", "[]"));
        long head;
        byte[] headHash;
        byte[] genesisHash;
        try (Connection db = database(); Statement st = db.createStatement()) {
            ResultSet genesis = st.executeQuery("SELECT hash FROM block WHERE number = 0");
            assertTrue(genesis.next(), "no genesis block");
            genesisHash = genesis.getBytes("hash");
            ResultSet chainHead = st.executeQuery("SELECT head_number, genesis_hash FROM chain_head");
            assertTrue(chainHead.next(), "no chain head");
            head = chainHead.getLong("head_number");
            assertArrayEquals(genesisHash, chainHead.getBytes("genesis_hash"));
            assertFalse(chainHead.next(), "one chain head row");
            ResultSet headBlock = st.executeQuery("SELECT hash FROM block WHERE number = " + head);
            assertTrue(headBlock.next(), "no block row at the head " + head);
            headHash = headBlock.getBytes("hash");
        }
        long after = quantity(rpc.result("eth_blockNumber", "[]"));
        assertTrue(before <= head && head <= after, "stored head " + head + " outside [" + before + ", " + after + "]");
        assertEquals(rpc.result("eth_getBlockByNumber", "[\"0x0\", false]").get("hash").asText(), "0x" + HexFormat.of().formatHex(genesisHash));
        assertEquals(rpc.result("eth_getBlockByNumber", "[\"0x" + Long.toHexString(head) + "\", false]").get("hash").asText(),
                "0x" + HexFormat.of().formatHex(headHash));
    }

    @Test
    void nodeIdentityIsStoredAndMatchesTheNodeKey() throws Exception {
        Path nodeKey = Path.of(System.getProperty("quorum.it.node.dir"), "nodekey");
        assertTrue(Files.exists(nodeKey), "the node wrote no key file");
        // the enode id is the key file's public key, as web3j derives it
        BigInteger publicKey = Sign.publicKeyFromPrivate(new BigInteger(Files.readString(nodeKey).trim(), 16));
        byte[] expected = Numeric.toBytesPadded(publicKey, 64);
        try (Connection db = database(); Statement st = db.createStatement();
             ResultSet rs = st.executeQuery("SELECT node_name, enode_id FROM node_identity")) {
            assertTrue(rs.next(), "no identity row");
            assertEquals("it-node", rs.getString("node_name"));
            assertArrayEquals(expected, rs.getBytes("enode_id"));
            assertFalse(rs.next(), "one identity row");
        }
    }

    private static long quantity(JsonNode hex) {
        return Long.parseLong(hex.asText().substring(2), 16);
    }
}
