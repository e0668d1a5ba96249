package org.quorumee.jpa.state;

import jakarta.persistence.EntityManager;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Content-addressed state: trie nodes and contract code by the hash of their content. Writes insert only what is not
 * there yet (the same node can be produced again by a later block), in batches.
 */
public class StateRepository {
    /** How many hashes one existence query asks about. */
    private static final int LOOKUP_CHUNK = 500;

    private final EntityManager em;

    public StateRepository(EntityManager em) {
        this.em = em;
    }

    public Optional<byte[]> node(byte[] hash) {
        StateNodeRecord node = em.find(StateNodeRecord.class, hash);
        return Optional.ofNullable(node).map(StateNodeRecord::getEncoded);
    }

    /** Inserts the nodes whose hash is not stored yet; the caller's transaction commits them. */
    public int writeNodes(List<StateNodeRecord> nodes) {
        Set<ByteBuffer> present = stored(nodes.stream().map(StateNodeRecord::getHash).toList());
        int written = 0;
        for (StateNodeRecord node : nodes) {
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
        for (int from = 0; from < hashes.size(); from += LOOKUP_CHUNK) {
            List<byte[]> chunk = new ArrayList<>(hashes.subList(from, Math.min(hashes.size(), from + LOOKUP_CHUNK)));
            for (byte[] hash : em.createQuery("SELECT n.hash FROM StateNodeRecord n WHERE n.hash IN :hashes", byte[].class).setParameter("hashes", chunk).getResultList()) {
                present.add(ByteBuffer.wrap(hash));
            }
        }
        return present;
    }
}
