package org.quorumee.node.privacy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.persistence.EntityManagerFactory;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.quorumee.core.privacy.EncodedPayload;
import org.quorumee.core.privacy.PayloadHash;
import org.quorumee.core.privacy.PrivacyMetadata;
import org.quorumee.core.privacy.enclave.BoxKeyPair;
import org.quorumee.core.privacy.enclave.Enclave;
import org.quorumee.core.privacy.enclave.RandomSource;
import org.quorumee.core.privacy.enclave.RawPayload;

/**
 * One contract, three stores: in memory, the database store on H2, and on PostgreSQL
 * ({@code quorum_privacy_store}).
 */
class PayloadStoreContractTest {
    private static final String PG_DATABASE = "quorum_privacy_store";
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);

    private final Random seed = new Random(11);
    private final RandomSource random = seed::nextBytes;
    private final BoxKeyPair a = BoxKeyPair.generate(random);
    private final BoxKeyPair b = BoxKeyPair.generate(random);
    private final Enclave enclave = new Enclave(List.of(a), random);
    private final List<EntityManagerFactory> opened = new ArrayList<>();

    static Stream<String> stores() {
        return Stream.of("memory", "h2", "postgresql");
    }

    private PayloadStore store(String kind) {
        if ("memory".equals(kind)) {
            return new InMemoryPayloadStore();
        }
        EntityManagerFactory emf = TestDatabases.migrate("h2".equals(kind)
                ? TestDatabases.h2("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1")
                : TestDatabases.postgres(PG_DATABASE));
        opened.add(emf);
        return new JpaPayloadStore(TestDatabases.transactions(emf), CLOCK);
    }

    @AfterEach
    void close() {
        opened.forEach(EntityManagerFactory::close);
    }

    @AfterAll
    static void drop() {
        TestDatabases.dropPostgres(PG_DATABASE);
    }

    private EncodedPayload payload() {
        return enclave.encryptPayload("payload".getBytes(), a.publicKey(), List.of(b.publicKey(), a.publicKey()),
                PrivacyMetadata.STANDARD);
    }

    @ParameterizedTest
    @MethodSource("stores")
    void savedPayloadsReadBackEqual(String kind) {
        PayloadStore store = store(kind);
        EncodedPayload payload = payload();
        assertTrue(store.find(payload.hash()).isEmpty());
        store.save(payload);
        assertEquals(payload, store.find(payload.hash()).orElseThrow());
        assertThrows(IllegalStateException.class, () -> store.save(payload));
    }

    @ParameterizedTest
    @MethodSource("stores")
    void updateReplacesDeleteRemoves(String kind) {
        PayloadStore store = store(kind);
        EncodedPayload payload = payload();
        assertFalse(store.update(payload));
        store.save(payload);
        EncodedPayload oneBox = payload.forRecipient(b.publicKey());
        assertTrue(store.update(oneBox));
        assertEquals(oneBox, store.find(payload.hash()).orElseThrow());
        assertTrue(store.delete(payload.hash()));
        assertFalse(store.delete(payload.hash()));
        assertTrue(store.find(payload.hash()).isEmpty());
    }

    @ParameterizedTest
    @MethodSource("stores")
    void rawPayloads(String kind) {
        PayloadStore store = store(kind);
        RawPayload raw = enclave.encryptRawPayload("raw".getBytes(), a.publicKey());
        assertTrue(store.findRaw(raw.hash()).isEmpty());
        store.saveRaw(raw);
        assertEquals(raw, store.findRaw(raw.hash()).orElseThrow());
        assertThrows(IllegalStateException.class, () -> store.saveRaw(raw));
        assertTrue(store.find(raw.hash()).isEmpty());
        assertTrue(store.deleteRaw(raw.hash()));
        assertFalse(store.deleteRaw(raw.hash()));
    }

    @ParameterizedTest
    @MethodSource("stores")
    void hashesAreKeysByContent(String kind) {
        PayloadStore store = store(kind);
        EncodedPayload payload = payload();
        store.save(payload);
        assertArrayEquals(payload.cipherText(), store.find(PayloadHash.of(payload.hash().bytes())).orElseThrow().cipherText());
    }
}
