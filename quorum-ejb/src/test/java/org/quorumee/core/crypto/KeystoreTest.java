package org.quorumee.core.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.security.SecureRandom;
import org.junit.jupiter.api.Test;
import org.quorumee.core.bytes.Hex;
import org.quorumee.node.account.KeystoreJson;

/** Test vectors of the Web3 Secret Storage Definition (ethereum.org), plus round trips and refusals. */
class KeystoreTest {
    private static final String PRIVATE_KEY = "7a28b5ba57c53603b0b07b56bba752f7784bf506fa95edc395f5cf6c7514fe9d";

    private static final String SCRYPT_VECTOR = """
            {"crypto": {"cipher": "aes-128-ctr", "cipherparams": {"iv": "83dbcc02d8ccb40e466191a123791e0e"},
              "ciphertext": "d172bf743a674da9cdad04534d56926ef8358534d458fffccd4e6ad2fbde479c",
              "kdf": "scrypt",
              "kdfparams": {"dklen": 32, "n": 262144, "r": 1, "p": 8,
                "salt": "ab0c7876052600dd703518d6fc3fe8984592145b591fc8fb5c6d43190334ba19"},
              "mac": "2103ac29920d71da29f15d75b4a16dbe95cfd7ff8faea1056c33131d846e3097"},
             "id": "3198bc9c-6672-5ab3-d995-4942343ae5b6", "version": 3}""";

    private static final String PBKDF2_VECTOR = """
            {"crypto": {"cipher": "aes-128-ctr", "cipherparams": {"iv": "6087dab2f9fdbbfaddc31a909735c1e6"},
              "ciphertext": "5318b4d5bcd28de64ee5559e671353e16f075ecae9f99c7a79a38af5f869aa46",
              "kdf": "pbkdf2",
              "kdfparams": {"c": 262144, "dklen": 32, "prf": "hmac-sha256",
                "salt": "ae3cd4e7013836a3df6bd7241b12db061dbe2c6785853cce422d148a624ce0bd"},
              "mac": "517ead924a9d0dc3124507e3393d175ce3ff7c1e96529c6c555ce9e51205e9b2"},
             "id": "3198bc9c-6672-5ab3-d995-4942343ae5b6", "version": 3}""";

    @Test
    void decryptsTheScryptVector() throws KeystoreException {
        assertEquals(PRIVATE_KEY, Hex.encodeNoPrefix(KeystoreJson.decrypt(SCRYPT_VECTOR, "testpassword")));
    }

    @Test
    void decryptsThePbkdf2Vector() throws KeystoreException {
        assertEquals(PRIVATE_KEY, Hex.encodeNoPrefix(KeystoreJson.decrypt(PBKDF2_VECTOR, "testpassword")));
    }

    @Test
    void wrongPasswordIsAClearError() {
        KeystoreException e = assertThrows(KeystoreException.class, () -> KeystoreJson.decrypt(PBKDF2_VECTOR, "wrong"));
        assertTrue(e.getMessage().contains("password"), e.getMessage());
    }

    @Test
    void roundTripsWithBothKdfs() throws Exception {
        SecureRandom random = new SecureRandom();
        KeyPair pair = Secp256k1.generateKeyPair(random);
        for (Keystore.Kdf kdf : new Keystore.Kdf[] {Keystore.Kdf.scrypt(1 << 10, 8, 1), Keystore.Kdf.pbkdf2(1000)}) {
            String json = KeystoreJson.encrypt(pair.privateKey(), "pässwörd", kdf, random);
            KeyPair decrypted = KeystoreJson.decryptKeyPair(json, "pässwörd");
            assertArrayEquals(pair.privateKey(), decrypted.privateKey());
            String address = new ObjectMapper().readTree(json).get("address").asText();
            assertEquals(pair.address().toString(), "0x" + address);
            assertThrows(KeystoreException.class, () -> KeystoreJson.decrypt(json, "passwörd"));
        }
    }

    @Test
    void malformedAndUnsupportedFilesAreRefused() throws Exception {
        assertThrows(KeystoreException.class, () -> KeystoreJson.decrypt("not json", "x"));
        assertThrows(KeystoreException.class, () -> KeystoreJson.decrypt("[]", "x"));
        assertThrows(KeystoreException.class, () -> KeystoreJson.decrypt("{\"version\": 3}", "x"));
        ObjectMapper json = new ObjectMapper();
        ObjectNode v1 = (ObjectNode) json.readTree(PBKDF2_VECTOR);
        v1.put("version", 1);
        assertThrows(KeystoreException.class, () -> KeystoreJson.decrypt(v1.toString(), "testpassword"));
        ObjectNode cbc = (ObjectNode) json.readTree(PBKDF2_VECTOR);
        ((ObjectNode) cbc.get("crypto")).put("cipher", "aes-128-cbc");
        assertThrows(KeystoreException.class, () -> KeystoreJson.decrypt(cbc.toString(), "testpassword"));
        ObjectNode huge = (ObjectNode) json.readTree(SCRYPT_VECTOR);
        ((ObjectNode) huge.get("crypto").get("kdfparams")).put("n", 1 << 30);
        assertThrows(KeystoreException.class, () -> KeystoreJson.decrypt(huge.toString(), "testpassword"));
        ObjectNode badHex = (ObjectNode) json.readTree(PBKDF2_VECTOR);
        ((ObjectNode) badHex.get("crypto")).put("ciphertext", "zz");
        assertThrows(KeystoreException.class, () -> KeystoreJson.decrypt(badHex.toString(), "testpassword"));
    }
}
