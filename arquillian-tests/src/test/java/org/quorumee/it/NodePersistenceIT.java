package org.quorumee.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.HexFormat;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.quorumee.it.support.JsonRpcClient;
import org.quorumee.it.support.NodeDeployment;

/**
 * The node on PostgreSQL: its migrations built the schema in the empty test database, and its
 * identity was stored through JPA and agrees with its key file.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
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
    void migrationsRanOnPostgresql() throws Exception {
        new JsonRpcClient(URI.create(baseUrl.toString()).resolve("/")).result("web3_clientVersion", "[]");
        try (Connection db = database(); Statement st = db.createStatement();
             ResultSet rs = st.executeQuery("SELECT version, success FROM flyway_schema_history WHERE version IS NOT NULL ORDER BY installed_rank")) {
            assertTrue(rs.next(), "no migration recorded");
            assertEquals("1", rs.getString("version"));
            assertTrue(rs.getBoolean("success"));
        }
    }

    @Test
    void genesisBlockAndStateAreStored() throws Exception {
        try (Connection db = database(); Statement st = db.createStatement()) {
            ResultSet genesis = st.executeQuery("SELECT hash FROM block WHERE number = 0");
            assertTrue(genesis.next(), "no genesis block");
            byte[] genesisHash = genesis.getBytes("hash");
            ResultSet head = st.executeQuery("SELECT head_number, genesis_hash FROM chain_head");
            assertTrue(head.next(), "no chain head");
            assertTrue(head.getLong("head_number") >= 0);
            assertTrue(java.util.Arrays.equals(genesisHash, head.getBytes("genesis_hash")));
        }
    }

    @Test
    void nodeIdentityIsStoredAndMatchesTheNodeKey() throws Exception {
        Path nodeKey = Path.of(System.getProperty("quorum.it.node.dir"), "nodekey");
        assertTrue(Files.exists(nodeKey), "the node wrote no key file");
        try (Connection db = database(); Statement st = db.createStatement();
             ResultSet rs = st.executeQuery("SELECT node_name, enode_id FROM node_identity")) {
            assertTrue(rs.next(), "no identity row");
            assertEquals("it-node", rs.getString("node_name"));
            assertEquals(64, rs.getBytes("enode_id").length);
            String enode = HexFormat.of().formatHex(rs.getBytes("enode_id"));
            assertTrue(enode.length() == 128 && !rs.next());
        }
    }
}
