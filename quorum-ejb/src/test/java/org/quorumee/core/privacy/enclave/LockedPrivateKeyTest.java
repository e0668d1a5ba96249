package org.quorumee.core.privacy.enclave;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Base64;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LockedPrivateKeyTest {
    /** Small options: the tests run Argon2 many times. */
    private static final ArgonOptions FAST = ArgonOptions.of("id", 1024, 1, 1);

    static RandomSource seeded(long seed) {
        Random random = new Random(seed);
        return random::nextBytes;
    }

    /**
     * A locked key published with Constellation (Tessera's predecessor, whose key files Tessera
     * reads), in its test "testUnlockV0": it unlocks with password "foo". The file names no Argon2
     * version: it opens with 1.3 (0x13), the version a file without one is read as. The secretbox
     * authenticator only matches when Argon2 (variant, options, salt, UTF-8 password) and the
     * secretbox agree with the implementation that wrote the file.
     */
    @Test
    void constellationsPublishedLockedKeyOpensWithItsPassword() {
        Base64.Decoder b64 = Base64.getDecoder();
        LockedPrivateKey locked = new LockedPrivateKey(
                b64.decode("LJ7QUiZ0kD/mPf/aHvCEQKDhlUucZM0s"),
                b64.decode("I5bvdFhNpr8hlknzOHIO7Q3S5Ubs9ucUdVneghrebZQ="),
                b64.decode("iHJAfcpWWE5PsvwZRwr5gCtwMKu7xXZAAPCVRGfx06l/I5QgXs0V/czOqYsMxoEG"),
                new ArgonOptions("i", 8192, 2, 2, ArgonOptions.VERSION_13));
        assertEquals(32, locked.unlock("foo".toCharArray()).length);
        assertThrows(DecryptionException.class, () -> locked.unlock("bar".toCharArray()));
    }

    @Test
    void lockThenUnlock() {
        BoxKeyPair pair = BoxKeyPair.generate(seeded(1));
        LockedPrivateKey locked = LockedPrivateKey.lock(pair.privateKey(), "s3cret – ünïcode".toCharArray(), FAST, seeded(2));
        assertEquals(32, locked.asalt().length);
        assertEquals(24, locked.snonce().length);
        assertEquals(48, locked.sbox().length);
        assertArrayEquals(pair.privateKey(), locked.unlock("s3cret – ünïcode".toCharArray()));
    }

    @Test
    void aWrongPasswordOrAChangedFileIsRefused() {
        byte[] privateKey = BoxKeyPair.generate(seeded(3)).privateKey();
        LockedPrivateKey locked = LockedPrivateKey.lock(privateKey, "right".toCharArray(), FAST, seeded(4));
        assertThrows(DecryptionException.class, () -> locked.unlock("wrong".toCharArray()));
        byte[] salt = locked.asalt();
        salt[0] ^= 1;
        LockedPrivateKey otherSalt = new LockedPrivateKey(locked.snonce(), salt, locked.sbox(), FAST);
        assertThrows(DecryptionException.class, () -> otherSalt.unlock("right".toCharArray()));
        LockedPrivateKey otherOptions = new LockedPrivateKey(locked.snonce(), locked.asalt(), locked.sbox(),
                ArgonOptions.of("i", 1024, 1, 1));
        assertThrows(DecryptionException.class, () -> otherOptions.unlock("right".toCharArray()));
    }

    /** RFC 9106, section 5.3 (Argon2id) without secret and associated data is not published; this
     *  checks the parameters reach Argon2: each one changes the stretched key. */
    @Test
    void everyOptionChangesTheStretchedKey() {
        byte[] salt = new byte[32];
        char[] password = "p".toCharArray();
        byte[] base = LockedPrivateKey.stretch(password, salt, FAST);
        for (ArgonOptions other : new ArgonOptions[] {ArgonOptions.of("i", 1024, 1, 1), ArgonOptions.of("d", 1024, 1, 1),
                ArgonOptions.of("id", 2048, 1, 1), ArgonOptions.of("id", 1024, 2, 1), ArgonOptions.of("id", 1024, 1, 2),
                new ArgonOptions("id", 1024, 1, 1, ArgonOptions.VERSION_10)}) {
            assertThrows(AssertionError.class, () -> assertArrayEquals(base, LockedPrivateKey.stretch(password, salt, other)),
                    other.toString());
        }
    }

    @Test
    void badOptionsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> ArgonOptions.of("x", 1024, 1, 1));
        assertThrows(IllegalArgumentException.class, () -> ArgonOptions.of("id", 4, 1, 1));
        assertThrows(IllegalArgumentException.class, () -> ArgonOptions.of("id", 1024, 0, 1));
        assertThrows(IllegalArgumentException.class, () -> new ArgonOptions("id", 1024, 1, 1, 0x12));
    }
}
