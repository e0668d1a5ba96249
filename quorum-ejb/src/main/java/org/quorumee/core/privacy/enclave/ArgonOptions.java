package org.quorumee.core.privacy.enclave;

/**
 * Argon2 parameters of a locked key file ({@code aopts}): the variant ({@code "i"}, {@code "id"} or
 * {@code "d"}), memory in KiB, iterations, lanes, and the Argon2 version (0x13, "1.3", unless the file
 * says "1.0").
 */
public record ArgonOptions(String variant, int memory, int iterations, int parallelism, int version) {
    /** Argon2 version 1.3 (0x13), what libargon2 and Tessera use. */
    public static final int VERSION_13 = 0x13;
    /** Argon2 version 1.0 (0x10), for a key file whose options say {@code "version": "1.0"}. */
    public static final int VERSION_10 = 0x10;

    /**
     * What new locked keys get: Argon2id, 64 MiB, 3 passes, 4 lanes (RFC 9106's second recommended
     * setting). Tessera's own default (1 GiB, 10 passes) is read but not written: it would need a
     * gigabyte of heap in every node that starts.
     */
    public static final ArgonOptions DEFAULT = new ArgonOptions("id", 65536, 3, 4, VERSION_13);

    public ArgonOptions {
        if (!"i".equals(variant) && !"id".equals(variant) && !"d".equals(variant)) {
            throw new IllegalArgumentException("unknown Argon2 variant '" + variant + "' (i, id or d)");
        }
        if (parallelism < 1 || iterations < 1 || memory < 8 * parallelism) {
            throw new IllegalArgumentException("Argon2 needs iterations >= 1, parallelism >= 1 and memory >= 8 KiB per lane");
        }
        if (version != VERSION_10 && version != VERSION_13) {
            throw new IllegalArgumentException("unknown Argon2 version 0x" + Integer.toHexString(version));
        }
    }

    /** Options at version 1.3. */
    public static ArgonOptions of(String variant, int memory, int iterations, int parallelism) {
        return new ArgonOptions(variant, memory, iterations, parallelism, VERSION_13);
    }
}
