package org.quorumee.core.txpool;

import java.math.BigInteger;
import org.quorumee.core.types.Address;

/**
 * What the pool needs to know of the head state: an account's nonce and balance. The container
 * implements it over the state at the current head; an account that does not exist has nonce 0 and
 * balance 0. Must be safe to call from several threads (the pool calls it under its own lock).
 */
public interface AccountStateReader {
    /** The account's nonce (unsigned 64-bit), 0 for an absent account. */
    long nonce(Address address);

    /** The account's balance in wei, 0 for an absent account. */
    BigInteger balance(Address address);
}
