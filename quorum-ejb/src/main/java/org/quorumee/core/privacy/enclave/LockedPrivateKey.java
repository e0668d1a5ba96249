package org.quorumee.core.privacy.enclave;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * A private key locked with a password, as Tessera's {@code argon2sbox} key files hold it: the
 * password stretched by Argon2 with a random salt ({@code asalt}) into a 32-byte key, which seals
 * the private key with a random nonce ({@code snonce}) as NaCl's secretbox ({@code sbox}).
 */
public record LockedPrivateKey(byte[] snonce, byte[] asalt, byte[] sbox, ArgonOptions options) {
    /** Salt length of new locked keys, as Tessera writes them. */
    public static final int SALT_LENGTH = 32;

    public LockedPrivateKey {
        snonce = snonce.clone();
        asalt = asalt.clone();
        sbox = sbox.clone();
    }

    /** Locks a private key under a password with fresh salt and nonce. */
    public static LockedPrivateKey lock(byte[] privateKey, char[] password, ArgonOptions options, RandomSource random) {
        byte[] salt = random.bytes(SALT_LENGTH);
        byte[] nonce = random.bytes(Nacl.NONCE_LENGTH);
        byte[] key = stretch(password, salt, options);
        try {
            return new LockedPrivateKey(nonce, salt, Nacl.seal(privateKey, nonce, key), options);
        } finally {
            Arrays.fill(key, (byte) 0);
        }
    }

    /**
     * The private key.
     *
     * @throws DecryptionException if the password is wrong (or the file was changed)
     */
    public byte[] unlock(char[] password) {
        byte[] key = stretch(password, asalt, options);
        try {
            return Nacl.open(sbox, snonce, key);
        } catch (DecryptionException e) {
            throw new DecryptionException("the password does not unlock the key (or the key file was changed)");
        } finally {
            Arrays.fill(key, (byte) 0);
        }
    }

    /** Argon2 of the password's UTF-8 bytes (as argon2-jvm hashes a char[]), 32 bytes out. */
    static byte[] stretch(char[] password, byte[] salt, ArgonOptions options) {
        int type = switch (options.variant()) {
            case "i" -> Argon2Parameters.ARGON2_i;
            case "d" -> Argon2Parameters.ARGON2_d;
            default -> Argon2Parameters.ARGON2_id;
        };
        Argon2Parameters parameters = new Argon2Parameters.Builder(type)
                .withVersion(options.version())
                .withSalt(salt)
                .withMemoryAsKB(options.memory())
                .withIterations(options.iterations())
                .withParallelism(options.parallelism())
                .build();
        Argon2BytesGenerator generator = new Argon2BytesGenerator();
        generator.init(parameters);
        byte[] passwordBytes = utf8(password);
        byte[] out = new byte[Nacl.KEY_LENGTH];
        try {
            generator.generateBytes(passwordBytes, out);
        } finally {
            Arrays.fill(passwordBytes, (byte) 0);
        }
        return out;
    }

    private static byte[] utf8(char[] password) {
        ByteBuffer encoded = StandardCharsets.UTF_8.encode(CharBuffer.wrap(password));
        byte[] out = new byte[encoded.remaining()];
        encoded.get(out);
        if (encoded.hasArray()) {
            Arrays.fill(encoded.array(), (byte) 0);
        }
        return out;
    }

    @Override
    public byte[] snonce() {
        return snonce.clone();
    }

    @Override
    public byte[] asalt() {
        return asalt.clone();
    }

    @Override
    public byte[] sbox() {
        return sbox.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LockedPrivateKey other && Arrays.equals(snonce, other.snonce)
                && Arrays.equals(asalt, other.asalt) && Arrays.equals(sbox, other.sbox) && options.equals(other.options);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(sbox);
    }

    @Override
    public String toString() {
        return "LockedPrivateKey{" + options + "}";
    }
}
