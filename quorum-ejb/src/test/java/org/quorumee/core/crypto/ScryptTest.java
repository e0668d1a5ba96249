package org.quorumee.core.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import org.bouncycastle.crypto.generators.SCrypt;
import org.junit.jupiter.api.Test;
import org.quorumee.core.bytes.Hex;

class ScryptTest {

    @Test
    void rfc7914Vector() {
        byte[] key = Scrypt.derive("password".getBytes(StandardCharsets.US_ASCII), "NaCl".getBytes(StandardCharsets.US_ASCII),
                1024, 8, 16, 64);
        assertEquals("fdbabe1c9d3472007856e7190d01e9fe7c6ad7cbc8237830e77376634b3731622eaf30d92e22a3886ff109279d9830dac727afb94a83ee6d8360cbdfa2cc0640",
                Hex.encodeNoPrefix(key));
    }

    @Test
    void agreesWithBouncyCastleWhereItsBoundHolds() {
        byte[] password = "pw".getBytes(StandardCharsets.UTF_8);
        byte[] salt = {1, 2, 3};
        int[][] params = {{2, 1, 1}, {16, 1, 3}, {1024, 8, 1}, {256, 2, 2}};
        for (int[] np : params) {
            assertArrayEquals(SCrypt.generate(password, salt, np[0], np[1], np[2], 32),
                    Scrypt.derive(password, salt, np[0], np[1], np[2], 32), "n=" + np[0] + " r=" + np[1] + " p=" + np[2]);
        }
    }
}
