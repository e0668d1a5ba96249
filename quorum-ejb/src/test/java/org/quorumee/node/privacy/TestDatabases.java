package org.quorumee.node.privacy;

import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.Persistence;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.function.Function;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Assumptions;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Databases for the payload store's tests, migrated by the node's scripts and opened with the node's
 * persistence unit (resource-local here): H2 at a JDBC URL, or a PostgreSQL database of its own whose
 * name starts with {@code quorum_privacy_} ({@code -Dquorum.postgres.url/user/password}). A PostgreSQL
 * that cannot be reached fails, unless {@code -Dquorum.postgres.optional=true}.
 */
final class TestDatabases {
    private TestDatabases() {
    }

    static DataSource h2(String url) {
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL(url);
        dataSource.setUser("sa");
        return dataSource;
    }

    private static String pgUrl() {
        return System.getProperty("quorum.postgres.url", "jdbc:postgresql://127.0.0.1:5432/");
    }

    private static Connection admin() throws SQLException {
        return DriverManager.getConnection(pgUrl() + "postgres", System.getProperty("quorum.postgres.user", "postgres"),
                System.getProperty("quorum.postgres.password", "postgres"));
    }

    /** A fresh PostgreSQL database of this name (dropped first if it exists). */
    static DataSource postgres(String name) {
        if (!name.startsWith("quorum_privacy_")) {
            throw new IllegalArgumentException("this engineer's test databases are named quorum_privacy_*");
        }
        try (Connection admin = admin(); Statement statement = admin.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
            statement.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            if (Boolean.getBoolean("quorum.postgres.optional")) {
                Assumptions.abort("PostgreSQL not reachable at " + pgUrl() + " (quorum.postgres.optional=true): " + e.getMessage());
            }
            throw new IllegalStateException("PostgreSQL is needed at " + pgUrl()
                    + " for the payload store tests; -Dquorum.postgres.optional=true runs without it", e);
        }
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setURL(pgUrl() + name);
        dataSource.setUser(System.getProperty("quorum.postgres.user", "postgres"));
        dataSource.setPassword(System.getProperty("quorum.postgres.password", "postgres"));
        return dataSource;
    }

    static void dropPostgres(String name) {
        try (Connection admin = admin(); Statement statement = admin.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        } catch (SQLException e) {
            // not reachable: nothing was made there
        }
    }

    /** The node's schema on the data source, and its persistence unit over it. */
    static EntityManagerFactory migrate(DataSource dataSource) {
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
        return Persistence.createEntityManagerFactory("quorum", Map.of(
                "jakarta.persistence.transactionType", "RESOURCE_LOCAL",
                "jakarta.persistence.nonJtaDataSource", dataSource,
                "hibernate.hbm2ddl.auto", "validate"));
    }

    /** Every call in a resource-local transaction of its own, as the node's bean runs them in JTA. */
    static JpaPayloadStore.Transactions transactions(EntityManagerFactory emf) {
        return new JpaPayloadStore.Transactions() {
            @Override
            public <T> T inTransaction(Function<EntityManager, T> work) {
                EntityManager em = emf.createEntityManager();
                try {
                    em.getTransaction().begin();
                    T result = work.apply(em);
                    em.getTransaction().commit();
                    return result;
                } finally {
                    if (em.getTransaction().isActive()) {
                        em.getTransaction().rollback();
                    }
                    em.close();
                }
            }
        };
    }
}
