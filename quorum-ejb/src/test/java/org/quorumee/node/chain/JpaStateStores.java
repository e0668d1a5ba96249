package org.quorumee.node.chain;

import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.Persistence;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.quorumee.core.chain.BlockchainTestRunner;
import org.quorumee.core.trie.NodeStore;
import org.quorumee.jpa.state.StateRepository;

/**
 * The node's persistence unit outside the container: the migrations run on an empty database, then
 * Hibernate validates the mappings against it, as the node starts. One entity manager, used by one
 * thread at a time; each unit of writes is a resource-local transaction, after which the persistence
 * context is cleared so that later reads go to the database. Node stores get a small cache, so that
 * reads reach the database too.
 */
final class JpaStateStores implements BlockchainTestRunner.StateStores, AutoCloseable {
    /** Small on purpose: most reads must go past the cache to the database. */
    static final int CACHE_ENTRIES = 64;

    private final EntityManagerFactory emf;
    private final EntityManager em;

    JpaStateStores(DataSource dataSource) {
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
        this.emf = Persistence.createEntityManagerFactory("quorum", Map.of(
                "jakarta.persistence.transactionType", "RESOURCE_LOCAL",
                "jakarta.persistence.nonJtaDataSource", dataSource,
                "hibernate.hbm2ddl.auto", "validate"));
        this.em = emf.createEntityManager();
    }

    /** A fresh in-memory H2 database. */
    static DataSource h2() {
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        dataSource.setUser("sa");
        return dataSource;
    }

    EntityManager entityManager() {
        return em;
    }

    /** A node store as the node builds one: the repository over the entity manager, a cache in front. */
    @Override
    public NodeStore open() {
        return open(new NodeCache(CACHE_ENTRIES));
    }

    /** A store over the database through {@code cache}, as the node's stores share one. */
    public DatabaseNodeStore open(NodeCache cache) {
        return new DatabaseNodeStore(new StateRepository(em), cache);
    }

    @Override
    public <T> T inTransaction(Supplier<T> work) {
        em.getTransaction().begin();
        boolean committed = false;
        try {
            T result = work.get();
            em.getTransaction().commit();
            committed = true;
            return result;
        } finally {
            if (!committed && em.getTransaction().isActive()) {
                em.getTransaction().rollback();
            }
            em.clear();
        }
    }

    @Override
    public boolean parallel() {
        return false;
    }

    @Override
    public void close() {
        em.close();
        emf.close();
    }
}
