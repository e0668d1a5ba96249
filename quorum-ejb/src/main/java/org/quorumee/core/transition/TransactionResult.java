package org.quorumee.core.transition;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.quorumee.core.types.Address;
import org.quorumee.core.types.Log;

/**
 * The outcome of one included transaction (what a receipt and the RPC layer need).
 *
 * @param status SUCCESS, REVERT (REVERT opcode at the top frame) or FAILED (exceptional halt)
 * @param gasUsed gas charged after the refund
 * @param logs the logs of the transaction (empty unless it succeeded)
 * @param output the top frame's RETURN data, or the REVERT data
 * @param contractAddress the created contract for a successful creation, else null
 * @param error the reason of an exceptional halt, else null
 */
public record TransactionResult(Status status, long gasUsed, List<Log> logs, byte[] output, Address contractAddress,
        String error) {
    private static final byte[] ERROR_SELECTOR = {0x08, (byte) 0xc3, 0x79, (byte) 0xa0};

    public enum Status { SUCCESS, REVERT, FAILED }

    public boolean isSuccess() {
        return status == Status.SUCCESS;
    }

    /** The message of a Solidity {@code Error(string)} revert, when the revert data is one. */
    public Optional<String> revertReason() {
        return status == Status.REVERT ? revertReason(output) : Optional.empty();
    }

    /** The message of revert data that is a Solidity {@code Error(string)}. */
    public static Optional<String> revertReason(byte[] output) {
        if (output.length < 4 + 64
                || !Arrays.equals(output, 0, 4, ERROR_SELECTOR, 0, 4)) {
            return Optional.empty();
        }
        long offset = readSmall(output, 4);
        if (offset < 0 || 4 + offset + 32 > output.length) {
            return Optional.empty();
        }
        long length = readSmall(output, (int) (4 + offset));
        int start = (int) (4 + offset + 32);
        if (length < 0 || start + length > output.length) {
            return Optional.empty();
        }
        return Optional.of(new String(output, start, (int) length, StandardCharsets.UTF_8));
    }

    /** A 32-byte big-endian word that must fit in 31 bits; -1 otherwise. */
    private static long readSmall(byte[] data, int pos) {
        for (int i = pos; i < pos + 28; i++) {
            if (data[i] != 0) {
                return -1;
            }
        }
        long v = 0;
        for (int i = pos + 28; i < pos + 32; i++) {
            v = (v << 8) | (data[i] & 0xff);
        }
        return v > Integer.MAX_VALUE ? -1 : v;
    }
}
