package org.quorumee.node.consensus.raft;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.Persistence;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;
import org.quorumee.core.consensus.raft.Entry;
import org.quorumee.core.consensus.raft.EntryType;
import org.quorumee.core.consensus.raft.RaftStorageContract;
import org.quorumee.core.consensus.raft.WritableRaftStorage;
import org.quorumee.jpa.consensus.RaftLogRepository;

/**
 * The storage contract on {@link JpaRaftStorage}: the persistence unit as deployed, the schema
 * from the migrations (V10 included), each call in its own transaction. On H2 always; on
 * PostgreSQL (127.0.0.1:5432, database {@code quorum_raft_contract}, created and dropped here) when
 * one answers.
 */
class JpaRaftStorageTest {

    private static EntityManagerFactory boot(DataSource dataSource) {
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
        return Persistence.createEntityManagerFactory("quorum", Map.of(
                "jakarta.persistence.transactionType", "RESOURCE_LOCAL",
                "jakarta.persistence.nonJtaDataSource", dataSource,
                "hibernate.hbm2ddl.auto", "validate"));
    }

    /** Empties the Raft tables (one database serves every test of a class). */
    private static void clear(EntityManagerFactory emf) {
        EntityManager em = emf.createEntityManager();
        em.getTransaction().begin();
        for (String entity : List.of("RaftLogEntryRecord", "RaftHardStateRecord", "RaftSnapshotRecord",
                "RaftAppliedIndexRecord")) {
            em.createQuery("DELETE FROM " + entity).executeUpdate();
        }
        em.getTransaction().commit();
        em.close();
    }

    @Nested
    class OnH2 extends RaftStorageContract {
        private static EntityManagerFactory emf;

        @BeforeAll
        static void boot() {
            JdbcDataSource dataSource = new JdbcDataSource();
            dataSource.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
            dataSource.setUser("sa");
            emf = JpaRaftStorageTest.boot(dataSource);
        }

        @AfterAll
        static void close() {
            emf.close();
        }

        @Override
        protected WritableRaftStorage newStorage() {
            clear(emf);
            return new TransactionalRaftStorage(emf);
        }

        @Override
        protected WritableRaftStorage reopen(WritableRaftStorage storage) {
            return new TransactionalRaftStorage(emf);
        }

        /** Runs {@code work} on a storage of its own in one committed transaction. */
        private static void inTransaction(Consumer<JpaRaftStorage> work) {
            EntityManager em = emf.createEntityManager();
            em.getTransaction().begin();
            work.accept(new JpaRaftStorage(new RaftLogRepository(em)));
            em.getTransaction().commit();
            em.close();
        }

        @Test
        void theAppliedIndexIsItsOwnRow() {
            newStorage();
            inTransaction(storage -> {
                assertEquals(0, storage.appliedIndex());
                storage.saveAppliedIndex(5);
                storage.saveAppliedIndex(7);
            });
            inTransaction(storage -> assertEquals(7, storage.appliedIndex()));
        }

        @Test
        void aSnapshotRaisesTheAppliedIndexButNeverLowersIt() {
            newStorage();
            inTransaction(storage -> {
                storage.raiseAppliedIndex(3);
                assertEquals(3, storage.appliedIndex(), "no row yet: written");
                storage.saveAppliedIndex(9); // the applier, past the snapshot's index
            });
            inTransaction(storage -> storage.raiseAppliedIndex(6));
            inTransaction(storage -> assertEquals(9, storage.appliedIndex()));
            inTransaction(storage -> storage.raiseAppliedIndex(12));
            inTransaction(storage -> assertEquals(12, storage.appliedIndex()));
        }

        @Test
        void aRolledBackAppendLeavesNothing() {
            WritableRaftStorage committed = newStorage();
            committed.append(List.of(new Entry(1, 1, EntryType.NORMAL, new byte[] {1})));
            EntityManager em = emf.createEntityManager();
            em.getTransaction().begin();
            new JpaRaftStorage(new RaftLogRepository(em)).append(List.of(new Entry(2, 1, EntryType.NORMAL, new byte[] {2})));
            em.getTransaction().rollback();
            em.close();
            assertEquals(1, committed.lastIndex());
            assertEquals(1, committed.entries(1, 2, Long.MAX_VALUE).size());
        }
    }

    @Nested
    class OnPostgreSql extends RaftStorageContract {
        private static final String SERVER = "jdbc:postgresql://127.0.0.1:5432/";
        private static final String DATABASE = "quorum_raft_contract";
        private static EntityManagerFactory emf;

        @BeforeAll
        static void createDatabase() {
            try (Connection c = DriverManager.getConnection(SERVER + "postgres", "postgres", "postgres");
                 Statement st = c.createStatement()) {
                st.execute("DROP DATABASE IF EXISTS " + DATABASE);
                st.execute("CREATE DATABASE " + DATABASE);
            } catch (SQLException e) {
                Assumptions.abort("no PostgreSQL at 127.0.0.1:5432 (" + e.getMessage() + "): the JPA storage runs on H2 only");
            }
            PGSimpleDataSource dataSource = new PGSimpleDataSource();
            dataSource.setURL(SERVER + DATABASE);
            dataSource.setUser("postgres");
            dataSource.setPassword("postgres");
            emf = boot(dataSource);
        }

        @AfterAll
        static void dropDatabase() {
            if (emf != null) {
                emf.close();
            }
            try (Connection c = DriverManager.getConnection(SERVER + "postgres", "postgres", "postgres");
                 Statement st = c.createStatement()) {
                st.execute("DROP DATABASE IF EXISTS " + DATABASE + " WITH (FORCE)");
            } catch (SQLException e) {
                // nothing was created
            }
        }

        @Override
        protected WritableRaftStorage newStorage() {
            clear(emf);
            return new TransactionalRaftStorage(emf);
        }

        @Override
        protected WritableRaftStorage reopen(WritableRaftStorage storage) {
            return new TransactionalRaftStorage(emf);
        }
    }
}
