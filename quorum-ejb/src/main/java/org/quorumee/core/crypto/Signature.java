package org.quorumee.core.crypto;

import java.math.BigInteger;
import java.util.Arrays;

/**
 * A secp256k1 ECDSA signature with its recovery id: {@code r}, {@code s} and {@code recId} (0 or 1:
 * the parity of the y coordinate of the point R; 2 and 3 would mean R.x &ge; n, which Ethereum
 * cannot express). Immutable. Construction only checks the shape; {@link #validate(boolean)} checks
 * the ranges the protocol requires.
 */
public final class Signature {
    private final BigInteger r;
    private final BigInteger s;
    private final int recId;

    public Signature(BigInteger r, BigInteger s, int recId) {
        if (r == null || s == null) {
            throw new InvalidSignatureException("r and s are required");
        }
        if (recId < 0 || recId > 3) {
            throw new InvalidSignatureException("recovery id must be 0..3, not " + recId);
        }
        this.r = r;
        this.s = s;
        this.recId = recId;
    }

    /** Reads the 65-byte form {@code r(32) || s(32) || v}, where v is 0/1 or 27/28. */
    public static Signature fromBytes(byte[] rsv) {
        if (rsv.length != 65) {
            throw new InvalidSignatureException("a signature is 65 bytes, not " + rsv.length);
        }
        int v = rsv[64] & 0xff;
        int recId = v >= 27 ? v - 27 : v;
        if (recId > 1) {
            throw new InvalidSignatureException("v must be 0, 1, 27 or 28, not " + v);
        }
        return new Signature(new BigInteger(1, Arrays.copyOfRange(rsv, 0, 32)),
                new BigInteger(1, Arrays.copyOfRange(rsv, 32, 64)), recId);
    }

    public BigInteger r() {
        return r;
    }

    public BigInteger s() {
        return s;
    }

    /** 0 or 1 for every signature this node creates. */
    public int recId() {
        return recId;
    }

    /** True when s is in the lower half of the order (EIP-2: the only form Homestead accepts). */
    public boolean isLowS() {
        return s.compareTo(Secp256k1.HALF_N) <= 0;
    }

    /**
     * Checks 1 &le; r, s &lt; n and, when {@code requireLowS}, s &le; n/2 (transactions since Homestead;
     * the ecrecover precompile does not require it).
     *
     * @throws InvalidSignatureException naming the value out of range
     */
    public Signature validate(boolean requireLowS) {
        if (r.signum() <= 0 || r.compareTo(Secp256k1.N) >= 0) {
            throw new InvalidSignatureException("r is not in [1, n-1]");
        }
        if (s.signum() <= 0 || s.compareTo(Secp256k1.N) >= 0) {
            throw new InvalidSignatureException("s is not in [1, n-1]");
        }
        if (requireLowS && !isLowS()) {
            throw new InvalidSignatureException("s is above n/2 (not canonical, EIP-2)");
        }
        return this;
    }

    /** The 65-byte form {@code r(32) || s(32) || recId}, with recId 0 or 1. */
    public byte[] toBytes() {
        byte[] out = new byte[65];
        Secp256k1.writeUnsigned32(r, out, 0);
        Secp256k1.writeUnsigned32(s, out, 32);
        out[64] = (byte) recId;
        return out;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Signature other && recId == other.recId && r.equals(other.r) && s.equals(other.s);
    }

    @Override
    public int hashCode() {
        return (r.hashCode() * 31 + s.hashCode()) * 31 + recId;
    }

    @Override
    public String toString() {
        return "Signature{r=0x" + r.toString(16) + ", s=0x" + s.toString(16) + ", recId=" + recId + "}";
    }
}
