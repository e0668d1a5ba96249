package org.quorumee.jpa;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.Persistence;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.quorumee.jpa.chain.BlockRecord;
import org.quorumee.jpa.chain.ChainRepository;
import org.quorumee.jpa.chain.LogRecord;
import org.quorumee.jpa.chain.ReceiptRecord;
import org.quorumee.jpa.chain.TransactionRecord;
import org.quorumee.jpa.node.NodeIdentity;
import org.quorumee.jpa.node.NodeIdentityRepository;
import org.quorumee.jpa.state.StateRepository;
import org.quorumee.jpa.state.StateNodeRecord;

/**
 * The migrations build a schema that Hibernate validates against the mappings, and the repositories
 * work on it: the persistence unit exactly as deployed, on H2 (this class) and on PostgreSQL
 * ({@link PersistenceUnitPostgresqlTest}), each test on an empty database.
 */
class PersistenceUnitTest {
    private EntityManagerFactory emf;

    /** A new, empty database for one test. */
    DataSource newDatabase() {
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        dataSource.setUser("sa");
        return dataSource;
    }

    /** Drops what {@link #newDatabase()} made, if anything outlives the test. */
    void dropDatabase() {
    }

    @BeforeEach
    void migrateAndBoot() {
        DataSource dataSource = newDatabase();
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
        emf = Persistence.createEntityManagerFactory("quorum", Map.of(
                "jakarta.persistence.transactionType", "RESOURCE_LOCAL",
                "jakarta.persistence.nonJtaDataSource", dataSource,
                "hibernate.hbm2ddl.auto", "validate"));
    }

    @AfterEach
    void close() {
        try {
            if (emf != null) {
                emf.close();
            }
        } finally {
            dropDatabase();
        }
    }

    private void inTransaction(Consumer<EntityManager> work) {
        EntityManager em = emf.createEntityManager();
        try {
            em.getTransaction().begin();
            work.accept(em);
            em.getTransaction().commit();
        } finally {
            if (em.getTransaction().isActive()) {
                em.getTransaction().rollback();
            }
            em.close();
        }
    }

    private static byte[] bytes(int size, int fill) {
        byte[] b = new byte[size];
        java.util.Arrays.fill(b, (byte) fill);
        return b;
    }

    @Test
    void nodeIdentityRoundTrip() {
        inTransaction(em -> new NodeIdentityRepository(em).save(new NodeIdentity("node1", bytes(64, 7), java.time.Instant.now())));
        inTransaction(em -> {
            NodeIdentity identity = new NodeIdentityRepository(em).find().orElseThrow();
            assertEquals("node1", identity.getNodeName());
            assertArrayEquals(bytes(64, 7), identity.getEnodeId());
        });
    }

    @Test
    void blocksTransactionsReceiptsAndLogs() {
        inTransaction(em -> new ChainRepository(em).storeGenesis(
                new BlockRecord(0, bytes(32, 0xa0), bytes(32, 0), new byte[] {(byte) 0xc0}, null, 0, 0, 0)));
        inTransaction(em -> new ChainRepository(em).storeBlock(
                new BlockRecord(1, bytes(32, 0xa1), bytes(32, 0xa0), new byte[] {(byte) 0xc0}, null, 5, 42_000, 2),
                List.of(new TransactionRecord(bytes(32, 1), 1, 0, new byte[] {1}, bytes(20, 9), bytes(20, 8)),
                        new TransactionRecord(bytes(32, 2), 1, 1, new byte[] {2}, bytes(20, 9), null)),
                List.of(new ReceiptRecord(bytes(32, 1), 1, 0, new byte[] {3}, 21_000, 0, null, null),
                        new ReceiptRecord(bytes(32, 2), 1, 1, new byte[] {4}, 21_000, 1, bytes(20, 5), null)),
                List.of(new LogRecord(1, 0, 0, bytes(32, 1), bytes(20, 8), new byte[][] {bytes(32, 0x11), bytes(32, 0x12)}, new byte[0]),
                        new LogRecord(1, 1, 1, bytes(32, 2), bytes(20, 5), new byte[][] {bytes(32, 0x11)}, new byte[] {1}))));
        inTransaction(em -> {
            ChainRepository chain = new ChainRepository(em);
            assertEquals(1, chain.head().orElseThrow().getHeadNumber());
            assertArrayEquals(bytes(32, 0xa1), chain.blockByHash(bytes(32, 0xa1)).orElseThrow().getHash());
            assertEquals(2, chain.transactionsOfBlock(1).size());
            assertArrayEquals(bytes(20, 5), chain.receipt(bytes(32, 2)).orElseThrow().getContractAddress());
            assertEquals(2, chain.logs(0, 10, List.of(), List.of(List.of(bytes(32, 0x11))), 100).size());
            assertEquals(1, chain.logs(0, 10, List.of(bytes(20, 5)), List.of(), 100).size());
            List<LogRecord> second = chain.logs(0, 10, List.of(), List.of(List.of(), List.of(bytes(32, 0x12))), 100);
            assertEquals(1, second.size());
            assertEquals(2, second.get(0).getTopics().length);
            assertTrue(chain.logs(2, 10, List.of(), List.of(), 100).isEmpty());
            // a wildcard position needs a topic there: only the first log has two
            assertEquals(1, chain.logs(0, 10, List.of(), List.of(List.of(), List.of()), 100).size());
        });
    }

    @Test
    void aBlockMustFollowTheHead() {
        inTransaction(em -> new ChainRepository(em).storeGenesis(
                new BlockRecord(0, bytes(32, 0xa0), bytes(32, 0), new byte[] {(byte) 0xc0}, null, 0, 0, 0)));
        assertThrows(IllegalStateException.class, () -> inTransaction(em -> new ChainRepository(em).storeBlock(
                new BlockRecord(5, bytes(32, 0xa5), bytes(32, 0xa0), new byte[] {(byte) 0xc0}, null, 5, 0, 0),
                List.of(), List.of(), List.of())));
    }

    @Test
    void stateNodesAreWrittenOnce() {
        inTransaction(em -> new StateRepository(em).writeNodes(List.of(
                new StateNodeRecord(bytes(32, 1), new byte[] {1}), new StateNodeRecord(bytes(32, 2), new byte[] {2}))));
        // one already stored, one twice in the same batch: neither is an error
        inTransaction(em -> new StateRepository(em).writeNodes(List.of(
                new StateNodeRecord(bytes(32, 2), new byte[] {2}), new StateNodeRecord(bytes(32, 3), new byte[] {3}),
                new StateNodeRecord(bytes(32, 3), new byte[] {3}))));
        inTransaction(em -> {
            assertArrayEquals(new byte[] {3}, new StateRepository(em).node(bytes(32, 3)).orElseThrow());
            assertEquals(3L, em.createQuery("SELECT COUNT(n) FROM StateNodeRecord n", Long.class).getSingleResult());
        });
    }
}
