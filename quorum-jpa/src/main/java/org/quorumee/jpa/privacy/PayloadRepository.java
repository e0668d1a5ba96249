package org.quorumee.jpa.privacy;

import jakarta.persistence.EntityManager;
import java.util.List;
import java.util.Optional;

/**
 * The transaction manager's two tables, through the caller's entity manager and transaction:
 * encrypted payloads by hash, and raw payloads (stored for their sender only) by hash.
 */
public class PayloadRepository {
    private final EntityManager em;

    public PayloadRepository(EntityManager em) {
        this.em = em;
    }

    public Optional<EncryptedTransactionRecord> find(byte[] hash) {
        return Optional.ofNullable(em.find(EncryptedTransactionRecord.class, hash));
    }

    /** Inserts a payload; a payload of the same hash must not be stored yet. */
    public void save(EncryptedTransactionRecord record) {
        em.persist(record);
    }

    /**
     * Replaces a stored payload's encoding.
     *
     * @return false if no payload of that hash is stored
     */
    public boolean updateEncodedPayload(byte[] hash, byte[] encodedPayload) {
        EncryptedTransactionRecord record = em.find(EncryptedTransactionRecord.class, hash);
        if (record == null) {
            return false;
        }
        record.setEncodedPayload(encodedPayload);
        return true;
    }

    /** @return false if no payload of that hash was stored */
    public boolean delete(byte[] hash) {
        EncryptedTransactionRecord record = em.find(EncryptedTransactionRecord.class, hash);
        if (record == null) {
            return false;
        }
        em.remove(record);
        return true;
    }

    public long count() {
        return em.createQuery("SELECT COUNT(t) FROM EncryptedTransactionRecord t", Long.class).getSingleResult();
    }

    /** Stored payloads in hash order, a page at a time (for resending them to a recovering party). */
    public List<EncryptedTransactionRecord> page(int offset, int limit) {
        return em.createQuery("SELECT t FROM EncryptedTransactionRecord t ORDER BY t.hash", EncryptedTransactionRecord.class)
                .setFirstResult(offset).setMaxResults(limit).getResultList();
    }

    public Optional<EncryptedRawTransactionRecord> findRaw(byte[] hash) {
        return Optional.ofNullable(em.find(EncryptedRawTransactionRecord.class, hash));
    }

    /** Inserts a raw payload; one of the same hash must not be stored yet. */
    public void saveRaw(EncryptedRawTransactionRecord record) {
        em.persist(record);
    }

    /** @return false if no raw payload of that hash was stored */
    public boolean deleteRaw(byte[] hash) {
        EncryptedRawTransactionRecord record = em.find(EncryptedRawTransactionRecord.class, hash);
        if (record == null) {
            return false;
        }
        em.remove(record);
        return true;
    }
}
