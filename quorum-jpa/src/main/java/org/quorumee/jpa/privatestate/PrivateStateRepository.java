package org.quorumee.jpa.privatestate;

import jakarta.persistence.EntityManager;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * This node's private side of the chain: private state nodes (content-addressed, insert-only, in
 * batches) and the private receipts of the private transactions it is a party to.
 */
public class PrivateStateRepository {
    /** How many hashes one existence query asks about. */
    private static final int LOOKUP_CHUNK = 500;

    private final EntityManager em;

    public PrivateStateRepository(EntityManager em) {
        this.em = em;
    }

    public Optional<byte[]> node(byte[] hash) {
        return Optional.ofNullable(em.find(PrivateStateNodeRecord.class, hash)).map(PrivateStateNodeRecord::getEncoded);
    }

    /** Inserts the nodes whose hash is not stored yet; the caller's transaction commits them. */
    public int writeNodes(List<PrivateStateNodeRecord> nodes) {
        Set<ByteBuffer> present = new HashSet<>();
        List<byte[]> hashes = nodes.stream().map(PrivateStateNodeRecord::getHash).toList();
        for (int from = 0; from < hashes.size(); from += LOOKUP_CHUNK) {
            List<byte[]> chunk = new ArrayList<>(hashes.subList(from, Math.min(hashes.size(), from + LOOKUP_CHUNK)));
            for (byte[] hash : em.createQuery("SELECT n.hash FROM PrivateStateNodeRecord n WHERE n.hash IN :hashes",
                    byte[].class).setParameter("hashes", chunk).getResultList()) {
                present.add(ByteBuffer.wrap(hash));
            }
        }
        int written = 0;
        for (PrivateStateNodeRecord node : nodes) {
            if (present.add(ByteBuffer.wrap(node.getHash()))) {
                em.persist(node);
                written++;
            }
        }
        return written;
    }

    /** Stores private receipts in the caller's transaction (their transactions' rows must be written). */
    public void storeReceipts(List<PrivateReceiptRecord> receipts) {
        receipts.forEach(em::persist);
    }

    public Optional<PrivateReceiptRecord> receipt(byte[] transactionHash) {
        return Optional.ofNullable(em.find(PrivateReceiptRecord.class, transactionHash));
    }

    /** The private receipts of blocks {@code fromBlock..toBlock}, in chain order. */
    public List<PrivateReceiptRecord> receipts(long fromBlock, long toBlock) {
        return em.createQuery("SELECT r FROM PrivateReceiptRecord r WHERE r.blockNumber BETWEEN :from AND :to"
                        + " ORDER BY r.blockNumber, r.transactionIndex", PrivateReceiptRecord.class)
                .setParameter("from", fromBlock).setParameter("to", toBlock).getResultList();
    }
}
