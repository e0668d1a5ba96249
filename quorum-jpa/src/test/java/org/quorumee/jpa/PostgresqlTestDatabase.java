package org.quorumee.jpa;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * A PostgreSQL database made for one test class and dropped after it: {@code <prefix><random>} on the
 * server of {@code -Dquorum.test.postgresql.url} (default {@code jdbc:postgresql://127.0.0.1:5432/},
 * user and password {@code postgres}, or {@code -Dquorum.test.postgresql.user/.password}). The prefix
 * is {@code -Dquorum.test.db.prefix} (default {@code quorum_test_}), so that people sharing a server
 * keep apart. No server is a failure, not a skip: the persistence tests must run on both databases.
 * (quorum-ejb's tests hold a copy of this class: the modules share no test code.)
 */
public final class PostgresqlTestDatabase implements AutoCloseable {
    private static final String SERVER = System.getProperty("quorum.test.postgresql.url", "jdbc:postgresql://127.0.0.1:5432/");
    private static final String USER = System.getProperty("quorum.test.postgresql.user", "postgres");
    private static final String PASSWORD = System.getProperty("quorum.test.postgresql.password", "postgres");
    private static final String PREFIX = System.getProperty("quorum.test.db.prefix", "quorum_test_");

    private final String name;

    private PostgresqlTestDatabase(String name) {
        this.name = name;
    }

    /** Creates a fresh, empty database. */
    public static PostgresqlTestDatabase create() {
        byte[] suffix = new byte[6];
        new SecureRandom().nextBytes(suffix);
        String name = PREFIX + HexFormat.of().formatHex(suffix);
        if (!name.matches("[a-z0-9_]+")) {
            throw new IllegalArgumentException("database name " + name + ": lower-case letters, digits and _ only");
        }
        admin("CREATE DATABASE " + name);
        return new PostgresqlTestDatabase(name);
    }

    public String name() {
        return name;
    }

    public String url() {
        return SERVER + name;
    }

    public PGSimpleDataSource dataSource() {
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setUrl(url());
        dataSource.setUser(USER);
        dataSource.setPassword(PASSWORD);
        dataSource.setConnectTimeout(30);
        dataSource.setSocketTimeout(300);
        return dataSource;
    }

    @Override
    public void close() {
        admin("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
    }

    private static void admin(String sql) {
        DriverManager.setLoginTimeout(30);
        try (Connection connection = DriverManager.getConnection(SERVER + "postgres", USER, PASSWORD);
             Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL at " + SERVER + " (user " + USER + "): " + sql + " failed: "
                    + e.getMessage() + ". The persistence tests need it: start PostgreSQL (bash .ci/run does)", e);
        }
    }
}
