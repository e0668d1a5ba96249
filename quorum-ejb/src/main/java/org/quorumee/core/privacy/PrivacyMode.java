package org.quorumee.core.privacy;

/**
 * How a private transaction protects its contract (GoQuorum's {@code privacyFlag}; Tessera's
 * {@code PrivacyMode}), with the flag value both write.
 */
public enum PrivacyMode {
    /** 0: the parties execute; nothing more is checked. The only mode the node executes today. */
    STANDARD_PRIVATE(0),
    /** 1: party protection: later transactions on the contract must come from its parties. */
    PARTY_PROTECTION(1),
    /** 2: mandatory recipients: named keys must be a party to every later transaction. */
    MANDATORY_RECIPIENTS(2),
    /** 3: private state validation: every party must reach the same state (execHash). */
    PRIVATE_STATE_VALIDATION(3);

    private final int flag;

    PrivacyMode(int flag) {
        this.flag = flag;
    }

    public int flag() {
        return flag;
    }

    /**
     * The mode of a flag value.
     *
     * @throws IllegalArgumentException for any value but 0, 1, 2 and 3
     */
    public static PrivacyMode fromFlag(int flag) {
        for (PrivacyMode mode : values()) {
            if (mode.flag == flag) {
                return mode;
            }
        }
        throw new IllegalArgumentException("unknown privacy flag " + flag + " (0 standard, 1 party protection, "
                + "2 mandatory recipients, 3 private state validation)");
    }
}
