package org.quorumee.core.privacy.enclave;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.quorumee.core.bytes.Hex;
import org.quorumee.core.privacy.BoxPublicKey;
import org.quorumee.core.privacy.EncodedPayload;
import org.quorumee.core.privacy.LegacyPayloadCodec;
import org.quorumee.core.privacy.PayloadHash;
import org.quorumee.core.privacy.PrivacyMetadata;

/**
 * Three nodes' enclaves (A with two keys, B, C) seal and open each other's payloads; every expected
 * plaintext is the message sealed, and every box is checked against NaCl's secretbox directly.
 */
class EnclaveTest {
    private static final byte[] MESSAGE = "contract code and call data".getBytes(StandardCharsets.UTF_8);

    private final RandomSource random = seeded(42);
    private final BoxKeyPair a1 = BoxKeyPair.generate(seeded(1));
    private final BoxKeyPair a2 = BoxKeyPair.generate(seeded(2));
    private final BoxKeyPair b = BoxKeyPair.generate(seeded(3));
    private final BoxKeyPair c = BoxKeyPair.generate(seeded(4));
    private final Enclave nodeA = new Enclave(List.of(a1, a2), random);
    private final Enclave nodeB = new Enclave(List.of(b), random);
    private final Enclave nodeC = new Enclave(List.of(c), random);

    static RandomSource seeded(long seed) {
        Random r = new Random(seed);
        return r::nextBytes;
    }

    private EncodedPayload sendFromAToB() {
        return nodeA.encryptPayload(MESSAGE, a1.publicKey(), List.of(b.publicKey(), a1.publicKey()), PrivacyMetadata.STANDARD);
    }

    @Test
    void theSchemeIsTesserasOneMasterKeyOneRecipientNonce() {
        EncodedPayload p = sendFromAToB();
        assertEquals(2, p.boxCount());
        assertEquals(MESSAGE.length + 16, p.cipherText().length);
        // each box is secretbox(MK, recipientNonce, box_beforenm(recipient, sender)); the same MK opens the cipher text
        byte[] toB = Nacl.open(p.recipientBox(0), p.recipientNonce(), Nacl.sharedKey(a1.publicKey().bytes(), b.privateKey()));
        byte[] toSelf = Nacl.open(p.recipientBox(1), p.recipientNonce(), Nacl.sharedKey(a1.publicKey().bytes(), a1.privateKey()));
        assertArrayEquals(toB, toSelf);
        assertEquals(32, toB.length);
        assertArrayEquals(MESSAGE, Nacl.open(p.cipherText(), p.cipherTextNonce(), toB));
        assertEquals(48, p.recipientBox(0).length);
    }

    @Test
    void senderAndRecipientOpenIt() {
        EncodedPayload p = sendFromAToB();
        Enclave.Decrypted asSender = nodeA.decrypt(p).orElseThrow();
        assertArrayEquals(MESSAGE, asSender.plaintext());
        assertEquals(a1.publicKey(), asSender.ourKey());
        Enclave.Decrypted asRecipient = nodeB.decrypt(p.forRecipient(b.publicKey())).orElseThrow();
        assertArrayEquals(MESSAGE, asRecipient.plaintext());
        assertEquals(b.publicKey(), asRecipient.ourKey());
        // and through the binary form
        assertArrayEquals(MESSAGE, nodeB.decrypt(LegacyPayloadCodec.decode(
                LegacyPayloadCodec.encode(p.forRecipient(b.publicKey())))).orElseThrow().plaintext());
    }

    @Test
    void aNonPartyFindsNothing() {
        EncodedPayload p = sendFromAToB();
        assertTrue(nodeC.decrypt(p).isEmpty());
        assertTrue(nodeC.partyKey(p).isEmpty());
        // B's copy does not open for A's second key either
        assertTrue(nodeA.decrypt(p.forRecipient(b.publicKey()), a2.publicKey()).isEmpty());
    }

    @Test
    void aChangedCipherTextIsRefusedNotTakenForNotAParty() {
        EncodedPayload p = sendFromAToB().forRecipient(b.publicKey());
        byte[] cipherText = p.cipherText();
        cipherText[cipherText.length - 1] ^= 1;
        EncodedPayload tampered = p.toBuilder().cipherText(cipherText).build();
        assertEquals(b.publicKey(), nodeB.partyKey(tampered).orElseThrow());
        assertThrows(DecryptionException.class, () -> nodeB.decrypt(tampered));
    }

    @Test
    void aChangedBoxOrNonceOpensForNobody() {
        EncodedPayload p = sendFromAToB().forRecipient(b.publicKey());
        byte[] box = p.recipientBox(0);
        box[5] ^= 1;
        assertTrue(nodeB.decrypt(p.toBuilder().recipientBoxes(List.of(box)).build()).isEmpty());
        byte[] nonce = p.recipientNonce();
        nonce[0] ^= 1;
        assertTrue(nodeB.decrypt(p.toBuilder().recipientNonce(nonce).build()).isEmpty());
    }

    @Test
    void aPayloadBetweenTwoKeysOfOneNode() {
        EncodedPayload p = nodeA.encryptPayload(MESSAGE, a1.publicKey(), List.of(a2.publicKey(), a1.publicKey()),
                PrivacyMetadata.STANDARD);
        assertEquals(List.of(a1.publicKey(), a2.publicKey()), nodeA.partyKeys(p));
        assertArrayEquals(MESSAGE, nodeA.decrypt(p.forRecipient(a2.publicKey()), a2.publicKey()).orElseThrow().plaintext());
    }

    @Test
    void oldPayloadsWithoutKeysOpenByTryingEveryBox() {
        EncodedPayload p = nodeA.encryptPayload(MESSAGE, a1.publicKey(), List.of(c.publicKey(), b.publicKey()),
                PrivacyMetadata.STANDARD);
        EncodedPayload keyless = p.toBuilder().recipientKeys(List.of()).build();
        assertArrayEquals(MESSAGE, nodeB.decrypt(keyless).orElseThrow().plaintext());
        assertArrayEquals(MESSAGE, nodeC.decrypt(keyless).orElseThrow().plaintext());
    }

    @Test
    void storeRawThenSendSigned() {
        RawPayload raw = nodeA.encryptRawPayload(MESSAGE, a2.publicKey());
        // the master key is sealed for the sender itself, with the cipher text's nonce
        byte[] masterKey = Nacl.open(raw.encryptedMasterKey(), raw.nonce(),
                Nacl.sharedKey(a2.publicKey().bytes(), a2.privateKey()));
        assertArrayEquals(MESSAGE, Nacl.open(raw.cipherText(), raw.nonce(), masterKey));
        assertArrayEquals(MESSAGE, nodeA.decryptRawPayload(raw));

        EncodedPayload sent = nodeA.encryptPayload(raw, List.of(c.publicKey(), a2.publicKey()), PrivacyMetadata.STANDARD);
        assertEquals(raw.hash(), sent.hash());
        assertArrayEquals(raw.cipherText(), sent.cipherText());
        assertArrayEquals(MESSAGE, nodeC.decrypt(sent.forRecipient(c.publicKey())).orElseThrow().plaintext());
        assertArrayEquals(MESSAGE, nodeA.decrypt(sent).orElseThrow().plaintext());
    }

    @Test
    void aNewRecipientBoxOpensForTheNewRecipient() {
        EncodedPayload p = sendFromAToB();
        byte[] box = nodeA.createNewRecipientBox(p, c.publicKey());
        EncodedPayload forC = p.toBuilder().recipientBoxes(List.of(box)).recipientKeys(List.of(c.publicKey())).build();
        assertArrayEquals(MESSAGE, nodeC.decrypt(forC).orElseThrow().plaintext());
        assertThrows(UnknownKeyException.class, () -> nodeB.createNewRecipientBox(p, c.publicKey()));
    }

    @Test
    void onlyOurKeysSend() {
        assertThrows(UnknownKeyException.class, () -> nodeA.encryptPayload(MESSAGE, b.publicKey(), List.of(b.publicKey()),
                PrivacyMetadata.STANDARD));
        assertThrows(IllegalArgumentException.class, () -> nodeA.encryptPayload(MESSAGE, a1.publicKey(), List.of(),
                PrivacyMetadata.STANDARD));
        assertThrows(IllegalArgumentException.class, () -> nodeA.encryptPayload(MESSAGE, a1.publicKey(),
                List.of(b.publicKey(), b.publicKey()), PrivacyMetadata.STANDARD));
        assertThrows(UnknownKeyException.class, () -> nodeA.decrypt(sendFromAToB(), b.publicKey()));
    }

    @Test
    void aLowOrderRecipientIsRefused() {
        BoxPublicKey lowOrder = BoxPublicKey.of(Hex.decode("e0eb7a7c3b41b8ae1656e3faf19fc46ada098deb9c32b1fd866205165f49b800"));
        assertThrows(DecryptionException.class, () -> nodeA.encryptPayload(MESSAGE, a1.publicKey(), List.of(lowOrder),
                PrivacyMetadata.STANDARD));
    }

    @Test
    void freshKeysAndNoncesForEveryPayload() {
        List<PayloadHash> hashes = new ArrayList<>();
        List<String> nonces = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            EncodedPayload p = sendFromAToB();
            hashes.add(p.hash());
            nonces.add(Hex.encode(p.cipherTextNonce()));
            nonces.add(Hex.encode(p.recipientNonce()));
        }
        assertEquals(50, hashes.stream().distinct().count());
        assertEquals(100, nonces.stream().distinct().count());
    }

    @Test
    void keysAreNamedOnceAndTheFirstIsTheDefault() {
        assertEquals(a1.publicKey(), nodeA.defaultPublicKey());
        assertEquals(List.of(a1.publicKey(), a2.publicKey()), nodeA.publicKeys());
        assertThrows(IllegalArgumentException.class, () -> new Enclave(List.of(a1, a1), random));
        assertThrows(IllegalArgumentException.class, () -> new Enclave(List.of(), random));
        assertTrue(a1.toString().contains(a1.publicKey().toBase64()));
        assertTrue(!a1.toString().contains(java.util.Base64.getEncoder().encodeToString(a1.privateKey())));
    }
}
