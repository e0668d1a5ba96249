package org.quorumee.jpa.state;

import jakarta.persistence.EntityManager;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Content-addressed state: trie nodes and contract code by hash. Writes insert only what is not
 * there yet (the same node can be produced again by a later block), in batches.
 */
public class StateRepository {
    /** How many hashes one existence query asks about. */
    private static final int LOOKUP_CHUNK = 500;

    private final EntityManager em;

    public StateRepository(EntityManager em) {
        this.em = em;
    }

    public Optional<byte[]> trieNode(byte[] hash) {
        TrieNodeRecord node = em.find(TrieNodeRecord.class, hash);
        return Optional.ofNullable(node).map(TrieNodeRecord::getEncoded);
    }

    public Optional<byte[]> code(byte[] hash) {
        CodeRecord code = em.find(CodeRecord.class, hash);
        return Optional.ofNullable(code).map(CodeRecord::getCode);
    }

    /** Inserts the nodes whose hash is not stored yet; the caller's transaction commits them. */
    public int writeTrieNodes(List<TrieNodeRecord> nodes) {
        Set<ByteBuffer> present = existing("SELECT n.hash FROM TrieNodeRecord n WHERE n.hash IN :hashes",
                nodes.stream().map(TrieNodeRecord::getHash).toList());
        int written = 0;
        for (TrieNodeRecord node : nodes) {
            if (present.add(ByteBuffer.wrap(node.getHash()))) {
                em.persist(node);
                written++;
            }
        }
        return written;
    }

    /** Inserts the code whose hash is not stored yet. */
    public int writeCode(List<CodeRecord> codes) {
        Set<ByteBuffer> present = existing("SELECT c.hash FROM CodeRecord c WHERE c.hash IN :hashes",
                codes.stream().map(CodeRecord::getHash).toList());
        int written = 0;
        for (CodeRecord code : codes) {
            if (present.add(ByteBuffer.wrap(code.getHash()))) {
                em.persist(code);
                written++;
            }
        }
        return written;
    }

    private Set<ByteBuffer> existing(String query, List<byte[]> hashes) {
        Set<ByteBuffer> present = new HashSet<>();
        for (int from = 0; from < hashes.size(); from += LOOKUP_CHUNK) {
            List<byte[]> chunk = new ArrayList<>(hashes.subList(from, Math.min(hashes.size(), from + LOOKUP_CHUNK)));
            for (byte[] hash : em.createQuery(query, byte[].class).setParameter("hashes", chunk).getResultList()) {
                present.add(ByteBuffer.wrap(hash));
            }
        }
        return present;
    }
}
