package org.quorumee.node.chain;

import javax.sql.DataSource;

/** {@link DatabaseNodeStoreTest}'s tests on PostgreSQL: a database of its own per test, dropped after it. */
class DatabaseNodeStorePostgresqlTest extends DatabaseNodeStoreTest {
    private PostgresqlTestDatabase database;

    @Override
    DataSource database() {
        database = PostgresqlTestDatabase.create();
        return database.dataSource();
    }

    @Override
    void dropDatabase() {
        if (database != null) {
            database.close();
        }
    }
}
