package org.quorumee.jpa.node;

import jakarta.persistence.EntityManager;
import java.util.Optional;

/** Reads and writes the node's identity row through the caller's entity manager and transaction. */
public class NodeIdentityRepository {
    private final EntityManager em;

    public NodeIdentityRepository(EntityManager em) {
        this.em = em;
    }

    public Optional<NodeIdentity> find() {
        return Optional.ofNullable(em.find(NodeIdentity.class, NodeIdentity.SINGLETON_ID));
    }

    public NodeIdentity save(NodeIdentity identity) {
        em.persist(identity);
        return identity;
    }
}
