package org.quorumee.node.privacy;

import java.security.SecureRandom;
import org.quorumee.core.privacy.enclave.RandomSource;

/** The enclave's randomness in the node: the JDK's strong default {@link SecureRandom}. */
public final class SecureRandomSource implements RandomSource {
    private final SecureRandom random = new SecureRandom();

    @Override
    public void nextBytes(byte[] bytes) {
        random.nextBytes(bytes);
    }
}
