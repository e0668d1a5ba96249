package org.quorumee.node.privacy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.quorumee.core.privacy.PayloadHash;
import org.quorumee.core.privacy.PrivacyMetadata;
import org.quorumee.core.privacy.PushAcknowledgement;
import org.quorumee.core.privacy.enclave.BoxKeyPair;
import org.quorumee.core.privacy.enclave.Enclave;
import org.quorumee.core.privacy.enclave.RandomSource;

/**
 * The peer publisher between two transaction managers: the link hands each push to the recipient's
 * {@code storeInbound} on another thread (as the recipient's inbound listener does) and the
 * acknowledgement comes back through {@link PeerPayloadPublisher#acknowledged}.
 */
class PeerPayloadPublisherTest {
    private static final byte[] SECRET = "private contract code".getBytes(StandardCharsets.UTF_8);
    private static final String NODE_A = "aa".repeat(64);
    private static final String NODE_B = "bb".repeat(64);

    private final Random seed = new Random(11);
    private final RandomSource random = seed::nextBytes;
    private final BoxKeyPair a = BoxKeyPair.generate(random);
    private final BoxKeyPair b = BoxKeyPair.generate(random);
    private final ExecutorService wire = Executors.newSingleThreadExecutor();
    private final Set<String> silent = ConcurrentHashMap.newKeySet();
    private final Set<String> disconnected = ConcurrentHashMap.newKeySet();

    private InMemoryPayloadStore storeB;
    private TransactionManager managerB;
    private PeerPayloadPublisher publisher;
    private final InMemoryPayloadStore storeA = new InMemoryPayloadStore();
    private TransactionManager managerA;

    @BeforeEach
    void link() {
        storeB = new InMemoryPayloadStore();
        managerB = new TransactionManager(new Enclave(List.of(b), random), storeB,
                new StaticPartyDirectory(Map.of(a.publicKey(), NODE_A)), new UnreachablePublisher());
        publisher = new PeerPayloadPublisher(new PeerPayloadPublisher.PeerLink() {
            @Override
            public boolean connected(String node) {
                return !disconnected.contains(node);
            }

            @Override
            public void push(String node, byte[] messageId, byte[] encodedPayload, long timeToLiveMillis) {
                assertEquals(NODE_B, node);
                if (silent.contains(node)) {
                    return;
                }
                wire.execute(() -> {
                    PushAcknowledgement ack;
                    try {
                        ack = PushAcknowledgement.stored(managerB.storeInbound(encodedPayload));
                    } catch (InvalidPrivacyRequestException e) {
                        ack = PushAcknowledgement.refused(e.getMessage());
                    }
                    publisher.acknowledged(NODE_B, messageId, ack.encode());
                });
            }
        }, 2_000);
        managerA = new TransactionManager(new Enclave(List.of(a), random), storeA,
                new StaticPartyDirectory(Map.of(b.publicKey(), NODE_B)), publisher);
    }

    @AfterEach
    void close() {
        wire.shutdownNow();
    }

    @Test
    void aSendReturnsOnceTheRecipientStoredIt() {
        TransactionManager.SendResult sent = managerA.send(SECRET, null, List.of(b.publicKey()), PrivacyMetadata.STANDARD);
        assertEquals(List.of(b.publicKey()), managerB.receive(sent.hash(), null).orElseThrow().managedParties());
        assertEquals("private contract code", new String(managerB.receive(sent.hash(), null).orElseThrow().plaintext(),
                StandardCharsets.UTF_8));
        assertTrue(managerA.receive(sent.hash(), null).isPresent());
    }

    @Test
    void aRecipientThatDoesNotAnswerFailsTheSendWithinTheTimeoutAndNothingIsKept() {
        silent.add(NODE_B);
        PublishException e = assertThrows(PublishException.class,
                () -> managerA.send(SECRET, null, List.of(b.publicKey()), PrivacyMetadata.STANDARD));
        assertTrue(e.getMessage().contains("no acknowledgement"), e.getMessage());
        assertEquals(b.publicKey(), e.recipient());
        assertTrue(storeA.encodedPayloads().isEmpty());
    }

    @Test
    void aRecipientNodeNotConnectedFailsAtOnce() {
        disconnected.add(NODE_B);
        PublishException e = assertThrows(PublishException.class,
                () -> managerA.send(SECRET, null, List.of(b.publicKey()), PrivacyMetadata.STANDARD));
        assertTrue(e.getMessage().contains("not connected"), e.getMessage());
    }

    @Test
    void aRefusalFailsTheSendWithTheRecipientsReason() {
        // B knows the key under another node's name: it pushes to the wrong node, which is not a party.
        BoxKeyPair notB = BoxKeyPair.generate(random);
        TransactionManager confused = new TransactionManager(new Enclave(List.of(a), random), new InMemoryPayloadStore(),
                new StaticPartyDirectory(Map.of(notB.publicKey(), NODE_B)), publisher);
        PublishException e = assertThrows(PublishException.class,
                () -> confused.send(SECRET, null, List.of(notB.publicKey()), PrivacyMetadata.STANDARD));
        assertTrue(e.getMessage().contains("refused") && e.getMessage().contains("none of this node's keys"), e.getMessage());
    }

    @Test
    void aDuplicatePushChangesNothing() {
        TransactionManager.SendResult sent = managerA.send(SECRET, null, List.of(b.publicKey()), PrivacyMetadata.STANDARD);
        byte[] before = storeB.find(sent.hash()).map(p -> org.quorumee.core.privacy.LegacyPayloadCodec.encode(p)).orElseThrow();
        PayloadHash again = managerB.storeInbound(before);
        assertEquals(sent.hash(), again);
        assertEquals(1, storeB.encodedPayloads().size());
        assertEquals(java.util.Arrays.toString(before), java.util.Arrays.toString(
                org.quorumee.core.privacy.LegacyPayloadCodec.encode(storeB.find(sent.hash()).orElseThrow())));
    }

    @Test
    void anAcknowledgementNobodyWaitsForOrFromAnotherNodeIsIgnored() {
        byte[] ack = PushAcknowledgement.stored(PayloadHash.of(new byte[64])).encode();
        assertFalse(publisher.acknowledged(NODE_B, new byte[16], ack));
        assertFalse(publisher.acknowledged(NODE_A, new byte[16], ack));
    }

    @Test
    void acknowledgementsRoundTrip() {
        PayloadHash hash = PayloadHash.of(new byte[64]);
        assertEquals(Optional.of(hash), PushAcknowledgement.decode(PushAcknowledgement.stored(hash).encode()).hash());
        assertEquals(Optional.of("no"), PushAcknowledgement.decode(PushAcknowledgement.refused("no").encode()).reason());
        assertThrows(IllegalArgumentException.class, () -> PushAcknowledgement.decode(new byte[0]));
        assertThrows(IllegalArgumentException.class, () -> PushAcknowledgement.decode(new byte[] {0, 1, 2}));
        assertThrows(IllegalArgumentException.class, () -> PushAcknowledgement.decode(new byte[] {9}));
    }
}
