package org.quorumee.jpa.privacy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.Persistence;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The payload tables (V11) and their repository on both databases the node runs on: H2 in memory,
 * and PostgreSQL in a database of its own ({@code quorum_privacy_jpa}, dropped and made again;
 * {@code -Dquorum.postgres.url/user/password}). A PostgreSQL that cannot be reached fails the test
 * unless {@code -Dquorum.postgres.optional=true}.
 */
class PayloadRepositoryTest {
    private static final String PG_DATABASE = "quorum_privacy_jpa";
    private static final Instant NOW = Instant.parse("2026-01-02T03:04:05Z");

    static Stream<String> databases() {
        return Stream.of("h2", "postgresql");
    }

    private static EntityManagerFactory emf(String database) {
        DataSource dataSource = "h2".equals(database) ? h2() : postgres();
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
        return Persistence.createEntityManagerFactory("quorum", Map.of(
                "jakarta.persistence.transactionType", "RESOURCE_LOCAL",
                "jakarta.persistence.nonJtaDataSource", dataSource,
                "hibernate.hbm2ddl.auto", "validate"));
    }

    private static DataSource h2() {
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        dataSource.setUser("sa");
        return dataSource;
    }

    private static String pgUrl() {
        return System.getProperty("quorum.postgres.url", "jdbc:postgresql://127.0.0.1:5432/");
    }

    private static DataSource postgres() {
        String user = System.getProperty("quorum.postgres.user", "postgres");
        String password = System.getProperty("quorum.postgres.password", "postgres");
        try (Connection admin = DriverManager.getConnection(pgUrl() + "postgres", user, password);
             Statement statement = admin.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS " + PG_DATABASE + " WITH (FORCE)");
            statement.execute("CREATE DATABASE " + PG_DATABASE);
        } catch (SQLException e) {
            if (Boolean.getBoolean("quorum.postgres.optional")) {
                Assumptions.abort("PostgreSQL not reachable at " + pgUrl() + " (quorum.postgres.optional=true): " + e.getMessage());
            }
            throw new IllegalStateException("PostgreSQL is needed at " + pgUrl() + " (user " + user
                    + "); -Dquorum.postgres.optional=true runs without it", e);
        }
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setURL(pgUrl() + PG_DATABASE);
        dataSource.setUser(user);
        dataSource.setPassword(password);
        return dataSource;
    }

    @AfterAll
    static void dropPostgresDatabase() {
        try (Connection admin = DriverManager.getConnection(pgUrl() + "postgres",
                System.getProperty("quorum.postgres.user", "postgres"), System.getProperty("quorum.postgres.password", "postgres"));
             Statement statement = admin.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS " + PG_DATABASE + " WITH (FORCE)");
        } catch (SQLException e) {
            // not reachable: nothing was made there
        }
    }

    private static <T> T inTransaction(EntityManagerFactory emf, Function<PayloadRepository, T> work) {
        EntityManager em = emf.createEntityManager();
        try {
            em.getTransaction().begin();
            T result = work.apply(new PayloadRepository(em));
            em.getTransaction().commit();
            return result;
        } finally {
            if (em.getTransaction().isActive()) {
                em.getTransaction().rollback();
            }
            em.close();
        }
    }

    private static boolean succeeds(EntityManagerFactory emf, Function<PayloadRepository, Boolean> work) {
        return inTransaction(emf, work);
    }

    private static byte[] bytes(int size, int seed) {
        byte[] b = new byte[size];
        for (int i = 0; i < size; i++) {
            b[i] = (byte) (seed + i * 7);
        }
        return b;
    }

    @ParameterizedTest
    @MethodSource("databases")
    void payloadsAreStoredFoundMergedAndDeletedAsTheirBytes(String database) {
        EntityManagerFactory emf = emf(database);
        try {
            byte[] hash = bytes(64, 1);
            byte[] encoded = bytes(128 * 1024, 3);   // a payload at GoQuorum's largest transaction size
            inTransaction(emf, repo -> {
                repo.save(new EncryptedTransactionRecord(hash, encoded, EncryptedTransactionRecord.CODEC_LEGACY, NOW));
                return null;
            });
            EncryptedTransactionRecord found = inTransaction(emf, repo -> repo.find(hash).orElseThrow());
            assertArrayEquals(encoded, found.getEncodedPayload());
            assertEquals(NOW, found.getStoredAt());
            assertEquals(EncryptedTransactionRecord.CODEC_LEGACY, found.getCodec());

            byte[] merged = bytes(300, 9);
            assertTrue(succeeds(emf, repo -> repo.updateEncodedPayload(hash, merged)));
            assertArrayEquals(merged, inTransaction(emf, repo -> repo.find(hash).orElseThrow().getEncodedPayload()));
            assertFalse(succeeds(emf, repo -> repo.updateEncodedPayload(bytes(64, 2), merged)));

            assertEquals(1L, inTransaction(emf, PayloadRepository::count));
            assertTrue(succeeds(emf, repo -> repo.delete(hash)));
            assertFalse(succeeds(emf, repo -> repo.delete(hash)));
            assertTrue(inTransaction(emf, repo -> repo.find(hash)).isEmpty());
        } finally {
            emf.close();
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void aHashIsStoredOnce(String database) {
        EntityManagerFactory emf = emf(database);
        try {
            byte[] hash = bytes(64, 5);
            inTransaction(emf, repo -> {
                repo.save(new EncryptedTransactionRecord(hash, new byte[] {1}, EncryptedTransactionRecord.CODEC_LEGACY, NOW));
                return null;
            });
            assertThrows(RuntimeException.class, () -> inTransaction(emf, repo -> {
                repo.save(new EncryptedTransactionRecord(hash, new byte[] {2}, EncryptedTransactionRecord.CODEC_LEGACY, NOW));
                return null;
            }));
            assertArrayEquals(new byte[] {1}, inTransaction(emf, repo -> repo.find(hash).orElseThrow().getEncodedPayload()));
        } finally {
            emf.close();
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void pagesInHashOrder(String database) {
        EntityManagerFactory emf = emf(database);
        try {
            List<byte[]> hashes = List.of(bytes(64, 0x30), bytes(64, 0x10), bytes(64, 0x20), bytes(64, 0xf0));
            inTransaction(emf, repo -> {
                hashes.forEach(h -> repo.save(new EncryptedTransactionRecord(h, h, EncryptedTransactionRecord.CODEC_LEGACY, NOW)));
                return null;
            });
            List<byte[]> firstPage = inTransaction(emf, repo -> repo.page(0, 3).stream().map(EncryptedTransactionRecord::getHash).toList());
            List<byte[]> secondPage = inTransaction(emf, repo -> repo.page(3, 3).stream().map(EncryptedTransactionRecord::getHash).toList());
            List<byte[]> sorted = hashes.stream().sorted(Arrays::compareUnsigned).toList();
            assertEquals(3, firstPage.size());
            assertEquals(1, secondPage.size());
            for (int i = 0; i < 3; i++) {
                assertArrayEquals(sorted.get(i), firstPage.get(i));
            }
            assertArrayEquals(sorted.get(3), secondPage.get(0));
        } finally {
            emf.close();
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void rawPayloads(String database) {
        EntityManagerFactory emf = emf(database);
        try {
            byte[] hash = bytes(64, 7);
            inTransaction(emf, repo -> {
                repo.saveRaw(new EncryptedRawTransactionRecord(hash, bytes(40, 1), bytes(48, 2), bytes(24, 3), bytes(32, 4), NOW));
                return null;
            });
            EncryptedRawTransactionRecord raw = inTransaction(emf, repo -> repo.findRaw(hash).orElseThrow());
            assertArrayEquals(bytes(40, 1), raw.getEncryptedPayload());
            assertArrayEquals(bytes(48, 2), raw.getEncryptedKey());
            assertArrayEquals(bytes(24, 3), raw.getNonce());
            assertArrayEquals(bytes(32, 4), raw.getSender());
            assertTrue(inTransaction(emf, repo -> repo.find(hash)).isEmpty(), "raw payloads live in their own table");
            assertTrue(succeeds(emf, repo -> repo.deleteRaw(hash)));
            assertTrue(inTransaction(emf, repo -> repo.findRaw(hash)).isEmpty());
        } finally {
            emf.close();
        }
    }
}
