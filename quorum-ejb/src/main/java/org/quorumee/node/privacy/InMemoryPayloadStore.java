package org.quorumee.node.privacy;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.quorumee.core.privacy.EncodedPayload;
import org.quorumee.core.privacy.LegacyPayloadCodec;
import org.quorumee.core.privacy.PayloadHash;
import org.quorumee.core.privacy.enclave.RawPayload;

/**
 * The payload store in memory, holding encoded bytes as the database does: for tests and
 * simulations of many nodes in one process.
 */
public final class InMemoryPayloadStore implements PayloadStore {
    private final Map<PayloadHash, byte[]> payloads = new ConcurrentHashMap<>();
    private final Map<PayloadHash, RawPayload> raw = new ConcurrentHashMap<>();

    @Override
    public Optional<EncodedPayload> find(PayloadHash hash) {
        return Optional.ofNullable(payloads.get(hash)).map(LegacyPayloadCodec::decode);
    }

    @Override
    public void save(EncodedPayload payload) {
        if (payloads.putIfAbsent(payload.hash(), LegacyPayloadCodec.encode(payload)) != null) {
            throw new IllegalStateException("a payload " + payload.hash() + " is stored already");
        }
    }

    @Override
    public boolean update(EncodedPayload payload) {
        return payloads.computeIfPresent(payload.hash(), (h, old) -> LegacyPayloadCodec.encode(payload)) != null;
    }

    @Override
    public boolean delete(PayloadHash hash) {
        return payloads.remove(hash) != null;
    }

    @Override
    public Optional<RawPayload> findRaw(PayloadHash hash) {
        return Optional.ofNullable(raw.get(hash));
    }

    @Override
    public void saveRaw(RawPayload payload) {
        if (raw.putIfAbsent(payload.hash(), payload) != null) {
            throw new IllegalStateException("a raw payload " + payload.hash() + " is stored already");
        }
    }

    @Override
    public boolean deleteRaw(PayloadHash hash) {
        return raw.remove(hash) != null;
    }

    /** The stored bytes of every payload (for tests that look for plaintext). */
    public Map<PayloadHash, byte[]> encodedPayloads() {
        return Map.copyOf(payloads);
    }
}
