package org.quorumee.core.privacy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.quorumee.core.bytes.Hex;

/**
 * Tessera's LEGACY layout, written out by hand below (every length an 8-byte big-endian number),
 * in the shapes Tessera's own LegacyPayloadEncoderTest decodes: a payload ending after the recipient
 * nonce, one with an empty key list, one ending after two keys, party protection with an affected
 * transaction "test"/"test", and the newer sections (execution hash, mandatory recipients, group).
 */
class LegacyPayloadCodecTest {
    static final String SENDER = "11".repeat(32);
    static final String KEY_A = "55".repeat(32);
    static final String KEY_B = "66".repeat(32);
    static final String BOX_A = "33".repeat(48);
    static final String BOX_B = "34".repeat(48);
    static final String NONCE = "22".repeat(24);
    static final String RECIPIENT_NONCE = "44".repeat(24);

    /** Sender, cipher text 01..05, nonce, one box, recipient nonce: where the oldest payloads end. */
    static final String HEAD_ONE_BOX = ""
            + "0000000000000020" + SENDER
            + "0000000000000005" + "0102030405"
            + "0000000000000018" + NONCE
            + "0000000000000001"
            + "0000000000000030" + BOX_A
            + "0000000000000018" + RECIPIENT_NONCE;

    static final String HEAD_TWO_BOXES = ""
            + "0000000000000020" + SENDER
            + "0000000000000005" + "0102030405"
            + "0000000000000018" + NONCE
            + "0000000000000002"
            + "0000000000000030" + BOX_A
            + "0000000000000030" + BOX_B
            + "0000000000000018" + RECIPIENT_NONCE;

    static final String TWO_KEYS = "0000000000000002" + "0000000000000020" + KEY_A + "0000000000000020" + KEY_B;

    /** What Tessera writes today for standard privacy to two recipients. */
    static final String STANDARD = HEAD_TWO_BOXES + TWO_KEYS
            + "0000000000000001" + "00"   // privacy flag 0
            + "0000000000000000";         // no affected contract transactions

    private static byte[] bytes(String hex) {
        return Hex.decode(hex);
    }

    @Test
    void aPayloadEndingAfterTheRecipientNonceIsStandardWithoutKeys() {
        EncodedPayload p = LegacyPayloadCodec.decode(bytes(HEAD_ONE_BOX));
        assertEquals(BoxPublicKey.of(bytes(SENDER)), p.senderKey());
        assertArrayEquals(bytes("0102030405"), p.cipherText());
        assertArrayEquals(bytes(NONCE), p.cipherTextNonce());
        assertEquals(1, p.boxCount());
        assertArrayEquals(bytes(BOX_A), p.recipientBox(0));
        assertArrayEquals(bytes(RECIPIENT_NONCE), p.recipientNonce());
        assertTrue(p.recipientKeys().isEmpty());
        assertEquals(PrivacyMode.STANDARD_PRIVATE, p.privacyMode());
    }

    @Test
    void anEmptyKeyListAndNothingAfterIt() {
        EncodedPayload p = LegacyPayloadCodec.decode(bytes(HEAD_ONE_BOX + "0000000000000000"));
        assertTrue(p.recipientKeys().isEmpty());
        assertEquals(PrivacyMode.STANDARD_PRIVATE, p.privacyMode());
        assertArrayEquals(bytes(BOX_A), p.recipientBox(0));
    }

    @Test
    void aPayloadEndingAfterItsKeys() {
        EncodedPayload p = LegacyPayloadCodec.decode(bytes(HEAD_ONE_BOX + TWO_KEYS));
        assertEquals(List.of(BoxPublicKey.of(bytes(KEY_A)), BoxPublicKey.of(bytes(KEY_B))), p.recipientKeys());
        assertEquals(PrivacyMode.STANDARD_PRIVATE, p.privacyMode());
        assertTrue(p.metadata().affectedContractTransactions().isEmpty());
    }

    @Test
    void standardPrivacyEncodesExactlyAsTesseraWritesIt() {
        EncodedPayload built = EncodedPayload.builder()
                .senderKey(BoxPublicKey.of(bytes(SENDER)))
                .cipherText(bytes("0102030405"))
                .cipherTextNonce(bytes(NONCE))
                .recipientBoxes(List.of(bytes(BOX_A), bytes(BOX_B)))
                .recipientNonce(bytes(RECIPIENT_NONCE))
                .recipientKeys(List.of(BoxPublicKey.of(bytes(KEY_A)), BoxPublicKey.of(bytes(KEY_B))))
                .build();
        assertEquals(STANDARD, Hex.encodeNoPrefix(LegacyPayloadCodec.encode(built)));
        assertEquals(built, LegacyPayloadCodec.decode(bytes(STANDARD)));
    }

    @Test
    void partyProtectionWithOneAffectedTransaction() {
        String encoded = HEAD_ONE_BOX + "0000000000000000"
                + "0000000000000001" + "01"                  // flag 1
                + "0000000000000001"                         // one affected transaction
                + "0000000000000004" + "74657374"            // "test"
                + "0000000000000004" + "74657374";           // "test"
        EncodedPayload p = LegacyPayloadCodec.decode(bytes(encoded));
        assertEquals(PrivacyMode.PARTY_PROTECTION, p.privacyMode());
        assertEquals(List.of(new AffectedTransaction("test".getBytes(), "test".getBytes())),
                p.metadata().affectedContractTransactions());
        assertEquals(0, p.metadata().execHash().length);
        assertEquals(encoded, Hex.encodeNoPrefix(LegacyPayloadCodec.encode(p)));
    }

    @Test
    void stateValidationCarriesItsExecutionHashThenTheGroup() {
        String encoded = HEAD_ONE_BOX + TWO_KEYS
                + "0000000000000001" + "03"                  // flag 3
                + "0000000000000000"                         // no affected transaction
                + "0000000000000003" + "616263"              // execHash "abc"
                + "0000000000000020" + "77".repeat(32);      // privacy group id
        EncodedPayload p = LegacyPayloadCodec.decode(bytes(encoded));
        assertEquals(PrivacyMode.PRIVATE_STATE_VALIDATION, p.privacyMode());
        assertArrayEquals("abc".getBytes(), p.metadata().execHash());
        assertArrayEquals(bytes("77".repeat(32)), p.privacyGroupId().orElseThrow());
        assertEquals(encoded, Hex.encodeNoPrefix(LegacyPayloadCodec.encode(p)));
    }

    @Test
    void mandatoryRecipientsFollowTheAffectedTransactions() {
        String encoded = STANDARD.substring(0, STANDARD.length() - 2 * 8 - 2) + "02"
                + "0000000000000000"                         // no affected transaction
                + "0000000000000001" + "0000000000000020" + KEY_A;
        EncodedPayload p = LegacyPayloadCodec.decode(bytes(encoded));
        assertEquals(PrivacyMode.MANDATORY_RECIPIENTS, p.privacyMode());
        assertEquals(List.of(BoxPublicKey.of(bytes(KEY_A))), p.metadata().mandatoryRecipients());
        assertFalse(p.privacyGroupId().isPresent());
        assertEquals(encoded, Hex.encodeNoPrefix(LegacyPayloadCodec.encode(p)));
    }

    @Test
    void standardPrivacyWithAGroup() {
        String encoded = STANDARD + "0000000000000002" + "abcd";
        EncodedPayload p = LegacyPayloadCodec.decode(bytes(encoded));
        assertArrayEquals(bytes("abcd"), p.privacyGroupId().orElseThrow());
        assertEquals(encoded, Hex.encodeNoPrefix(LegacyPayloadCodec.encode(p)));
    }

    @Test
    void forRecipientKeepsOneBoxAndOneKey() {
        EncodedPayload p = LegacyPayloadCodec.decode(bytes(STANDARD));
        EncodedPayload forB = p.forRecipient(BoxPublicKey.of(bytes(KEY_B)));
        String expected = HEAD_ONE_BOX.replace(BOX_A, BOX_B)
                + "0000000000000001" + "0000000000000020" + KEY_B
                + "0000000000000001" + "00" + "0000000000000000";
        assertEquals(expected, Hex.encodeNoPrefix(LegacyPayloadCodec.encode(forB)));
        assertEquals(p.hash(), forB.hash());
        assertThrows(IllegalArgumentException.class, () -> p.forRecipient(BoxPublicKey.of(bytes(SENDER))));
    }

    @Test
    void forRecipientUnderStateValidationKeepsEveryKeyTheRecipientFirst() {
        EncodedPayload p = LegacyPayloadCodec.decode(bytes(STANDARD)).toBuilder()
                .metadata(new PrivacyMetadata(PrivacyMode.PRIVATE_STATE_VALIDATION, List.of(), "h".getBytes(), List.of(), null))
                .build();
        EncodedPayload forB = p.forRecipient(BoxPublicKey.of(bytes(KEY_B)));
        assertEquals(List.of(BoxPublicKey.of(bytes(KEY_B)), BoxPublicKey.of(bytes(KEY_A))), forB.recipientKeys());
        assertEquals(1, forB.boxCount());
        assertArrayEquals(bytes(BOX_B), forB.recipientBox(0));
    }

    @Test
    void theHashIsSha3512OfTheCipherText() {
        EncodedPayload p = LegacyPayloadCodec.decode(bytes(STANDARD));
        assertEquals(PayloadHash.ofCipherText(bytes("0102030405")), p.hash());
    }

    @Test
    void truncatedOrOversizedFieldsAreRefused() {
        byte[] standard = bytes(STANDARD);
        for (int cut = 1; cut < standard.length; cut++) {
            byte[] truncated = java.util.Arrays.copyOf(standard, cut);
            int at = cut;
            // a cut exactly after the recipient nonce or after the keys is a valid older payload
            boolean olderForm = cut == bytes(HEAD_TWO_BOXES).length || cut == bytes(HEAD_TWO_BOXES + TWO_KEYS).length;
            if (olderForm) {
                LegacyPayloadCodec.decode(truncated);
            } else {
                assertThrows(PayloadDecodingException.class, () -> LegacyPayloadCodec.decode(truncated), "cut at " + at);
            }
        }
    }

    @Test
    void absurdLengthsAndCountsFailWithoutAllocating() {
        // the cipher text claims 2^62 bytes
        assertMessage("4611686018427387904", "0000000000000020" + SENDER + "4000000000000000" + "01");
        // a negative length
        assertMessage("negative", "0000000000000020" + SENDER + "ffffffffffffffff" + "01");
        // 2^63-1 boxes
        assertMessage("recipient boxes", "0000000000000020" + SENDER + "0000000000000001" + "01"
                + "0000000000000018" + NONCE + "7fffffffffffffff" + "0000000000000030" + BOX_A);
        // 2^31 keys
        assertMessage("recipient keys", HEAD_ONE_BOX + "0000000080000000");
    }

    @Test
    void wrongSizesFlagsAndTrailingBytesAreRefused() {
        assertMessage("sender key must be 32", "0000000000000004" + "11111111" + "0000000000000001" + "01");
        assertMessage("cipher text nonce must be 24", "0000000000000020" + SENDER + "0000000000000001" + "01"
                + "0000000000000002" + "2222");
        assertMessage("unknown privacy flag 4", HEAD_ONE_BOX + "0000000000000000" + "0000000000000001" + "04"
                + "0000000000000000");
        assertMessage("privacy flag must be 1", HEAD_ONE_BOX + "0000000000000000" + "0000000000000002" + "0000"
                + "0000000000000000");
        assertMessage("2 bytes after", STANDARD + "0000000000000000" + "abcd");
        assertThrows(PayloadDecodingException.class, () -> LegacyPayloadCodec.decode(new byte[0]));
    }

    private static void assertMessage(String expected, String hex) {
        PayloadDecodingException e = assertThrows(PayloadDecodingException.class, () -> LegacyPayloadCodec.decode(bytes(hex)));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }
}
