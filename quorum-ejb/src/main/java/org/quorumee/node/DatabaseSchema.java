package org.quorumee.node;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionManagement;
import jakarta.ejb.TransactionManagementType;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.PersistenceUnit;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.hibernate.SessionFactory;

/**
 * Brings the database schema to the version this build expects, before anything else touches it:
 * the versioned scripts in {@code db/migration} (quorum-jpa) run through Flyway, then Hibernate
 * checks that the entities match the tables. A mismatch stops the deployment.
 */
@Singleton
@Startup
@TransactionManagement(TransactionManagementType.BEAN)
public class DatabaseSchema {
    private static final Logger LOG = Logger.getLogger(DatabaseSchema.class.getName());

    @Resource(lookup = "java:jboss/datasources/QuorumDS")
    private DataSource dataSource;

    @PersistenceUnit(unitName = "quorum")
    private EntityManagerFactory entityManagerFactory;

    @PostConstruct
    void migrateAndValidate() {
        MigrateResult result = Flyway.configure(DatabaseSchema.class.getClassLoader())
                .dataSource(dataSource)
                .locations("classpath:db/migration")
                .load()
                .migrate();
        LOG.info(() -> "database schema at version " + result.targetSchemaVersion
                + " (" + result.migrationsExecuted + " migrations applied now, " + result.database + ")");
        entityManagerFactory.unwrap(SessionFactory.class).getSchemaManager().validateMappedObjects();
    }
}
