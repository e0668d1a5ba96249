package org.quorumee.core.crypto;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.engines.AESEngine;
import org.bouncycastle.crypto.generators.PKCS5S2ParametersGenerator;
import org.bouncycastle.crypto.modes.SICBlockCipher;
import org.bouncycastle.crypto.params.KeyParameter;
import org.bouncycastle.crypto.params.ParametersWithIV;
import org.bouncycastle.util.encoders.DecoderException;
import org.bouncycastle.util.encoders.Hex;

/**
 * Key files in the Web3 Secret Storage format, version 3 (geth's keystore): the private key
 * encrypted with AES-128-CTR under the first 16 bytes of a key derived from the password by scrypt
 * or PBKDF2-HMAC-SHA256, and a MAC = keccak256(derivedKey[16..32] || ciphertext) that tells a wrong
 * password from a right one. Stateless. The file's JSON is read and written outside the core
 * ({@code org.quorumee.node.account.KeystoreJson}); this class takes and gives its plain tree.
 */
public final class Keystore {
    /** geth's default ("standard") scrypt cost: N = 2^18, r = 8, p = 1. */
    public static final Kdf STANDARD_SCRYPT = Kdf.scrypt(1 << 18, 8, 1);
    /** geth's "light" scrypt cost: N = 2^12, r = 8, p = 6 (for tests and constrained hosts). */
    public static final Kdf LIGHT_SCRYPT = Kdf.scrypt(1 << 12, 8, 6);

    /** Refuse files whose KDF would take more than this much memory or work (a crafted file is a DoS). */
    private static final long MAX_SCRYPT_MEMORY = 1L << 30;
    private static final int MAX_PBKDF2_ITERATIONS = 10_000_000;
    private static final int DERIVED_KEY_LENGTH = 32;

    private Keystore() {
    }

    /** The key derivation of a new file: scrypt(n, r, p) or PBKDF2-HMAC-SHA256(c). */
    public record Kdf(String name, int n, int r, int p, int c) {
        public Kdf {
            if (!"scrypt".equals(name) && !"pbkdf2".equals(name)) {
                throw new IllegalArgumentException("kdf must be scrypt or pbkdf2, not " + name);
            }
        }

        public static Kdf scrypt(int n, int r, int p) {
            if (n < 2 || Integer.bitCount(n) != 1) {
                throw new IllegalArgumentException("scrypt n must be a power of two above 1, not " + n);
            }
            return new Kdf("scrypt", n, r, p, 0);
        }

        public static Kdf pbkdf2(int iterations) {
            return new Kdf("pbkdf2", 0, 0, 0, iterations);
        }
    }

    /**
     * Encrypts a 32-byte private key under {@code password} and returns the key file's content as a
     * plain tree of maps, strings and numbers, in geth's field order (with the key's address, a fresh
     * random UUID, salt and IV).
     */
    public static Map<String, Object> encrypt(byte[] privateKey, String password, Kdf kdf, SecureRandom random) {
        KeyPair pair = KeyPair.fromPrivateKey(privateKey);
        byte[] salt = new byte[32];
        byte[] iv = new byte[16];
        random.nextBytes(salt);
        random.nextBytes(iv);
        byte[] uuid = new byte[16];
        random.nextBytes(uuid);
        uuid[6] = (byte) ((uuid[6] & 0x0f) | 0x40);
        uuid[8] = (byte) ((uuid[8] & 0x3f) | 0x80);

        byte[] passwordBytes = password.getBytes(StandardCharsets.UTF_8);
        byte[] derived = "scrypt".equals(kdf.name())
                ? scrypt(passwordBytes, salt, kdf.n(), kdf.r(), kdf.p())
                : pbkdf2(passwordBytes, salt, kdf.c());
        byte[] ciphertext = aes128Ctr(derived, iv, privateKey);

        Map<String, Object> root = new LinkedHashMap<>();
        root.put("address", Hex.toHexString(pair.address().toArray()));
        Map<String, Object> crypto = new LinkedHashMap<>();
        root.put("crypto", crypto);
        crypto.put("cipher", "aes-128-ctr");
        crypto.put("ciphertext", Hex.toHexString(ciphertext));
        crypto.put("cipherparams", Map.of("iv", Hex.toHexString(iv)));
        crypto.put("kdf", kdf.name());
        Map<String, Object> params = new LinkedHashMap<>();
        crypto.put("kdfparams", params);
        params.put("dklen", DERIVED_KEY_LENGTH);
        if ("scrypt".equals(kdf.name())) {
            params.put("n", kdf.n());
            params.put("p", kdf.p());
            params.put("r", kdf.r());
        } else {
            params.put("c", kdf.c());
            params.put("prf", "hmac-sha256");
        }
        params.put("salt", Hex.toHexString(salt));
        crypto.put("mac", Hex.toHexString(mac(derived, ciphertext)));
        root.put("id", uuidString(uuid));
        root.put("version", 3);
        Arrays.fill(derived, (byte) 0);
        return root;
    }

    /**
     * The secret of a key file, as stored (normally 32 bytes; files from old tools may hold a key
     * without its leading zero bytes).
     *
     * @throws KeystoreException on a malformed or unsupported file, or a wrong password
     */
    public static byte[] decrypt(Object file, String password) throws KeystoreException {
        Map<String, Object> root = object(file);
        if (root == null) {
            throw new KeystoreException("key file is not a JSON object");
        }
        Object version = root.get("version");
        if (!(version instanceof Integer || version instanceof Long) || ((Number) version).longValue() != 3) {
            throw new KeystoreException("key file version " + version + " is not supported (3 expected)");
        }
        // geth writes "crypto"; some old tools wrote "Crypto".
        Map<String, Object> crypto = object(root.containsKey("crypto") ? root.get("crypto") : root.get("Crypto"));
        String cipher = text(crypto, "cipher");
        if (!"aes-128-ctr".equals(cipher)) {
            throw new KeystoreException("cipher " + cipher + " is not supported (aes-128-ctr expected)");
        }
        byte[] ciphertext = hex(crypto, "ciphertext");
        byte[] iv = hex(object(field(crypto, "cipherparams")), "iv");
        if (iv.length != 16) {
            throw new KeystoreException("iv must be 16 bytes, not " + iv.length);
        }
        byte[] expectedMac = hex(crypto, "mac");
        Map<String, Object> params = object(field(crypto, "kdfparams"));
        int dklen = number(params, "dklen");
        if (dklen < DERIVED_KEY_LENGTH) {
            throw new KeystoreException("dklen must be at least 32, not " + dklen);
        }
        byte[] salt = hex(params, "salt");
        byte[] passwordBytes = password.getBytes(StandardCharsets.UTF_8);
        String kdf = text(crypto, "kdf");
        byte[] derived;
        if ("scrypt".equals(kdf)) {
            int n = number(params, "n");
            int r = number(params, "r");
            int p = number(params, "p");
            if (n < 2 || Integer.bitCount(n) != 1 || r < 1 || p < 1) {
                throw new KeystoreException("scrypt parameters n=" + n + " r=" + r + " p=" + p + " are not valid");
            }
            if (128L * n * r > MAX_SCRYPT_MEMORY || (long) p * r > (1 << 20)) {
                throw new KeystoreException("scrypt parameters n=" + n + " r=" + r + " p=" + p + " exceed this node's limits");
            }
            derived = scrypt(passwordBytes, salt, n, r, p);
        } else if ("pbkdf2".equals(kdf)) {
            String prf = text(params, "prf");
            if (!"hmac-sha256".equals(prf)) {
                throw new KeystoreException("pbkdf2 prf " + prf + " is not supported (hmac-sha256 expected)");
            }
            int c = number(params, "c");
            if (c < 1 || c > MAX_PBKDF2_ITERATIONS) {
                throw new KeystoreException("pbkdf2 iteration count " + c + " is out of range");
            }
            derived = pbkdf2(passwordBytes, salt, c);
        } else {
            throw new KeystoreException("kdf " + kdf + " is not supported (scrypt or pbkdf2 expected)");
        }
        boolean macMatches = org.bouncycastle.util.Arrays.constantTimeAreEqual(expectedMac, mac(derived, ciphertext));
        if (!macMatches) {
            Arrays.fill(derived, (byte) 0);
            throw new KeystoreException("could not decrypt the key with the given password (MAC mismatch)");
        }
        byte[] secret = aes128Ctr(derived, iv, ciphertext);
        Arrays.fill(derived, (byte) 0);
        return secret;
    }

    /**
     * The key pair of a key file. A short secret is read as a big-endian number (left-padded), as
     * geth does.
     *
     * @throws KeystoreException on a malformed or unsupported file, a wrong password, or a secret
     *                           that is not a secp256k1 private key
     */
    public static KeyPair decryptKeyPair(Object file, String password) throws KeystoreException {
        byte[] secret = decrypt(file, password);
        if (secret.length > 32) {
            throw new KeystoreException("the decrypted secret has " + secret.length + " bytes, more than a private key");
        }
        byte[] key = new byte[32];
        System.arraycopy(secret, 0, key, 32 - secret.length, secret.length);
        Arrays.fill(secret, (byte) 0);
        try {
            return KeyPair.fromPrivateKey(key);
        } catch (InvalidKeyException e) {
            throw new KeystoreException("the decrypted secret is not a valid private key", e);
        } finally {
            Arrays.fill(key, (byte) 0);
        }
    }

    private static byte[] scrypt(byte[] password, byte[] salt, int n, int r, int p) {
        return Scrypt.derive(password, salt, n, r, p, DERIVED_KEY_LENGTH);
    }

    private static byte[] pbkdf2(byte[] password, byte[] salt, int iterations) {
        PKCS5S2ParametersGenerator generator = new PKCS5S2ParametersGenerator(new SHA256Digest());
        generator.init(password, salt, iterations);
        return ((KeyParameter) generator.generateDerivedParameters(DERIVED_KEY_LENGTH * 8)).getKey();
    }

    private static byte[] aes128Ctr(byte[] derivedKey, byte[] iv, byte[] input) {
        SICBlockCipher ctr = (SICBlockCipher) SICBlockCipher.newInstance(AESEngine.newInstance());
        ctr.init(true, new ParametersWithIV(new KeyParameter(derivedKey, 0, 16), iv));
        byte[] out = new byte[input.length];
        ctr.processBytes(input, 0, input.length, out, 0);
        return out;
    }

    private static byte[] mac(byte[] derivedKey, byte[] ciphertext) {
        byte[] macInput = new byte[16 + ciphertext.length];
        System.arraycopy(derivedKey, 16, macInput, 0, 16);
        System.arraycopy(ciphertext, 0, macInput, 16, ciphertext.length);
        return Keccak.keccak256(macInput);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> object(Object value) {
        return value instanceof Map<?, ?> map ? (Map<String, Object>) map : null;
    }

    private static Object field(Map<String, Object> node, String field) {
        return node == null ? null : node.get(field);
    }

    private static String text(Map<String, Object> node, String field) throws KeystoreException {
        if (!(field(node, field) instanceof String value)) {
            throw new KeystoreException("key file field " + field + " is missing or not a string");
        }
        return value.toLowerCase(Locale.ROOT);
    }

    private static byte[] hex(Map<String, Object> node, String field) throws KeystoreException {
        String text = text(node, field);
        try {
            return Hex.decode(text.startsWith("0x") ? text.substring(2) : text);
        } catch (DecoderException e) {
            throw new KeystoreException("key file field " + field + " is not hex");
        }
    }

    private static int number(Map<String, Object> node, String field) throws KeystoreException {
        Object value = field(node, field);
        if (!(value instanceof Integer || value instanceof Long || value instanceof BigInteger)
                || ((Number) value).longValue() != ((Number) value).intValue()
                || value instanceof BigInteger big && big.bitLength() > 31) {
            throw new KeystoreException("key file field " + field + " is missing or not a 32-bit number");
        }
        return ((Number) value).intValue();
    }

    private static String uuidString(byte[] b) {
        BigInteger high = new BigInteger(1, Arrays.copyOfRange(b, 0, 8));
        BigInteger low = new BigInteger(1, Arrays.copyOfRange(b, 8, 16));
        return new UUID(high.longValue(), low.longValue()).toString();
    }
}
