package org.quorumee.node.privacy.keys;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.quorumee.core.privacy.BoxPublicKey;
import org.quorumee.core.privacy.enclave.ArgonOptions;
import org.quorumee.core.privacy.enclave.BoxKeyPair;
import org.quorumee.core.privacy.enclave.LockedPrivateKey;

class KeyFilesTest {
    private static PrivateKeyFile parse(String json) {
        return KeyFiles.parse(json.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The 7-node example network's first key pair (tm1), as Tessera's and Orion's (libsodium)
     * key-store tests use it: the unlocked key file's private key gives the published public key.
     */
    @Test
    void unlockedKeyFileOfTheSevenNodeExample() {
        String[][] pairs = {
            {"Wl+xSyXVuuqzpvznOS7dOobhcn4C5auxkFRi7yLtgtA=", "BULeR8JyUWhiuuCMU/HLA0Q5pzkYT+cHII3ZKBey3Bo="},
        };
        for (String[] pair : pairs) {
            PrivateKeyFile file = parse("{\n    \"type\" : \"unlocked\",\n    \"data\" : {\n"
                    + "        \"bytes\" : \"" + pair[0] + "\"\n    }\n}\n");
            byte[] privateKey = assertInstanceOf(PrivateKeyFile.Unlocked.class, file).privateKey();
            assertEquals(BoxPublicKey.fromBase64(pair[1]), BoxKeyPair.fromPrivateKey(privateKey).publicKey());
        }
    }

    /** Constellation's published locked key file (its test "testUnlockV0"), password "foo". */
    @Test
    void constellationsLockedKeyFile() {
        PrivateKeyFile file = parse("{\"data\":{\"aopts\":{\"variant\":\"i\",\"memory\":8192,\"iterations\":2,\"parallelism\":2},"
                + "\"snonce\":\"LJ7QUiZ0kD/mPf/aHvCEQKDhlUucZM0s\",\"asalt\":\"I5bvdFhNpr8hlknzOHIO7Q3S5Ubs9ucUdVneghrebZQ=\","
                + "\"sbox\":\"iHJAfcpWWE5PsvwZRwr5gCtwMKu7xXZAAPCVRGfx06l/I5QgXs0V/czOqYsMxoEG\"},\"type\":\"argon2sbox\"}");
        LockedPrivateKey locked = assertInstanceOf(PrivateKeyFile.Locked.class, file).key();
        assertEquals(new ArgonOptions("i", 8192, 2, 2, ArgonOptions.VERSION_13), locked.options());
        assertEquals(32, locked.unlock("foo".toCharArray()).length);
    }

    @Test
    void writtenFilesReadBack() {
        byte[] privateKey = new byte[32];
        privateKey[0] = 7;
        assertArrayEquals(privateKey, ((PrivateKeyFile.Unlocked) KeyFiles.parse(
                KeyFiles.format(new PrivateKeyFile.Unlocked(privateKey)))).privateKey());

        LockedPrivateKey locked = new LockedPrivateKey(new byte[24], new byte[32], new byte[48], ArgonOptions.of("id", 1024, 1, 1));
        String json = new String(KeyFiles.format(new PrivateKeyFile.Locked(locked)), StandardCharsets.UTF_8);
        assertTrue(json.contains("\"type\" : \"argon2sbox\""), json);
        assertTrue(json.contains("\"variant\" : \"id\""), json);
        assertEquals(locked, ((PrivateKeyFile.Locked) KeyFiles.parse(json.getBytes(StandardCharsets.UTF_8))).key());

        PrivateKeyFile.Pkcs11Wrapped wrapped = new PrivateKeyFile.Pkcs11Wrapped("label", new byte[12], new byte[48]);
        assertEquals(wrapped, KeyFiles.parse(KeyFiles.format(wrapped)));
    }

    @Test
    void argonVersionsAreRead() {
        String template = "{\"type\":\"argon2sbox\",\"data\":{\"aopts\":{\"variant\":\"id\",\"memory\":1024,\"iterations\":1,"
                + "\"parallelism\":1%s},\"snonce\":\"AA==\",\"asalt\":\"AA==\",\"sbox\":\"AA==\"}}";
        assertEquals(ArgonOptions.VERSION_10, ((PrivateKeyFile.Locked) parse(String.format(template, ",\"version\":\"1.0\""))).key().options().version());
        assertEquals(ArgonOptions.VERSION_13, ((PrivateKeyFile.Locked) parse(String.format(template, ",\"version\":1.3"))).key().options().version());
        assertThrows(IllegalArgumentException.class, () -> parse(String.format(template, ",\"version\":\"2.0\"")));
    }

    @Test
    void badFilesAreRefusedWithTheReason() {
        assertMessage("unknown key type", "{\"type\":\"plain\",\"data\":{}}");
        assertMessage("\"bytes\" must be a string", "{\"type\":\"unlocked\",\"data\":{}}");
        assertMessage("\"bytes\" is not base64", "{\"type\":\"unlocked\",\"data\":{\"bytes\":\"***\"}}");
        assertMessage("\"data\"", "{\"type\":\"unlocked\"}");
        assertMessage("aopts", "{\"type\":\"argon2sbox\",\"data\":{\"snonce\":\"AA==\",\"asalt\":\"AA==\",\"sbox\":\"AA==\"}}");
        assertMessage("not a JSON key file", "{\"type\":");
        assertMessage("JSON object", "[]");
    }

    private static void assertMessage(String expected, String json) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> parse(json));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }

    @Test
    void publicKeyFilesAreBase64() {
        BoxPublicKey key = BoxPublicKey.of(Base64.getDecoder().decode("/+UuD63zItL1EbjxkKUljMgG8Z1w0AJ8pNOR4iq2yQc="));
        assertEquals("/+UuD63zItL1EbjxkKUljMgG8Z1w0AJ8pNOR4iq2yQc=", key.toBase64());
    }
}
