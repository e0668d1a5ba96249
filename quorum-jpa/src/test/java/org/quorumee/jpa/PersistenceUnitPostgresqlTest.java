package org.quorumee.jpa;

import javax.sql.DataSource;

/** {@link PersistenceUnitTest}'s tests on PostgreSQL: a database of its own per test, dropped after it. */
class PersistenceUnitPostgresqlTest extends PersistenceUnitTest {
    private PostgresqlTestDatabase database;

    @Override
    DataSource newDatabase() {
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
