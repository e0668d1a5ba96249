package org.quorumee.node.privacy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.quorumee.core.privacy.BoxPublicKey;
import org.quorumee.core.privacy.EncodedPayload;
import org.quorumee.core.privacy.LegacyPayloadCodec;
import org.quorumee.core.privacy.PayloadHash;
import org.quorumee.core.privacy.PrivacyMetadata;
import org.quorumee.core.privacy.PrivacyMode;
import org.quorumee.core.privacy.PrivacyUnavailableException;
import org.quorumee.core.privacy.PrivatePayload;
import org.quorumee.core.privacy.enclave.BoxKeyPair;
import org.quorumee.core.privacy.enclave.Enclave;
import org.quorumee.core.privacy.enclave.RandomSource;
import org.quorumee.core.privacy.enclave.RawPayload;

/**
 * Three nodes' transaction managers in one process, pushing to each other through a loopback
 * publisher (encoded bytes in, the hash back as acknowledgement): A (one key), B (two keys), C (one
 * key). Stores are in memory, holding encoded bytes as the database does.
 */
class TransactionManagerTest {
    private static final byte[] SECRET = "0x6060604052 private contract code: 42".getBytes(StandardCharsets.UTF_8);

    private final Random seed = new Random(7);
    private final RandomSource random = seed::nextBytes;
    private final BoxKeyPair a = BoxKeyPair.generate(random);
    private final BoxKeyPair b1 = BoxKeyPair.generate(random);
    private final BoxKeyPair b2 = BoxKeyPair.generate(random);
    private final BoxKeyPair c = BoxKeyPair.generate(random);
    private final BoxPublicKey stranger = BoxKeyPair.generate(random).publicKey();

    private final Map<String, TransactionManager> nodes = new HashMap<>();
    private final Map<String, InMemoryPayloadStore> stores = new HashMap<>();
    private final Set<String> down = new HashSet<>();
    private final List<String> pushed = new ArrayList<>();
    private TransactionManager nodeA;
    private TransactionManager nodeB;
    private TransactionManager nodeC;

    /** Delivers each push to the named node's storeInbound; a node in {@link #down} does not answer. */
    private final PayloadPublisher loopback = pushes -> {
        for (PayloadPublisher.Push push : pushes) {
            if (down.contains(push.node())) {
                throw new PublishException(push.recipient(), "node " + push.node() + " does not answer");
            }
            PayloadHash ack = nodes.get(push.node()).storeInbound(LegacyPayloadCodec.encode(push.payload()));
            assertEquals(push.payload().hash(), ack);
            pushed.add(push.node());
        }
    };

    @BeforeEach
    void network() {
        Map<BoxPublicKey, String> where = Map.of(a.publicKey(), "A", b1.publicKey(), "B", b2.publicKey(), "B", c.publicKey(), "C");
        nodeA = node("A", List.of(a), where);
        nodeB = node("B", List.of(b1, b2), where);
        nodeC = node("C", List.of(c), where);
    }

    private TransactionManager node(String name, List<BoxKeyPair> keys, Map<BoxPublicKey, String> where) {
        Map<BoxPublicKey, String> remote = new HashMap<>(where);
        keys.forEach(k -> remote.remove(k.publicKey()));
        InMemoryPayloadStore store = new InMemoryPayloadStore();
        TransactionManager manager = new TransactionManager(new Enclave(keys, random), store, new StaticPartyDirectory(remote), loopback);
        nodes.put(name, manager);
        stores.put(name, store);
        return manager;
    }

    private static boolean contains(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    private void assertNoPlaintextStored() {
        for (Map.Entry<String, InMemoryPayloadStore> store : stores.entrySet()) {
            for (byte[] encoded : store.getValue().encodedPayloads().values()) {
                assertFalse(contains(encoded, SECRET), "node " + store.getKey() + " stores plaintext");
                assertFalse(contains(encoded, java.util.Arrays.copyOf(SECRET, 12)), "node " + store.getKey() + " stores plaintext");
            }
        }
    }

    @Test
    void aSendReachesItsPartiesOnly() {
        TransactionManager.SendResult sent = nodeA.send(SECRET, null, List.of(c.publicKey()), PrivacyMetadata.STANDARD);
        assertEquals(a.publicKey(), sent.sender());
        assertEquals(List.of(a.publicKey()), sent.managedParties());
        assertEquals(List.of("C"), pushed);

        PrivatePayload atC = nodeC.find(sent.hash()).orElseThrow();
        assertArrayEquals(SECRET, atC.plaintext());
        assertEquals(a.publicKey(), atC.sender());
        assertEquals(List.of(c.publicKey()), atC.managedParties());
        assertArrayEquals(SECRET, nodeA.find(sent.hash()).orElseThrow().plaintext());
        assertTrue(nodeB.find(sent.hash()).isEmpty(), "B is not a party");
        assertTrue(stores.get("B").encodedPayloads().isEmpty(), "nothing of it reaches B");

        // the hash is SHA3-512 of the cipher text both parties store
        EncodedPayload atCStored = stores.get("C").find(sent.hash()).orElseThrow();
        assertEquals(PayloadHash.ofCipherText(atCStored.cipherText()), sent.hash());
        assertEquals(1, atCStored.boxCount());
        assertEquals(List.of(c.publicKey()), atCStored.recipientKeys());
        assertEquals(List.of(c.publicKey(), a.publicKey()), nodeA.participants(sent.hash()));
        assertTrue(nodeA.isSender(sent.hash()));
        assertFalse(nodeC.isSender(sent.hash()));
        assertNoPlaintextStored();
    }

    @Test
    void aRecipientThatDoesNotAcknowledgeFailsTheSendAndNothingIsKept() {
        down.add("C");
        PublishException e = assertThrows(PublishException.class,
                () -> nodeA.send(SECRET, null, List.of(c.publicKey()), PrivacyMetadata.STANDARD));
        assertEquals(c.publicKey(), e.recipient());
        assertTrue(stores.get("A").encodedPayloads().isEmpty(), "the sender keeps no payload nobody acknowledged");
        assertTrue(stores.get("C").encodedPayloads().isEmpty());
    }

    @Test
    void anUnknownRecipientOrSenderFailsBeforeAnythingIsSealed() {
        UnknownPartyException e = assertThrows(UnknownPartyException.class,
                () -> nodeA.send(SECRET, null, List.of(c.publicKey(), stranger), PrivacyMetadata.STANDARD));
        assertTrue(e.getMessage().contains(stranger.toBase64()), e.getMessage());
        assertThrows(UnknownPartyException.class, () -> nodeA.send(SECRET, c.publicKey(), List.of(), PrivacyMetadata.STANDARD));
        assertTrue(pushed.isEmpty());
        assertTrue(stores.get("A").encodedPayloads().isEmpty());
    }

    @Test
    void onlyStandardPrivacyIsAccepted() {
        PrivacyMetadata partyProtection = new PrivacyMetadata(PrivacyMode.PARTY_PROTECTION, List.of(), null, List.of(), null);
        InvalidPrivacyRequestException e = assertThrows(InvalidPrivacyRequestException.class,
                () -> nodeA.send(SECRET, null, List.of(c.publicKey()), partyProtection));
        assertTrue(e.getMessage().contains("flag 1"), e.getMessage());
        EncodedPayload pushedByAnother = new Enclave(List.of(a), random).encryptPayload(SECRET, a.publicKey(),
                List.of(c.publicKey()), partyProtection);
        assertThrows(InvalidPrivacyRequestException.class, () -> nodeC.storeInbound(LegacyPayloadCodec.encode(pushedByAnother)));
    }

    @Test
    void aSendWithoutRecipientsStaysHome() {
        TransactionManager.SendResult sent = nodeA.send(SECRET, a.publicKey(), List.of(), PrivacyMetadata.STANDARD);
        assertTrue(pushed.isEmpty());
        assertArrayEquals(SECRET, nodeA.find(sent.hash()).orElseThrow().plaintext());
    }

    @Test
    void twoKeysOfOneNodeMergeIntoOnePayload() {
        TransactionManager.SendResult sent = nodeA.send(SECRET, null, List.of(b1.publicKey(), b2.publicKey()), PrivacyMetadata.STANDARD);
        assertEquals(List.of("B", "B"), pushed);
        EncodedPayload atB = stores.get("B").find(sent.hash()).orElseThrow();
        assertEquals(2, atB.boxCount());
        assertEquals(Set.of(b1.publicKey(), b2.publicKey()), Set.copyOf(atB.recipientKeys()));
        PrivatePayload opened = nodeB.find(sent.hash()).orElseThrow();
        assertArrayEquals(SECRET, opened.plaintext());
        assertEquals(Set.of(b1.publicKey(), b2.publicKey()), Set.copyOf(opened.managedParties()));
        assertArrayEquals(SECRET, nodeB.receive(sent.hash(), b2.publicKey()).orElseThrow().plaintext());

        // the same push again changes nothing
        EncodedPayload again = stores.get("A").find(sent.hash()).orElseThrow().forRecipient(b1.publicKey());
        assertEquals(sent.hash(), nodeB.storeInbound(LegacyPayloadCodec.encode(again)));
        assertEquals(2, stores.get("B").find(sent.hash()).orElseThrow().boxCount());
    }

    @Test
    void aSenderWithTwoLocalRecipientsStoresOnce() {
        TransactionManager.SendResult sent = nodeB.send(SECRET, b1.publicKey(), List.of(b2.publicKey()), PrivacyMetadata.STANDARD);
        assertTrue(pushed.isEmpty());
        assertEquals(List.of(b2.publicKey(), b1.publicKey()), sent.managedParties());
        assertArrayEquals(SECRET, nodeB.receive(sent.hash(), b2.publicKey()).orElseThrow().plaintext());
    }

    @Test
    void storeRawThenSendTheSignedTransaction() {
        PayloadHash raw = nodeA.storeRaw(SECRET, a.publicKey());
        assertTrue(nodeA.find(raw).isEmpty(), "a raw payload is not a sent payload");
        assertArrayEquals(SECRET, nodeA.receiveRaw(raw).orElseThrow().plaintext());
        TransactionManager.SendResult sent = nodeA.sendSignedTransaction(raw, List.of(c.publicKey()), PrivacyMetadata.STANDARD);
        assertEquals(raw, sent.hash());
        assertArrayEquals(SECRET, nodeC.find(raw).orElseThrow().plaintext());
        assertArrayEquals(SECRET, nodeA.find(raw).orElseThrow().plaintext());
        assertThrows(InvalidPrivacyRequestException.class,
                () -> nodeA.sendSignedTransaction(raw, List.of(c.publicKey()), PrivacyMetadata.STANDARD));
        PayloadHash unknown = PayloadHash.ofCipherText(new byte[] {9});
        assertThrows(PayloadNotFoundException.class,
                () -> nodeA.sendSignedTransaction(unknown, List.of(), PrivacyMetadata.STANDARD));
        assertTrue(nodeA.receiveRaw(unknown).isEmpty());
    }

    @Test
    void aSignedTransactionWhoseRecipientIsDownLeavesNothing() {
        PayloadHash raw = nodeA.storeRaw(SECRET, null);
        down.add("C");
        assertThrows(PublishException.class, () -> nodeA.sendSignedTransaction(raw, List.of(c.publicKey()), PrivacyMetadata.STANDARD));
        assertTrue(nodeA.find(raw).isEmpty());
        down.clear();
        assertEquals(raw, nodeA.sendSignedTransaction(raw, List.of(c.publicKey()), PrivacyMetadata.STANDARD).hash());
    }

    @Test
    void inboundPayloadsMustBeForUsAndIntact() {
        TransactionManager.SendResult sent = nodeA.send(SECRET, null, List.of(c.publicKey()), PrivacyMetadata.STANDARD);
        EncodedPayload forC = stores.get("A").find(sent.hash()).orElseThrow().forRecipient(c.publicKey());
        // not for B
        assertThrows(InvalidPrivacyRequestException.class, () -> nodeB.storeInbound(LegacyPayloadCodec.encode(forC)));
        // a changed cipher text
        byte[] cipherText = forC.cipherText();
        cipherText[0] ^= 1;
        EncodedPayload changed = forC.toBuilder().cipherText(cipherText).build();
        assertThrows(InvalidPrivacyRequestException.class, () -> nodeC.storeInbound(LegacyPayloadCodec.encode(changed)));
        // garbage
        assertThrows(InvalidPrivacyRequestException.class, () -> nodeC.storeInbound(new byte[] {1, 2, 3}));
        // the same hash with other metadata
        EncodedPayload otherGroup = forC.toBuilder().metadata(new PrivacyMetadata(PrivacyMode.STANDARD_PRIVATE, List.of(),
                null, List.of(), new byte[] {5})).build();
        assertThrows(InvalidPrivacyRequestException.class, () -> nodeC.storeInbound(LegacyPayloadCodec.encode(otherGroup)));
    }

    @Test
    void deleteIsTheEnd() {
        TransactionManager.SendResult sent = nodeA.send(SECRET, null, List.of(c.publicKey()), PrivacyMetadata.STANDARD);
        nodeC.delete(sent.hash());
        assertTrue(nodeC.find(sent.hash()).isEmpty());
        assertThrows(PayloadNotFoundException.class, () -> nodeC.delete(sent.hash()));
        assertThrows(PayloadNotFoundException.class, () -> nodeC.isSender(sent.hash()));
        assertThrows(PayloadNotFoundException.class, () -> nodeC.participants(sent.hash()));
    }

    /** A store whose reads answer this; the rest goes to an empty store in memory. */
    private static PayloadStore withFind(java.util.function.Function<PayloadHash, Optional<EncodedPayload>> find) {
        InMemoryPayloadStore rest = new InMemoryPayloadStore();
        return new PayloadStore() {
            @Override
            public Optional<EncodedPayload> find(PayloadHash hash) {
                return find.apply(hash);
            }

            @Override
            public void save(EncodedPayload payload) {
                rest.save(payload);
            }

            @Override
            public boolean update(EncodedPayload payload) {
                return rest.update(payload);
            }

            @Override
            public boolean delete(PayloadHash hash) {
                return rest.delete(hash);
            }

            @Override
            public Optional<RawPayload> findRaw(PayloadHash hash) {
                return rest.findRaw(hash);
            }

            @Override
            public void saveRaw(RawPayload raw) {
                rest.saveRaw(raw);
            }

            @Override
            public boolean deleteRaw(PayloadHash hash) {
                return rest.deleteRaw(hash);
            }
        };
    }

    @Test
    void aChangedStoredPayloadIsAnErrorNotNotAParty() {
        TransactionManager.SendResult sent = nodeA.send(SECRET, null, List.of(c.publicKey()), PrivacyMetadata.STANDARD);
        EncodedPayload stored = stores.get("C").find(sent.hash()).orElseThrow();
        byte[] cipherText = stored.cipherText();
        cipherText[cipherText.length - 1] ^= 1;
        // keep the row under the original hash, as a changed database row would be
        PayloadStore corrupt = withFind(hash -> Optional.of(stored.toBuilder().cipherText(cipherText).build()));
        TransactionManager changed = new TransactionManager(new Enclave(List.of(c), random), corrupt, StaticPartyDirectory.empty(),
                new UnreachablePublisher());
        assertThrows(PrivacyUnavailableException.class, () -> changed.find(sent.hash()));
    }

    @Test
    void aStoreThatCannotBeReadIsAnErrorNotNotAParty() {
        PayloadStore broken = withFind(hash -> {
            throw new IllegalStateException("connection refused");
        });
        TransactionManager manager = new TransactionManager(new Enclave(List.of(c), random), broken, StaticPartyDirectory.empty(),
                new UnreachablePublisher());
        PrivacyUnavailableException e = assertThrows(PrivacyUnavailableException.class,
                () -> manager.find(PayloadHash.ofCipherText(new byte[0])));
        assertTrue(e.getMessage().contains("connection refused"), e.getMessage());
    }

    @Test
    void withoutAPeerNetworkARemoteRecipientIsAnError() {
        TransactionManager alone = new TransactionManager(new Enclave(List.of(a), random), new InMemoryPayloadStore(),
                new StaticPartyDirectory(Map.of(c.publicKey(), "C")), new UnreachablePublisher());
        PublishException e = assertThrows(PublishException.class,
                () -> alone.send(SECRET, null, List.of(c.publicKey()), PrivacyMetadata.STANDARD));
        assertTrue(e.getMessage().contains("no peer network"), e.getMessage());
    }

    @Test
    void knownPartiesAreOursAndTheDirectorys() {
        Map<BoxPublicKey, String> parties = nodeB.knownParties("self");
        assertEquals("self", parties.get(b1.publicKey()));
        assertEquals("self", parties.get(b2.publicKey()));
        assertEquals("A", parties.get(a.publicKey()));
        assertEquals("C", parties.get(c.publicKey()));
        assertEquals(4, parties.size());
    }

    @Test
    void oldRawPayloadsSurviveTheStore() {
        RawPayload raw = new Enclave(List.of(a), random).encryptRawPayload(SECRET, a.publicKey());
        InMemoryPayloadStore store = new InMemoryPayloadStore();
        store.saveRaw(raw);
        assertThrows(IllegalStateException.class, () -> store.saveRaw(raw));
        assertEquals(raw, store.findRaw(raw.hash()).orElseThrow());
        assertTrue(store.deleteRaw(raw.hash()));
    }
}
