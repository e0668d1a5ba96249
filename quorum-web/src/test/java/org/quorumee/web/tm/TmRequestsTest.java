package org.quorumee.web.tm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.quorumee.core.privacy.BoxPublicKey;
import org.quorumee.core.privacy.PayloadHash;
import org.quorumee.core.privacy.PrivacyMode;

class TmRequestsTest {
    /** A hash whose base64 has '+', '/' and '=' in it (64 bytes: 0xfb 0xff ... gives "+/"). */
    private static final PayloadHash HASH = PayloadHash.of(bytesWithPlusAndSlash());
    private static final String KEY = "BULeR8JyUWhiuuCMU/HLA0Q5pzkYT+cHII3ZKBey3Bo=";

    private static byte[] bytesWithPlusAndSlash() {
        byte[] b = new byte[64];
        for (int i = 0; i < 64; i++) {
            b[i] = (byte) (i % 3 == 0 ? 0xfb : 0xff);
        }
        return b;
    }

    private static byte[] json(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void theHashHasEveryAwkwardCharacter() {
        String b64 = HASH.toBase64();
        assertTrue(b64.contains("+") && b64.contains("/") && b64.endsWith("=="), b64);
    }

    @Test
    void goPathEscapeAndJavaUrlEncoderDecodeToTheSameHash() {
        String b64 = HASH.toBase64();
        // Go's url.PathEscape: '/' -> %2F, '+' and '=' stay
        String go = b64.replace("/", "%2F");
        String java = URLEncoder.encode(b64, StandardCharsets.UTF_8);
        assertTrue(java.contains("%2B") && java.contains("%2F") && java.contains("%3D"), java);
        assertEquals(HASH, TmRequests.hash(TmRequests.decodePercent(go)));
        assertEquals(HASH, TmRequests.hash(TmRequests.decodePercent(java)));
        assertEquals(HASH, TmRequests.hash(TmRequests.decodePercent(b64)));
        // a '+' that some layer turned into a space is still a '+'
        assertEquals(HASH, TmRequests.hash(b64.replace('+', ' ')));
    }

    @Test
    void brokenPercentEscapesAreBadRequests() {
        assertThrows(BadTmRequestException.class, () -> TmRequests.decodePercent("abc%2"));
        assertThrows(BadTmRequestException.class, () -> TmRequests.decodePercent("abc%zz"));
        assertThrows(BadTmRequestException.class, () -> TmRequests.hash("AAAA"));
        assertNull(TmRequests.decodePercent(null));
    }

    @Test
    void sendBodies() {
        TmRequests.Send send = TmRequests.send(json("{\"payload\":\"AQID\",\"from\":\"" + KEY + "\",\"to\":[\"" + KEY + "\"]}"));
        assertArrayEquals(new byte[] {1, 2, 3}, send.payload());
        assertEquals(BoxPublicKey.fromBase64(KEY), send.from());
        assertEquals(List.of(BoxPublicKey.fromBase64(KEY)), send.to());
        assertEquals(PrivacyMode.STANDARD_PRIVATE, send.metadata().mode());

        TmRequests.Send minimal = TmRequests.send(json("{\"payload\":\"AQID\"}"));
        assertNull(minimal.from());
        assertTrue(minimal.to().isEmpty());

        // GoQuorum's full form with standard privacy
        TmRequests.Send full = TmRequests.send(json("{\"payload\":\"AQID\",\"from\":\"\",\"to\":[],"
                + "\"affectedContractTransactions\":[],\"privacyFlag\":0,\"mandatoryRecipients\":[]}"));
        assertNull(full.from());

        TmRequests.Send partyProtection = TmRequests.send(json("{\"payload\":\"AQID\",\"privacyFlag\":1}"));
        assertEquals(PrivacyMode.PARTY_PROTECTION, partyProtection.metadata().mode());
    }

    @Test
    void badSendBodies() {
        assertBad("required", "{}");
        assertBad("not JSON", "{payload");
        assertBad("JSON object", "[1]");
        assertBad("not base64", "{\"payload\":\"***\"}");
        assertBad("empty", "{\"payload\":\"\"}");
        assertBad("32 bytes", "{\"payload\":\"AQID\",\"to\":[\"AAAA\"]}");
        assertBad("array", "{\"payload\":\"AQID\",\"to\":\"" + KEY + "\"}");
        assertBad("unknown privacy flag", "{\"payload\":\"AQID\",\"privacyFlag\":7}");
        assertBad("standard privacy", "{\"payload\":\"AQID\",\"privacyFlag\":0,\"execHash\":\"abc\"}");
        assertThrows(BadTmRequestException.class, () -> TmRequests.send(new byte[0]));
    }

    private static void assertBad(String expected, String body) {
        BadTmRequestException e = assertThrows(BadTmRequestException.class, () -> TmRequests.send(json(body)));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }

    @Test
    void signedSendsReceivesDeletes() {
        TmRequests.SendSigned signed = TmRequests.sendSigned(json("{\"hash\":\"" + HASH.toBase64() + "\",\"to\":[\"" + KEY + "\"]}"));
        assertEquals(HASH, signed.hash());
        TmRequests.Receive receive = TmRequests.receive(json("{\"key\":\"" + HASH.toBase64() + "\",\"isRaw\":true}"));
        assertTrue(receive.raw());
        assertNull(receive.to());
        assertEquals(HASH, TmRequests.deleteKey(json("{\"key\":\"" + HASH.toBase64() + "\"}")));
        assertThrows(BadTmRequestException.class, () -> TmRequests.receive(json("{\"key\":\"" + HASH.toBase64() + "\",\"isRaw\":\"x\"}")));
    }

    @Test
    void c11nToHeaders() {
        assertEquals(List.of(), TmRequests.keyList(null));
        assertEquals(List.of(), TmRequests.keyList(""));
        assertEquals(List.of(BoxPublicKey.fromBase64(KEY), BoxPublicKey.fromBase64(KEY)), TmRequests.keyList(KEY + "," + KEY));
        assertThrows(BadTmRequestException.class, () -> TmRequests.keyList("nope"));
    }

    @Test
    void theLocationIsTesserasUrlEncodedForm() {
        assertEquals("transaction/" + URLEncoder.encode(HASH.toBase64(), StandardCharsets.UTF_8),
                TransactionManagerResource.location(HASH));
    }
}
