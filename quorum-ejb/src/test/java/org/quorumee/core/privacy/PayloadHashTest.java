package org.quorumee.core.privacy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.quorumee.core.bytes.Hex;

/** SHA3-512 against FIPS 202's published examples (the empty message and "abc"). */
class PayloadHashTest {
    @Test
    void sha3_512OfTheEmptyMessage() {
        assertArrayEquals(Hex.decode("a69f73cca23a9ac5c8b567dc185a756e97c982164fe25859e0d1dcc1475c80a6"
                + "15b2123af1f5f94c11e3e9402c3ac558f500199d95b6d3e301758586281dcd26"), PayloadHash.ofCipherText(new byte[0]).bytes());
    }

    @Test
    void sha3_512OfAbc() {
        assertArrayEquals(Hex.decode("b751850b1a57168a5693cd924b6b096e08f621827444f70d884f5d0240d2712e"
                + "10e116e9192af3c91a7ec57647e3934057340b4cf408d5a56592f8274eec53f0"),
                PayloadHash.ofCipherText("abc".getBytes(StandardCharsets.US_ASCII)).bytes());
    }

    @Test
    void base64RoundTripAndRefusals() {
        PayloadHash hash = PayloadHash.ofCipherText(new byte[] {1});
        assertEquals(88, hash.toBase64().length());
        assertEquals(hash, PayloadHash.fromBase64(hash.toBase64()));
        assertThrows(IllegalArgumentException.class, () -> PayloadHash.fromBase64("AAAA"));
        assertThrows(IllegalArgumentException.class, () -> PayloadHash.fromBase64("not base64!"));
        assertThrows(IllegalArgumentException.class, () -> PayloadHash.of(new byte[32]));
    }

    @Test
    void publicKeysAreBase64Of32Bytes() {
        BoxPublicKey key = BoxPublicKey.of(new byte[32]);
        assertEquals("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=", key.toBase64());
        assertEquals(key, BoxPublicKey.fromBase64(" AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\n"));
        assertThrows(IllegalArgumentException.class, () -> BoxPublicKey.fromBase64("AAAA"));
        assertThrows(IllegalArgumentException.class, () -> BoxPublicKey.fromBase64(null));
    }
}
