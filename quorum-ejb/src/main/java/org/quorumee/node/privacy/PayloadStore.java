package org.quorumee.node.privacy;

import java.util.Optional;
import org.quorumee.core.privacy.EncodedPayload;
import org.quorumee.core.privacy.PayloadHash;
import org.quorumee.core.privacy.enclave.RawPayload;

/**
 * Where the transaction manager keeps payloads: encrypted payloads by hash, and raw payloads (stored
 * for their sender only) by hash. Only what the enclave sealed is stored, never plaintext. Each call
 * is complete when it returns (its own transaction, for the database store).
 */
public interface PayloadStore {
    Optional<EncodedPayload> find(PayloadHash hash);

    /**
     * Stores a payload under its hash.
     *
     * @throws IllegalStateException if a payload of that hash is stored already
     */
    void save(EncodedPayload payload);

    /**
     * Replaces the stored payload of the same hash (boxes merged in).
     *
     * @return false if none is stored
     */
    boolean update(EncodedPayload payload);

    /** @return false if none was stored */
    boolean delete(PayloadHash hash);

    Optional<RawPayload> findRaw(PayloadHash hash);

    /**
     * @throws IllegalStateException if a raw payload of that hash is stored already
     */
    void saveRaw(RawPayload raw);

    /** @return false if none was stored */
    boolean deleteRaw(PayloadHash hash);
}
