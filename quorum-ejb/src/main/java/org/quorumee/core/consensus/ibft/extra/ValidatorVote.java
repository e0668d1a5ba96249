package org.quorumee.core.consensus.ibft.extra;

import java.util.Objects;
import org.quorumee.core.types.Address;

/**
 * A vote carried by a block: add ({@code authorize}) or drop {@code recipient} from the validators.
 * IBFT writes it into the header (coinbase = recipient, nonce all ones = add, zero = drop); QBFT
 * into its extraData as {@code [recipient, 0xff | 0x00]}.
 */
public record ValidatorVote(Address recipient, boolean authorize) {
    /** QBFT's vote type byte for "add". */
    public static final int ADD = 0xff;
    /** QBFT's vote type byte for "drop" (RLP: the empty string, as a zero scalar). */
    public static final int DROP = 0x00;
    /** IBFT's header nonce for "add". */
    public static final long IBFT_NONCE_ADD = -1L;
    /** IBFT's header nonce for "drop" (also the nonce of a block without a vote). */
    public static final long IBFT_NONCE_DROP = 0L;

    public ValidatorVote {
        Objects.requireNonNull(recipient, "recipient");
    }
}
