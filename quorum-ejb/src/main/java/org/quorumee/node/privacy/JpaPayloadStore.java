package org.quorumee.node.privacy;

import jakarta.persistence.EntityManager;
import java.time.Clock;
import java.util.Optional;
import java.util.function.Function;
import org.quorumee.core.privacy.BoxPublicKey;
import org.quorumee.core.privacy.EncodedPayload;
import org.quorumee.core.privacy.LegacyPayloadCodec;
import org.quorumee.core.privacy.PayloadHash;
import org.quorumee.core.privacy.enclave.RawPayload;
import org.quorumee.jpa.privacy.EncryptedRawTransactionRecord;
import org.quorumee.jpa.privacy.EncryptedTransactionRecord;
import org.quorumee.jpa.privacy.PayloadRepository;

/**
 * The payload store in the node's database (quorum-jpa's payload tables): payloads are encoded with
 * Tessera's LEGACY codec here, so the entities hold bytes only. Every call runs in a transaction of
 * its own, which the {@link Transactions} given here makes and commits.
 */
public final class JpaPayloadStore implements PayloadStore {

    /** Runs work in a new transaction, committed when the work returns, rolled back if it throws. */
    public interface Transactions {
        <T> T inTransaction(Function<EntityManager, T> work);
    }

    private final Transactions transactions;
    private final Clock clock;

    public JpaPayloadStore(Transactions transactions, Clock clock) {
        this.transactions = transactions;
        this.clock = clock;
    }

    private <T> T run(Function<PayloadRepository, T> work) {
        return transactions.inTransaction(em -> work.apply(new PayloadRepository(em)));
    }

    @Override
    public Optional<EncodedPayload> find(PayloadHash hash) {
        return run(repo -> repo.find(hash.bytes()).map(record -> decode(hash, record)));
    }

    private static EncodedPayload decode(PayloadHash hash, EncryptedTransactionRecord record) {
        if (record.getCodec() != EncryptedTransactionRecord.CODEC_LEGACY) {
            throw new IllegalStateException("payload " + hash + " is stored with unknown codec " + record.getCodec());
        }
        return LegacyPayloadCodec.decode(record.getEncodedPayload());
    }

    @Override
    public void save(EncodedPayload payload) {
        byte[] hash = payload.hash().bytes();
        run(repo -> {
            if (repo.find(hash).isPresent()) {
                throw new IllegalStateException("a payload " + payload.hash() + " is stored already");
            }
            repo.save(new EncryptedTransactionRecord(hash, LegacyPayloadCodec.encode(payload),
                    EncryptedTransactionRecord.CODEC_LEGACY, clock.instant()));
            return null;
        });
    }

    @Override
    public boolean update(EncodedPayload payload) {
        return run(repo -> repo.updateEncodedPayload(payload.hash().bytes(), LegacyPayloadCodec.encode(payload)));
    }

    @Override
    public boolean delete(PayloadHash hash) {
        return run(repo -> repo.delete(hash.bytes()));
    }

    @Override
    public Optional<RawPayload> findRaw(PayloadHash hash) {
        return run(repo -> repo.findRaw(hash.bytes()).map(record -> new RawPayload(record.getEncryptedPayload(),
                record.getEncryptedKey(), record.getNonce(), BoxPublicKey.of(record.getSender()))));
    }

    @Override
    public void saveRaw(RawPayload raw) {
        byte[] hash = raw.hash().bytes();
        run(repo -> {
            if (repo.findRaw(hash).isPresent()) {
                throw new IllegalStateException("a raw payload " + raw.hash() + " is stored already");
            }
            repo.saveRaw(new EncryptedRawTransactionRecord(hash, raw.cipherText(), raw.encryptedMasterKey(), raw.nonce(),
                    raw.sender().bytes(), clock.instant()));
            return null;
        });
    }

    @Override
    public boolean deleteRaw(PayloadHash hash) {
        return run(repo -> repo.deleteRaw(hash.bytes()));
    }
}
