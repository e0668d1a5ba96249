package org.quorumee.core.privacy.enclave;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.quorumee.core.bytes.Hex;

/**
 * NaCl's published vectors ("Cryptography in NaCl", section 10; the same values are libsodium's
 * tests box, box2, box_seed, scalarmult*, core1 and secretbox): Alice's and Bob's keys, their
 * shared key, and the 131-byte message boxed between them.
 */
class NaclTest {
    static final byte[] ALICE_SK = Hex.decode("77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a");
    static final byte[] ALICE_PK = Hex.decode("8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a");
    static final byte[] BOB_SK = Hex.decode("5dab087e624a8a4b79e17f8b83800ee66f3bb1292618b6fd1c2f8b27ff88e0eb");
    static final byte[] BOB_PK = Hex.decode("de9edb7d7b7dc1b4d35b61c2ece435373f8343c85b78674dadfc7e146f882b4f");
    /** The X25519 shared point of Alice and Bob. */
    static final byte[] SHARED_POINT = Hex.decode("4a5d9d5ba4ce2de1728e3bf480350f25e07e21c947d19e3376f09b3c1e161742");
    /** crypto_box_beforenm(bobpk, alicesk): HSalsa20 of the shared point ("firstkey"). */
    static final byte[] FIRST_KEY = Hex.decode("1b27556473e985d462cd51197a9a46c76009549eac6474f206c4ee0844f68389");
    static final byte[] NONCE = Hex.decode("69696ee955b62b73cd62bda875fc73d68219e0036b7a0b37");
    static final byte[] MESSAGE = Hex.decode(
            "be075fc53c81f2d5cf141316ebeb0c7b5228c52a4c62cbd44b66849b64244ffc"
            + "e5ecbaaf33bd751a1ac728d45e6c61296cdc3c01233561f41db66cce314adb31"
            + "0e3be8250c46f06dceea3a7fa1348057e2f6556ad6b1318a024a838f21af1fde"
            + "048977eb48f59ffd4924ca1c60902e52f0a089bc76897040e082f93776384864"
            + "5e0705");
    /** The box: the 16-byte authenticator, then the cipher text (NaCl's output from byte 16 on). */
    static final byte[] BOXED = Hex.decode(
            "f3ffc7703f9400e52a7dfb4b3d3305d98e993b9f48681273c29650ba32fc76ce"
            + "48332ea7164d96a4476fb8c531a1186ac0dfc17c98dce87b4da7f011ec48c972"
            + "71d2c20f9b928fe2270d6fb863d51738b48eeee314a7cc8ab932164548e526ae"
            + "90224368517acfeabd6bb3732bc0e9da99832b61ca01b6de56244a9e88d5f9b3"
            + "7973f622a43d14a6599b1f654cb45a74e355a5");
    /** A point of order 8 (libsodium's small_order_p): no box may be made with it. */
    static final byte[] SMALL_ORDER = Hex.decode("e0eb7a7c3b41b8ae1656e3faf19fc46ada098deb9c32b1fd866205165f49b800");

    @Test
    void publicKeysOfThePrivateKeys() {
        assertArrayEquals(ALICE_PK, Nacl.publicKey(ALICE_SK));
        assertArrayEquals(BOB_PK, Nacl.publicKey(BOB_SK));
    }

    @Test
    void hsalsa20OfTheSharedPointIsTheFirstKey() {
        assertArrayEquals(FIRST_KEY, Nacl.hsalsa20(SHARED_POINT, new byte[16]));
    }

    @Test
    void bothSidesComputeTheSameSharedKey() {
        assertArrayEquals(FIRST_KEY, Nacl.sharedKey(BOB_PK, ALICE_SK));
        assertArrayEquals(FIRST_KEY, Nacl.sharedKey(ALICE_PK, BOB_SK));
    }

    @Test
    void secretboxOfTheMessageUnderTheFirstKey() {
        assertArrayEquals(BOXED, Nacl.seal(MESSAGE, NONCE, FIRST_KEY));
    }

    @Test
    void bobOpensAlicesBox() {
        assertArrayEquals(MESSAGE, Nacl.open(BOXED, NONCE, Nacl.sharedKey(ALICE_PK, BOB_SK)));
    }

    @Test
    void everyChangedByteIsRefused() {
        for (int i = 0; i < BOXED.length; i++) {
            byte[] tampered = BOXED.clone();
            tampered[i] ^= 0x01;
            assertThrows(DecryptionException.class, () -> Nacl.open(tampered, NONCE, FIRST_KEY), "byte " + i);
        }
        assertThrows(DecryptionException.class, () -> Nacl.open(Arrays.copyOf(BOXED, BOXED.length - 1), NONCE, FIRST_KEY));
        assertThrows(DecryptionException.class, () -> Nacl.open(new byte[15], NONCE, FIRST_KEY));
    }

    @Test
    void aWrongKeyOrNonceIsRefused() {
        byte[] wrongKey = FIRST_KEY.clone();
        wrongKey[31] ^= (byte) 0x80;
        assertThrows(DecryptionException.class, () -> Nacl.open(BOXED, NONCE, wrongKey));
        byte[] wrongNonce = NONCE.clone();
        wrongNonce[0] ^= 1;
        assertThrows(DecryptionException.class, () -> Nacl.open(BOXED, wrongNonce, FIRST_KEY));
        // Alice's key with Bob's public key as if it were Alice's own: another shared key
        assertThrows(DecryptionException.class, () -> Nacl.open(BOXED, NONCE, Nacl.sharedKey(BOB_PK, BOB_SK)));
    }

    @Test
    void aSmallOrderPublicKeyGivesNoSharedKey() {
        assertThrows(DecryptionException.class, () -> Nacl.sharedKey(SMALL_ORDER, ALICE_SK));
        assertThrows(DecryptionException.class, () -> Nacl.sharedKey(new byte[32], BOB_SK));
    }

    @Test
    void anEmptyMessageSealsToItsAuthenticatorAlone() {
        byte[] sealed = Nacl.seal(new byte[0], NONCE, FIRST_KEY);
        assertArrayEquals(new byte[0], Nacl.open(sealed, NONCE, FIRST_KEY));
        assertEquals(Nacl.MAC_LENGTH, sealed.length);
    }

    @Test
    void wrongLengthsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> Nacl.seal(MESSAGE, new byte[23], FIRST_KEY));
        assertThrows(IllegalArgumentException.class, () -> Nacl.seal(MESSAGE, NONCE, new byte[31]));
        assertThrows(IllegalArgumentException.class, () -> Nacl.sharedKey(new byte[33], ALICE_SK));
        assertThrows(IllegalArgumentException.class, () -> Nacl.publicKey(new byte[16]));
    }
}
