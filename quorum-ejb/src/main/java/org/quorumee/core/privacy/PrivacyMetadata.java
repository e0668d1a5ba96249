package org.quorumee.core.privacy;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * What a sender says about a private transaction besides its recipients: the privacy mode and what
 * that mode needs (affected contract transactions, the execution hash of state validation, mandatory
 * recipients), and the privacy group it belongs to, if any.
 *
 * @param execHash empty when there is none
 * @param privacyGroupId null when there is none
 */
public record PrivacyMetadata(PrivacyMode mode, List<AffectedTransaction> affectedContractTransactions, byte[] execHash,
                              List<BoxPublicKey> mandatoryRecipients, byte[] privacyGroupId) {

    /** Standard privacy, nothing else: what the node executes today. */
    public static final PrivacyMetadata STANDARD = new PrivacyMetadata(PrivacyMode.STANDARD_PRIVATE, List.of(),
            new byte[0], List.of(), null);

    public PrivacyMetadata {
        if (mode == null) {
            throw new IllegalArgumentException("a privacy mode is required");
        }
        affectedContractTransactions = List.copyOf(affectedContractTransactions);
        execHash = execHash == null ? new byte[0] : execHash.clone();
        mandatoryRecipients = List.copyOf(mandatoryRecipients);
        privacyGroupId = privacyGroupId == null ? null : privacyGroupId.clone();
        if (execHash.length > 0 && mode != PrivacyMode.PRIVATE_STATE_VALIDATION) {
            throw new IllegalArgumentException("an execution hash belongs to private state validation only, not " + mode);
        }
        if (!mandatoryRecipients.isEmpty() && mode != PrivacyMode.MANDATORY_RECIPIENTS) {
            throw new IllegalArgumentException("mandatory recipients belong to privacy flag 2 only, not " + mode);
        }
    }

    @Override
    public byte[] execHash() {
        return execHash.clone();
    }

    public Optional<byte[]> privacyGroup() {
        return Optional.ofNullable(privacyGroupId).map(byte[]::clone);
    }

    @Override
    public byte[] privacyGroupId() {
        return privacyGroupId == null ? null : privacyGroupId.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PrivacyMetadata other && mode == other.mode
                && affectedContractTransactions.equals(other.affectedContractTransactions)
                && Arrays.equals(execHash, other.execHash) && mandatoryRecipients.equals(other.mandatoryRecipients)
                && Arrays.equals(privacyGroupId, other.privacyGroupId);
    }

    @Override
    public int hashCode() {
        return mode.hashCode() * 31 + Arrays.hashCode(execHash);
    }

    @Override
    public String toString() {
        return "PrivacyMetadata{" + mode + ", " + affectedContractTransactions.size() + " affected, "
                + mandatoryRecipients.size() + " mandatory}";
    }
}
