package org.quorumee.node.privacy.keys;

import java.io.IOException;
import java.security.AuthProvider;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.security.Provider;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.logging.Logger;
import javax.crypto.Cipher;
import javax.crypto.KeyGenerator;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.security.auth.login.LoginException;
import org.quorumee.core.privacy.BoxPublicKey;
import org.quorumee.core.privacy.enclave.BoxKeyPair;

/**
 * Seals enclave private keys with an AES-256 key that lives in a PKCS#11 token and cannot leave it
 * (SunPKCS11; Curve25519 keys themselves cannot be held by the token). AES-GCM with a fresh 96-bit
 * IV, the public key as associated data, so a wrapped key cannot be passed off as another's. The
 * plain private key exists only in this process's memory, on its way to the enclave.
 */
public final class Pkcs11KeyWrapper implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(Pkcs11KeyWrapper.class.getName());
    private static final int IV_LENGTH = 12;
    private static final int TAG_BITS = 128;

    private final Provider provider;
    private final KeyStore keyStore;
    private final SecureRandom random = new SecureRandom();

    private Pkcs11KeyWrapper(Provider provider, KeyStore keyStore) {
        this.provider = provider;
        this.keyStore = keyStore;
    }

    /** Logs in to the token. */
    public static Pkcs11KeyWrapper open(Pkcs11Settings settings) {
        Provider base = java.security.Security.getProvider("SunPKCS11");
        if (base == null) {
            throw new IllegalStateException("this JDK has no SunPKCS11 provider");
        }
        Provider provider;
        try {
            provider = base.configure(settings.providerConfiguration());
        } catch (RuntimeException e) {
            throw new IllegalStateException("cannot open the PKCS#11 token (library " + settings.library() + ", slot index "
                    + settings.slotListIndex() + "): " + e.getMessage(), e);
        }
        char[] pin = settings.pin();
        try {
            KeyStore keyStore = KeyStore.getInstance("PKCS11", provider);
            keyStore.load(null, pin);
            return new Pkcs11KeyWrapper(provider, keyStore);
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot log in to the PKCS#11 token (slot index " + settings.slotListIndex()
                    + "; wrong PIN?): " + e.getMessage(), e);
        } finally {
            Arrays.fill(pin, '\0');
        }
    }

    /** Whether the token holds a secret key of this label. */
    public boolean hasKey(String label) {
        try {
            return keyStore.isKeyEntry(label);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot list the token's keys: " + e.getMessage(), e);
        }
    }

    /** Makes an AES-256 key of this label in the token (sensitive, not extractable), unless there is one. */
    public void ensureKey(String label) {
        if (hasKey(label)) {
            return;
        }
        try {
            KeyGenerator generator = KeyGenerator.getInstance("AES", provider);
            generator.init(256);
            SecretKey sessionKey = generator.generateKey();
            // stored as a token object under the label; the generated session object goes with the session
            keyStore.setEntry(label, new KeyStore.SecretKeyEntry(sessionKey), null);
            LOG.info(() -> "made the AES-256 wrapping key '" + label + "' in the PKCS#11 token");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot make the AES key '" + label + "' in the token: " + e.getMessage(), e);
        }
    }

    /** Seals a private key under the token's key of this label. */
    public PrivateKeyFile.Pkcs11Wrapped wrap(BoxKeyPair pair, String label) {
        byte[] iv = new byte[IV_LENGTH];
        random.nextBytes(iv);
        byte[] privateKey = pair.privateKey();
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding", provider);
            cipher.init(Cipher.ENCRYPT_MODE, key(label), new GCMParameterSpec(TAG_BITS, iv));
            cipher.updateAAD(pair.publicKey().bytes());
            return new PrivateKeyFile.Pkcs11Wrapped(label, iv, cipher.doFinal(privateKey));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the token cannot seal with key '" + label + "': " + e.getMessage(), e);
        } finally {
            Arrays.fill(privateKey, (byte) 0);
        }
    }

    /**
     * Opens a wrapped private key of this public key.
     *
     * @throws IllegalStateException if the token's key does not open it (another key, another public
     *     key, or a changed file)
     */
    public byte[] unwrap(PrivateKeyFile.Pkcs11Wrapped wrapped, BoxPublicKey publicKey) {
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding", provider);
            cipher.init(Cipher.DECRYPT_MODE, key(wrapped.keyLabel()), new GCMParameterSpec(TAG_BITS, wrapped.iv()));
            cipher.updateAAD(publicKey.bytes());
            return cipher.doFinal(wrapped.wrapped());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the token's key '" + wrapped.keyLabel() + "' does not open the private key of "
                    + publicKey + " (another token or key, or a changed key file)", e);
        }
    }

    private Key key(String label) throws GeneralSecurityException {
        Key key = keyStore.getKey(label, null);
        if (key == null) {
            throw new IllegalStateException("the PKCS#11 token holds no key labelled '" + label + "'");
        }
        return key;
    }

    /** Logs out of the token. */
    @Override
    public void close() {
        if (provider instanceof AuthProvider auth) {
            try {
                auth.logout();
            } catch (LoginException e) {
                LOG.fine(() -> "PKCS#11 logout: " + e.getMessage());
            }
        }
    }
}
