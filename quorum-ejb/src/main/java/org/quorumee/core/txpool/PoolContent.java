package org.quorumee.core.txpool;

import java.util.List;
import java.util.SortedMap;
import org.quorumee.core.tx.Transaction;
import org.quorumee.core.types.Address;

/**
 * A snapshot of the pool, as {@code txpool_content} reports it: per sender (in address order), the
 * pending and the queued transactions in nonce order. Senders with none of a kind are absent from
 * that map. Unmodifiable.
 */
public record PoolContent(SortedMap<Address, List<Transaction>> pending,
                          SortedMap<Address, List<Transaction>> queued) {
}
