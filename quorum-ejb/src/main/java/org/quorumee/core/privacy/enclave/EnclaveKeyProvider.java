package org.quorumee.core.privacy.enclave;

import java.util.List;

/**
 * Where the enclave's keys come from: key files (plain, or locked with a password), or key files
 * whose private keys are wrapped by a key that stays inside a PKCS#11 token. The provider hands the
 * unwrapped pairs to the enclave and keeps no copy.
 */
public interface EnclaveKeyProvider {
    /**
     * The node's key pairs, the default (sending) key first.
     *
     * @throws IllegalStateException if a key cannot be read or unlocked
     */
    List<BoxKeyPair> loadKeys();
}
