package org.quorumee.jpa.common;

import jakarta.persistence.EntityManager;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import org.hibernate.Session;

/**
 * Writes many insert-only rows of a block in JDBC batches on the connection of the caller's
 * transaction. Why not {@code persist}: a block of thousands of transactions made as many managed
 * entities, each copied for dirty checking and checked again at every flush; rows that are never
 * read back in the same transaction need none of that.
 */
public final class BatchInsert {
    /** Rows per JDBC batch. */
    private static final int BATCH_SIZE = 500;

    /** Binds one row's values to the statement's parameters. */
    @FunctionalInterface
    public interface Binder<T> {
        void bind(PreparedStatement statement, T row) throws SQLException;
    }

    private BatchInsert() {
    }

    /** Runs {@code sql} once per row, in batches, inside the caller's transaction. */
    public static <T> void insert(EntityManager em, String sql, List<T> rows, Binder<T> binder) {
        if (rows.isEmpty()) {
            return;
        }
        em.unwrap(Session.class).doWork(connection -> execute(connection, sql, rows, binder));
    }

    /**
     * Inserts rows of a content-addressed table ({@code hash} primary key) unless their hash is there
     * already, without asking first: PostgreSQL's {@code ON CONFLICT DO NOTHING}, H2's {@code MERGE}
     * (which rewrites the same content).
     */
    public static <T> void insertAbsent(EntityManager em, String table, String columns, String key, List<T> rows,
            Binder<T> binder) {
        if (rows.isEmpty()) {
            return;
        }
        String parameters = "?" + ", ?".repeat(columns.split(",").length - 1);
        em.unwrap(Session.class).doWork(connection -> {
            String sql = isPostgresql(connection)
                    ? "INSERT INTO " + table + " (" + columns + ") VALUES (" + parameters + ") ON CONFLICT (" + key + ") DO NOTHING"
                    : "MERGE INTO " + table + " (" + columns + ") KEY (" + key + ") VALUES (" + parameters + ")";
            execute(connection, sql, rows, binder);
        });
    }

    private static boolean isPostgresql(Connection connection) throws SQLException {
        return connection.getMetaData().getDatabaseProductName().toLowerCase(java.util.Locale.ROOT).contains("postgres");
    }

    private static <T> void execute(Connection connection, String sql, List<T> rows, Binder<T> binder) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            int inBatch = 0;
            for (T row : rows) {
                binder.bind(statement, row);
                statement.addBatch();
                if (++inBatch == BATCH_SIZE) {
                    statement.executeBatch();
                    inBatch = 0;
                }
            }
            if (inBatch > 0) {
                statement.executeBatch();
            }
        }
    }
}
