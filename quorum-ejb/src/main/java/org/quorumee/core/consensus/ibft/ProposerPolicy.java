package org.quorumee.core.consensus.ibft;

/** How the proposer moves between blocks (genesis {@code policy}: 0 or 1). */
public enum ProposerPolicy {
    /** 0: the next validator after the last block's proposer, then one more per round. */
    ROUND_ROBIN(0),
    /** 1: the last block's proposer again, moving only on round changes. */
    STICKY(1);

    private final int id;

    ProposerPolicy(int id) {
        this.id = id;
    }

    /** The number genesis files and {@code istanbul_getSnapshot} use. */
    public int id() {
        return id;
    }

    /** @throws IllegalArgumentException for an id other than 0 or 1 */
    public static ProposerPolicy fromId(long id) {
        for (ProposerPolicy p : values()) {
            if (p.id == id) {
                return p;
            }
        }
        throw new IllegalArgumentException("unknown proposer policy " + id + " (0 = round robin, 1 = sticky)");
    }
}
