package org.quorumee.node.privacy.keys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.quorumee.core.privacy.BoxPublicKey;
import org.quorumee.core.privacy.enclave.ArgonOptions;
import org.quorumee.core.privacy.enclave.BoxKeyPair;
import org.quorumee.node.privacy.SecureRandomSource;

class FileKeyProviderTest {
    private static final ArgonOptions FAST = ArgonOptions.of("id", 1024, 1, 1);

    @TempDir
    Path folder;

    @Test
    void unlockedAndLockedKeysLoadTheDefaultFirst() throws Exception {
        KeyDirectory directory = new KeyDirectory(folder);
        BoxPublicKey zeta = KeyGenerator.generate(directory, "a-second", Optional.empty(), FAST, new SecureRandomSource());
        BoxPublicKey locked = KeyGenerator.generate(directory, "tm", Optional.of("pässword".toCharArray()), FAST,
                new SecureRandomSource());
        Files.writeString(directory.passwordFile("tm"), "pässword\n");
        List<BoxKeyPair> pairs = new FileKeyProvider(directory).loadKeys();
        assertEquals(List.of(locked, zeta), pairs.stream().map(BoxKeyPair::publicKey).toList());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(directory.privateKeyFile("tm"))));
        assertTrue(Files.readString(directory.privateKeyFile("tm")).contains("argon2sbox"));
        assertTrue(Files.readString(directory.privateKeyFile("a-second")).contains("unlocked"));
    }

    @Test
    void aLockedKeyNeedsItsPassword() {
        KeyDirectory directory = new KeyDirectory(folder);
        KeyGenerator.generate(directory, "tm", Optional.of("right".toCharArray()), FAST, new SecureRandomSource());
        IllegalStateException missing = assertThrows(IllegalStateException.class, () -> new FileKeyProvider(directory).loadKeys());
        assertTrue(missing.getMessage().contains("tm.password"), missing.getMessage());
    }

    @Test
    void aWrongPasswordIsRefused() throws Exception {
        KeyDirectory directory = new KeyDirectory(folder);
        KeyGenerator.generate(directory, "tm", Optional.of("right".toCharArray()), FAST, new SecureRandomSource());
        Files.writeString(directory.passwordFile("tm"), "wrong");
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> new FileKeyProvider(directory).loadKeys());
        assertTrue(e.getMessage().contains("password"), e.getMessage());
    }

    @Test
    void aPrivateKeyMustMatchItsPublicKey() throws Exception {
        KeyDirectory directory = new KeyDirectory(folder);
        KeyGenerator.generate(directory, "tm", Optional.empty(), FAST, new SecureRandomSource());
        KeyGenerator.generate(directory, "other", Optional.empty(), FAST, new SecureRandomSource());
        Files.copy(directory.publicKeyFile("other"), directory.publicKeyFile("tm"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> new FileKeyProvider(directory).loadKeys());
        assertTrue(e.getMessage().contains("does not belong"), e.getMessage());
    }

    @Test
    void keysAreNeverOverwrittenAndAFolderWithoutKeysIsAnError() {
        KeyDirectory directory = new KeyDirectory(folder);
        assertThrows(IllegalStateException.class, () -> new FileKeyProvider(directory).loadKeys());
        KeyGenerator.generate(directory, "tm", Optional.empty(), FAST, new SecureRandomSource());
        assertThrows(IllegalStateException.class,
                () -> KeyGenerator.generate(directory, "tm", Optional.empty(), FAST, new SecureRandomSource()));
        assertThrows(IllegalArgumentException.class,
                () -> KeyGenerator.generate(directory, "../x", Optional.empty(), FAST, new SecureRandomSource()));
    }
}
