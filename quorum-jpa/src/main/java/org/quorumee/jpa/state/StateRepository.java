package org.quorumee.jpa.state;

import jakarta.persistence.EntityManager;
import java.util.List;
import java.util.Optional;
import org.quorumee.jpa.common.ContentAddressedNodes;

/**
 * Content-addressed public state: trie nodes and contract code by the hash of their content. Writes insert only what
 * is not there yet (the same node can be produced again by a later block), in batches.
 */
public class StateRepository {
    private final ContentAddressedNodes<StateNodeRecord> nodes;

    public StateRepository(EntityManager em) {
        this.nodes = new ContentAddressedNodes<>(em, StateNodeRecord.class);
    }

    public Optional<byte[]> node(byte[] hash) {
        return nodes.node(hash);
    }

    /** Inserts the nodes whose hash is not stored yet; the caller's transaction commits them. */
    public void writeNodes(List<StateNodeRecord> batch) {
        nodes.writeNodes(batch);
    }
}
