package org.quorumee.node.account;

import java.security.SecureRandom;
import org.quorumee.core.crypto.KeyPair;
import org.quorumee.core.crypto.Keystore;
import org.quorumee.core.crypto.KeystoreException;
import org.quorumee.node.config.JsonTree;

/** Key files (Web3 Secret Storage, version 3) as the JSON text geth writes: {@link Keystore} over {@link JsonTree}. */
public final class KeystoreJson {
    private KeystoreJson() {
    }

    /** A key file's text for a 32-byte private key encrypted under {@code password}. */
    public static String encrypt(byte[] privateKey, String password, Keystore.Kdf kdf, SecureRandom random) {
        return JsonTree.write(Keystore.encrypt(privateKey, password, kdf, random));
    }

    /** @see Keystore#decrypt */
    public static byte[] decrypt(String json, String password) throws KeystoreException {
        return Keystore.decrypt(parse(json), password);
    }

    /** @see Keystore#decryptKeyPair */
    public static KeyPair decryptKeyPair(String json, String password) throws KeystoreException {
        return Keystore.decryptKeyPair(parse(json), password);
    }

    private static Object parse(String json) throws KeystoreException {
        try {
            return JsonTree.parse(json);
        } catch (JsonTree.MalformedJsonException e) {
            throw new KeystoreException("key file is " + e.getMessage());
        }
    }
}
