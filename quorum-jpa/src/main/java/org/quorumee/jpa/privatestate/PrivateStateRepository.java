package org.quorumee.jpa.privatestate;

import jakarta.persistence.EntityManager;
import java.util.List;
import java.util.Optional;
import org.quorumee.jpa.common.ContentAddressedNodes;

/**
 * This node's private side of the chain: private state nodes (content-addressed, insert-only, in
 * batches) and the private receipts of the private transactions it is a party to.
 */
public class PrivateStateRepository {
    private final EntityManager em;
    private final ContentAddressedNodes<PrivateStateNodeRecord> nodes;

    public PrivateStateRepository(EntityManager em) {
        this.em = em;
        this.nodes = new ContentAddressedNodes<>(em, PrivateStateNodeRecord.class);
    }

    public Optional<byte[]> node(byte[] hash) {
        return nodes.node(hash);
    }

    /** Inserts the nodes whose hash is not stored yet; the caller's transaction commits them. */
    public void writeNodes(List<PrivateStateNodeRecord> batch) {
        nodes.writeNodes(batch);
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
