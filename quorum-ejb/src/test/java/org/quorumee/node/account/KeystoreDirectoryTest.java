package org.quorumee.node.account;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.quorumee.core.bytes.Hex;
import org.quorumee.core.crypto.KeyPair;
import org.quorumee.core.crypto.Keystore;
import org.quorumee.core.types.Address;

class KeystoreDirectoryTest {
    /** web3.js' documented example key and the address it derives (web3.eth.accounts.privateKeyToAccount). */
    private static final byte[] WEB3_KEY = Hex.decode("0x4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318");
    private static final Address WEB3_ADDRESS = Address.fromHex("0x2c7536E3605D9C16a7a3D7b1898e529396a65c23");
    private static final SecureRandom RANDOM = new SecureRandom();

    @TempDir
    Path dir;

    @Test
    void storesGethNamedOwnerOnlyFilesThatDecryptToTheKey() throws Exception {
        MovableClock clock = new MovableClock();
        KeystoreDirectory keystore = new KeystoreDirectory(dir.resolve("keystore"), clock);
        assertEquals(List.of(), keystore.addresses(), "no folder yet: no accounts");

        Address stored = keystore.store(KeyPair.fromPrivateKey(WEB3_KEY), "pw", Keystore.LIGHT_SCRYPT, RANDOM);
        assertEquals(WEB3_ADDRESS, stored);
        Path file;
        try (Stream<Path> files = Files.list(dir.resolve("keystore"))) {
            file = files.findFirst().orElseThrow();
        }
        // geth's name: UTC--<ISO time with dashes, nanoseconds>Z--<address without 0x, lower case>
        assertEquals("UTC--2026-03-04T05-06-07.123456789Z--2c7536e3605d9c16a7a3d7b1898e529396a65c23",
                file.getFileName().toString());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        assertEquals(List.of(WEB3_ADDRESS), keystore.addresses());
        String json = keystore.keyFile(WEB3_ADDRESS).orElseThrow();
        assertArrayEquals(WEB3_KEY, KeystoreJson.decrypt(json, "pw"));
        assertTrue(keystore.keyFile(Address.ZERO).isEmpty());
    }

    @Test
    void refusesASecondFileForTheSameAccount() throws Exception {
        KeystoreDirectory keystore = new KeystoreDirectory(dir, new MovableClock());
        keystore.store(KeyPair.fromPrivateKey(WEB3_KEY), "a", Keystore.LIGHT_SCRYPT, RANDOM);
        AccountException e = assertThrows(AccountException.class,
                () -> keystore.store(KeyPair.fromPrivateKey(WEB3_KEY), "b", Keystore.LIGHT_SCRYPT, RANDOM));
        assertEquals("account already exists", e.getMessage());
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(1, files.count());
        }
    }

    @Test
    void listsKeyFilesInNameOrderAndPassesOverEverythingElse() throws Exception {
        MovableClock clock = new MovableClock();
        KeystoreDirectory keystore = new KeystoreDirectory(dir, clock);
        KeyPair second = KeyPair.fromPrivateKey(Hex.decode("0x" + "22".repeat(32)));
        KeyPair first = KeyPair.fromPrivateKey(Hex.decode("0x" + "11".repeat(32)));
        keystore.store(first, "", Keystore.LIGHT_SCRYPT, RANDOM);
        clock.advance(java.time.Duration.ofSeconds(1));
        keystore.store(second, "", Keystore.LIGHT_SCRYPT, RANDOM);
        // a file copied in by hand is seen at once; junk, hidden files and folders are passed over
        Files.writeString(dir.resolve("notes.txt"), "not a key");
        Files.writeString(dir.resolve("broken.json"), "{\"address\":\"12\"}");
        // a hidden copy of a key file (an editor's backup) would list the account twice if it were read
        Files.writeString(dir.resolve(".UTC--copy"), keystore.keyFile(first.address()).orElseThrow());
        Files.createDirectory(dir.resolve("UTC--folder"));
        assertEquals(List.of(first.address(), second.address()), keystore.addresses());
    }
}
