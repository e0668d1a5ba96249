package org.quorumee.jpa.common;

import jakarta.persistence.EntityManager;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Reads and writes one table of content-addressed nodes: writes insert only what is not there yet
 * (the same node can be produced again by a later block), in batches.
 *
 * @param <T> the entity of the table
 */
public final class ContentAddressedNodes<T extends ContentAddressedNode> {
    /** How many hashes one existence query asks about. */
    private static final int LOOKUP_CHUNK = 500;

    private final EntityManager em;
    private final Class<T> entity;

    public ContentAddressedNodes(EntityManager em, Class<T> entity) {
        this.em = em;
        this.entity = entity;
    }

    public Optional<byte[]> node(byte[] hash) {
        return Optional.ofNullable(em.find(entity, hash)).map(ContentAddressedNode::getEncoded);
    }

    /** Inserts the nodes whose hash is not stored yet; the caller's transaction commits them. */
    public int writeNodes(List<T> nodes) {
        Set<ByteBuffer> present = stored(nodes.stream().map(ContentAddressedNode::getHash).toList());
        int written = 0;
        for (T node : nodes) {
            if (present.add(ByteBuffer.wrap(node.getHash()))) {
                em.persist(node);
                written++;
            }
        }
        return written;
    }

    /** Which of {@code hashes} are stored already. */
    private Set<ByteBuffer> stored(List<byte[]> hashes) {
        Set<ByteBuffer> present = new HashSet<>();
        String query = "SELECT n.hash FROM " + entity.getSimpleName() + " n WHERE n.hash IN :hashes";
        for (int from = 0; from < hashes.size(); from += LOOKUP_CHUNK) {
            List<byte[]> chunk = new ArrayList<>(hashes.subList(from, Math.min(hashes.size(), from + LOOKUP_CHUNK)));
            for (byte[] hash : em.createQuery(query, byte[].class).setParameter("hashes", chunk).getResultList()) {
                present.add(ByteBuffer.wrap(hash));
            }
        }
        return present;
    }
}
