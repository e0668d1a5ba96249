package org.quorumee.node.privacy.keys;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.quorumee.core.privacy.BoxPublicKey;
import org.quorumee.core.privacy.enclave.BoxKeyPair;
import org.quorumee.core.privacy.enclave.DecryptionException;
import org.quorumee.core.privacy.enclave.EnclaveKeyProvider;

/**
 * Enclave keys from Tessera key files in a folder: unlocked, or locked with the password in the
 * key's password file. Every private key must match its public key file.
 */
public final class FileKeyProvider implements EnclaveKeyProvider {
    private final KeyDirectory directory;

    public FileKeyProvider(KeyDirectory directory) {
        this.directory = directory;
    }

    @Override
    public List<BoxKeyPair> loadKeys() {
        List<BoxKeyPair> pairs = new ArrayList<>();
        for (String name : directory.names()) {
            pairs.add(load(name));
        }
        if (pairs.isEmpty()) {
            throw new IllegalStateException("no enclave key (<name>.pub and <name>.key) in " + directory.folder());
        }
        return pairs;
    }

    private BoxKeyPair load(String name) {
        BoxPublicKey publicKey = KeyFiles.readPublicKey(directory.publicKeyFile(name));
        PrivateKeyFile file = KeyFiles.readPrivateKey(directory.privateKeyFile(name));
        byte[] privateKey;
        if (file instanceof PrivateKeyFile.Unlocked unlocked) {
            privateKey = unlocked.privateKey();
        } else if (file instanceof PrivateKeyFile.Locked locked) {
            char[] password = directory.password(name).orElseThrow(() -> new IllegalStateException("the key "
                    + directory.privateKeyFile(name) + " is locked: its password belongs in " + directory.passwordFile(name)));
            try {
                privateKey = locked.key().unlock(password);
            } catch (DecryptionException e) {
                throw new IllegalStateException(directory.privateKeyFile(name) + ": " + e.getMessage(), e);
            } finally {
                Arrays.fill(password, '\0');
            }
        } else {
            throw new IllegalStateException("the key " + directory.privateKeyFile(name)
                    + " is wrapped by a PKCS#11 token: set " + Pkcs11Settings.LIBRARY + " and " + Pkcs11Settings.PIN_FILE);
        }
        return matching(name, publicKey, privateKey, directory);
    }

    static BoxKeyPair matching(String name, BoxPublicKey publicKey, byte[] privateKey, KeyDirectory directory) {
        try {
            BoxKeyPair pair = BoxKeyPair.fromPrivateKey(privateKey);
            if (!pair.publicKey().equals(publicKey)) {
                pair.destroy();
                throw new IllegalStateException("the private key " + directory.privateKeyFile(name)
                        + " does not belong to the public key " + publicKey + " in " + directory.publicKeyFile(name));
            }
            return pair;
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(directory.privateKeyFile(name) + ": " + e.getMessage(), e);
        } finally {
            Arrays.fill(privateKey, (byte) 0);
        }
    }
}
