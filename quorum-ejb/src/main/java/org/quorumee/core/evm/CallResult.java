package org.quorumee.core.evm;

import org.quorumee.core.types.Address;

/**
 * The outcome of a message call or creation.
 *
 * @param status how the frame ended
 * @param gasLeft gas returned to the caller (zero after an exceptional halt)
 * @param output RETURN or REVERT data (empty after an exceptional halt)
 * @param createdAddress the new contract's address after a successful creation, else null
 * @param error a short reason for an exceptional halt, else null
 */
public record CallResult(Status status, long gasLeft, byte[] output, Address createdAddress, String error) {
    private static final byte[] EMPTY = new byte[0];

    public enum Status { SUCCESS, REVERT, EXCEPTIONAL_HALT }

    public boolean isSuccess() {
        return status == Status.SUCCESS;
    }

    static CallResult success(long gasLeft, byte[] output) {
        return new CallResult(Status.SUCCESS, gasLeft, output, null, null);
    }

    /** The call did not start (depth, balance): the gas goes back to the caller. */
    static CallResult notStarted(long gasLeft, String reason) {
        return new CallResult(Status.EXCEPTIONAL_HALT, gasLeft, EMPTY, null, reason);
    }

    static CallResult halt(String reason) {
        return new CallResult(Status.EXCEPTIONAL_HALT, 0, EMPTY, null, reason);
    }
}
