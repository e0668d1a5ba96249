package org.quorumee.node.privacy.keys;

import java.util.ArrayList;
import java.util.List;
import org.quorumee.core.privacy.BoxPublicKey;
import org.quorumee.core.privacy.enclave.BoxKeyPair;
import org.quorumee.core.privacy.enclave.EnclaveKeyProvider;

/**
 * Enclave keys from key files whose private keys are wrapped by an AES key inside a PKCS#11 token:
 * each is unwrapped through the token when the keys are loaded, straight into the pairs handed to the
 * enclave; the plain key is never written anywhere.
 */
public final class Pkcs11KeyProvider implements EnclaveKeyProvider {
    private final KeyDirectory directory;
    private final Pkcs11Settings settings;

    public Pkcs11KeyProvider(KeyDirectory directory, Pkcs11Settings settings) {
        this.directory = directory;
        this.settings = settings;
    }

    @Override
    public List<BoxKeyPair> loadKeys() {
        List<String> names = directory.names();
        if (names.isEmpty()) {
            throw new IllegalStateException("no enclave key (<name>.pub and <name>.key) in " + directory.folder());
        }
        List<BoxKeyPair> pairs = new ArrayList<>();
        try (Pkcs11KeyWrapper token = Pkcs11KeyWrapper.open(settings)) {
            for (String name : names) {
                BoxPublicKey publicKey = KeyFiles.readPublicKey(directory.publicKeyFile(name));
                PrivateKeyFile file = KeyFiles.readPrivateKey(directory.privateKeyFile(name));
                if (!(file instanceof PrivateKeyFile.Pkcs11Wrapped wrapped)) {
                    throw new IllegalStateException("the PKCS#11 option is on, but " + directory.privateKeyFile(name)
                            + " is not wrapped by the token; keys must all be kept one way");
                }
                pairs.add(FileKeyProvider.matching(name, publicKey, token.unwrap(wrapped, publicKey), directory));
            }
        }
        return pairs;
    }
}
