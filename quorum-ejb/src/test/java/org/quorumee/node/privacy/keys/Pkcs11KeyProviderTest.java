package org.quorumee.node.privacy.keys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Key;
import java.security.KeyStore;
import java.security.Provider;
import java.security.Security;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.quorumee.core.bytes.Hex;
import org.quorumee.core.privacy.BoxPublicKey;
import org.quorumee.core.privacy.enclave.ArgonOptions;
import org.quorumee.core.privacy.enclave.BoxKeyPair;
import org.quorumee.node.privacy.SecureRandomSource;

/**
 * Enclave keys wrapped by an AES-256 key inside a SoftHSM2 token (made by {@link SoftHsm}): made,
 * written and read back through the token; the wrapping key cannot be extracted; the key file holds
 * no byte of the private key; wrong PIN, another label, a changed file or a swapped public key fail.
 */
class Pkcs11KeyProviderTest {
    @TempDir
    Path folder;

    @Test
    void wrappedKeysRoundTripThroughTheToken() throws Exception {
        Pkcs11Settings settings = SoftHsm.token("round-trip");
        KeyDirectory directory = new KeyDirectory(folder);
        BoxPublicKey first = KeyGenerator.generateWrapped(directory, "tm", settings, new SecureRandomSource());
        BoxPublicKey second = KeyGenerator.generateWrapped(directory, "another", settings, new SecureRandomSource());

        List<BoxKeyPair> pairs = new Pkcs11KeyProvider(directory, settings).loadKeys();
        assertEquals(List.of(first, second), pairs.stream().map(BoxKeyPair::publicKey).toList());

        // the key file holds neither the private key's bytes nor their base64
        for (BoxKeyPair pair : pairs) {
            String name = pair.publicKey().equals(first) ? "tm" : "another";
            byte[] file = Files.readAllBytes(directory.privateKeyFile(name));
            String text = new String(file, StandardCharsets.ISO_8859_1);
            assertFalse(text.contains(new String(pair.privateKey(), StandardCharsets.ISO_8859_1)));
            assertFalse(text.contains(Base64.getEncoder().encodeToString(pair.privateKey())));
            assertFalse(text.toLowerCase().contains(Hex.encodeNoPrefix(pair.privateKey())));
            assertTrue(text.contains("pkcs11-aes-gcm"), text);
        }
    }

    @Test
    void theWrappingKeyStaysInTheToken() throws Exception {
        Pkcs11Settings settings = SoftHsm.token("stays-inside");
        try (Pkcs11KeyWrapper token = Pkcs11KeyWrapper.open(settings)) {
            token.ensureKey("stays-inside");
            assertTrue(token.hasKey("stays-inside"));
        }
        Provider provider = Security.getProvider("SunPKCS11").configure(settings.providerConfiguration());
        KeyStore keyStore = KeyStore.getInstance("PKCS11", provider);
        keyStore.load(null, SoftHsm.USER_PIN.toCharArray());
        Key key = keyStore.getKey("stays-inside", null);
        assertEquals("AES", key.getAlgorithm());
        assertNull(key.getEncoded(), "the AES key must not be extractable");
    }

    @Test
    void aChangedFileOrAnotherPublicKeyIsRefused() throws Exception {
        Pkcs11Settings settings = SoftHsm.token("tamper");
        KeyDirectory directory = new KeyDirectory(folder);
        BoxPublicKey key = KeyGenerator.generateWrapped(directory, "tm", settings, new SecureRandomSource());
        PrivateKeyFile.Pkcs11Wrapped wrapped = (PrivateKeyFile.Pkcs11Wrapped) KeyFiles.readPrivateKey(directory.privateKeyFile("tm"));
        byte[] changed = wrapped.wrapped();
        changed[3] ^= 1;
        try (Pkcs11KeyWrapper token = Pkcs11KeyWrapper.open(settings)) {
            assertEquals(32, token.unwrap(wrapped, key).length);
            assertThrows(IllegalStateException.class, () -> token.unwrap(
                    new PrivateKeyFile.Pkcs11Wrapped("tamper", wrapped.iv(), changed), key));
            // the public key is the associated data: the same wrapped bytes cannot pass for another key's
            BoxPublicKey other = BoxKeyPair.generate(new SecureRandomSource()).publicKey();
            assertThrows(IllegalStateException.class, () -> token.unwrap(wrapped, other));
            IllegalStateException noKey = assertThrows(IllegalStateException.class, () -> token.unwrap(
                    new PrivateKeyFile.Pkcs11Wrapped("no-such-label", wrapped.iv(), wrapped.wrapped()), key));
            assertTrue(noKey.getMessage().contains("no-such-label"), noKey.getMessage());
        }
    }

    @Test
    void aWrongPinIsRefused() throws Exception {
        Pkcs11Settings settings = SoftHsm.token("pin");
        Path wrongPin = folder.resolve("wrong.pin");
        Files.writeString(wrongPin, "9999\n");
        Pkcs11Settings wrong = new Pkcs11Settings(settings.library(), settings.slotListIndex(), wrongPin, "pin");
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Pkcs11KeyWrapper.open(wrong));
        assertTrue(e.getMessage().contains("log in"), e.getMessage());
    }

    @Test
    void keysAreKeptOneWay() throws Exception {
        Pkcs11Settings settings = SoftHsm.token("one-way");
        KeyDirectory directory = new KeyDirectory(folder);
        KeyGenerator.generateWrapped(directory, "tm", settings, new SecureRandomSource());
        IllegalStateException fileSide = assertThrows(IllegalStateException.class, () -> new FileKeyProvider(directory).loadKeys());
        assertTrue(fileSide.getMessage().contains(Pkcs11Settings.LIBRARY), fileSide.getMessage());
        KeyGenerator.generate(directory, "plain", Optional.empty(), ArgonOptions.DEFAULT, new SecureRandomSource());
        IllegalStateException tokenSide = assertThrows(IllegalStateException.class,
                () -> new Pkcs11KeyProvider(directory, settings).loadKeys());
        assertTrue(tokenSide.getMessage().contains("not wrapped"), tokenSide.getMessage());
    }
}
