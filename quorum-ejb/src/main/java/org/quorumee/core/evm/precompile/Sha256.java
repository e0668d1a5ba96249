package org.quorumee.core.evm.precompile;

import org.bouncycastle.crypto.digests.SHA256Digest;

/** 0x02: SHA-256 of the input. Gas 60 + 12 per word. */
public final class Sha256 implements PrecompiledContract {
    @Override
    public long gasRequirement(byte[] input) {
        return 60 + 12 * InputWords.wordCount(input.length);
    }

    @Override
    public byte[] compute(byte[] input) {
        SHA256Digest digest = new SHA256Digest();
        digest.update(input, 0, input.length);
        byte[] out = new byte[32];
        digest.doFinal(out, 0);
        return out;
    }
}
