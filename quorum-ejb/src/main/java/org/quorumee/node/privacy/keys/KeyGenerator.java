package org.quorumee.node.privacy.keys;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import org.quorumee.core.privacy.BoxPublicKey;
import org.quorumee.core.privacy.enclave.ArgonOptions;
import org.quorumee.core.privacy.enclave.BoxKeyPair;
import org.quorumee.core.privacy.enclave.LockedPrivateKey;
import org.quorumee.core.privacy.enclave.RandomSource;
import org.quorumee.node.privacy.SecureRandomSource;

/**
 * Makes an enclave key pair in Tessera's file formats (Tessera's {@code -keygen}): {@code <name>.pub}
 * and {@code <name>.key}, the private key unlocked, locked with a password (Argon2id, then
 * secretbox), or wrapped by the PKCS#11 token's AES key. Existing files are never overwritten.
 *
 * <pre>
 * java -cp ... org.quorumee.node.privacy.keys.KeyGenerator OUT_DIR NAME [PASSWORD]
 * java -cp ... -Dquorum.tm.pkcs11.library=... -Dquorum.tm.pkcs11.pinFile=... \
 *      org.quorumee.node.privacy.keys.KeyGenerator --pkcs11 OUT_DIR NAME
 * </pre>
 *
 * The classpath needs quorum-ejb, Bouncy Castle and Jackson (databind, core, annotations). The
 * password of a locked key is then written by whoever runs the node into {@code NAME.password}.
 */
public final class KeyGenerator {
    private KeyGenerator() {
    }

    public static void main(String[] args) {
        boolean pkcs11 = args.length > 0 && "--pkcs11".equals(args[0]);
        String[] rest = pkcs11 ? Arrays.copyOfRange(args, 1, args.length) : args;
        if (rest.length < 2 || rest.length > 3 || (pkcs11 && rest.length != 2)) {
            System.err.println("usage: KeyGenerator OUT_DIR NAME [PASSWORD]");
            System.err.println("       KeyGenerator --pkcs11 OUT_DIR NAME   (with -D" + Pkcs11Settings.LIBRARY + " and -D"
                    + Pkcs11Settings.PIN_FILE + ")");
            System.exit(2);
        }
        KeyDirectory directory = new KeyDirectory(Path.of(rest[0]));
        String name = rest[1];
        BoxPublicKey key;
        if (pkcs11) {
            Pkcs11Settings settings = Pkcs11Settings.fromSystemProperties().orElseThrow(() -> new IllegalStateException(
                    "--pkcs11 needs -D" + Pkcs11Settings.LIBRARY + " and -D" + Pkcs11Settings.PIN_FILE));
            key = generateWrapped(directory, name, settings, new SecureRandomSource());
        } else {
            key = generate(directory, name, rest.length == 3 ? Optional.of(rest[2].toCharArray()) : Optional.empty(),
                    ArgonOptions.DEFAULT, new SecureRandomSource());
        }
        System.out.println(key.toBase64());
    }

    /** A new pair in the folder, its private key unlocked or locked with the password. */
    public static BoxPublicKey generate(KeyDirectory directory, String name, Optional<char[]> password, ArgonOptions options,
                                        RandomSource random) {
        requireAbsent(directory, name);
        BoxKeyPair pair = BoxKeyPair.generate(random);
        byte[] privateKey = pair.privateKey();
        try {
            PrivateKeyFile file = password.<PrivateKeyFile>map(p -> new PrivateKeyFile.Locked(
                    LockedPrivateKey.lock(privateKey, p, options, random))).orElseGet(() -> new PrivateKeyFile.Unlocked(privateKey));
            KeyFiles.writePrivateKey(directory.privateKeyFile(name), file);
            KeyFiles.writePublicKey(directory.publicKeyFile(name), pair.publicKey());
            return pair.publicKey();
        } finally {
            Arrays.fill(privateKey, (byte) 0);
            pair.destroy();
        }
    }

    /** A new pair in the folder, its private key wrapped by the token's key (made if the token has none). */
    public static BoxPublicKey generateWrapped(KeyDirectory directory, String name, Pkcs11Settings settings,
                                               RandomSource random) {
        requireAbsent(directory, name);
        BoxKeyPair pair = BoxKeyPair.generate(random);
        try (Pkcs11KeyWrapper token = Pkcs11KeyWrapper.open(settings)) {
            token.ensureKey(settings.keyLabel());
            KeyFiles.writePrivateKey(directory.privateKeyFile(name), token.wrap(pair, settings.keyLabel()));
            KeyFiles.writePublicKey(directory.publicKeyFile(name), pair.publicKey());
            return pair.publicKey();
        } finally {
            pair.destroy();
        }
    }

    private static void requireAbsent(KeyDirectory directory, String name) {
        if (name.isBlank() || name.contains("/") || name.contains("\\")) {
            throw new IllegalArgumentException("a key name is a plain file name, not '" + name + "'");
        }
        if (Files.exists(directory.publicKeyFile(name)) || Files.exists(directory.privateKeyFile(name))) {
            throw new IllegalStateException("a key named '" + name + "' exists in " + directory.folder() + " already");
        }
    }
}
