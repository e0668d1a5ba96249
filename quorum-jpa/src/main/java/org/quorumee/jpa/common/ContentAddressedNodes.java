package org.quorumee.jpa.common;

import jakarta.persistence.EntityManager;
import jakarta.persistence.Table;
import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads and writes one table of content-addressed nodes: writes insert only what is not there yet
 * (the same node can be produced again by a later block), in JDBC batches.
 *
 * @param <T> the entity of the table
 */
public final class ContentAddressedNodes<T extends ContentAddressedNode> {
    private final EntityManager em;
    private final Class<T> entity;
    private final String table;

    public ContentAddressedNodes(EntityManager em, Class<T> entity) {
        this.em = em;
        this.entity = entity;
        this.table = entity.getAnnotation(Table.class).name();
    }

    public Optional<byte[]> node(byte[] hash) {
        return Optional.ofNullable(em.find(entity, hash)).map(ContentAddressedNode::getEncoded);
    }

    /**
     * Inserts the nodes whose hash is not stored yet (without asking which: the database skips them);
     * the caller's transaction commits them.
     */
    public void writeNodes(List<T> nodes) {
        Map<ByteBuffer, T> distinct = new LinkedHashMap<>();
        for (T node : nodes) {
            distinct.putIfAbsent(ByteBuffer.wrap(node.getHash()), node);
        }
        BatchInsert.insertAbsent(em, table, "hash, encoded", "hash", List.copyOf(distinct.values()), (statement, node) -> {
            statement.setBytes(1, node.getHash());
            statement.setBytes(2, node.getEncoded());
        });
    }
}
