package org.quorumee.node.chain;

/**
 * What became of a block handed to the {@link BlockImporter}.
 *
 * @param status what happened
 * @param block the stored block when {@link Status#IMPORTED}, else null
 * @param reason why it was not imported (null when imported)
 */
public record ImportResult(Status status, StoredBlock block, String reason) {

    public enum Status {
        /** Executed, stored, and now the head. */
        IMPORTED,
        /** Already stored: nothing done (a duplicate delivery). */
        ALREADY_KNOWN,
        /**
         * Its parent is not the head: not applied. Raft's block race rule makes such an entry a no-op
         * on every node; sync asks for the missing parents first.
         */
        NOT_EXTENDING,
        /** It breaks a rule (header, body, execution outcome or the engine's seals): nothing stored. */
        INVALID
    }

    static ImportResult imported(StoredBlock block) {
        return new ImportResult(Status.IMPORTED, block, null);
    }

    static ImportResult refused(Status status, String reason) {
        return new ImportResult(status, null, reason);
    }

    public boolean isImported() {
        return status == Status.IMPORTED;
    }
}
