package org.quorumee.core.consensus.raft;

import java.util.List;
import java.util.Optional;

/**
 * What a node asks its driver to do, in this order (see the package documentation):
 * <ol>
 *   <li>persist {@link #snapshot()}, {@link #entries()} and {@link #hardState()} (durably when
 *   {@link #mustSync()});</li>
 *   <li>send {@link #messages()};</li>
 *   <li>install the snapshot in the application, then apply {@link #committedEntries()} in order
 *   (calling {@link RaftNode#applyConfChange} for membership entries);</li>
 *   <li>call {@link RaftNode#advance(Ready)}.</li>
 * </ol>
 *
 * @param softState        the leader and role, when they changed since the last Ready
 * @param hardState        term, vote and commit, when they changed since the last Ready
 * @param entries          entries to append to storage (they may replace a conflicting suffix)
 * @param snapshot         a snapshot received from the leader, to persist and install
 * @param committedEntries entries committed and not yet handed out, to apply in order
 * @param messages         messages to send, each to its {@link Message#to()}
 * @param mustSync         whether the hard state and entries must reach stable storage before the
 *                         messages leave (false when only the commit index moved)
 */
public record Ready(Optional<SoftState> softState, Optional<HardState> hardState, List<Entry> entries,
                    Optional<Snapshot> snapshot, List<Entry> committedEntries, List<Message> messages,
                    boolean mustSync) {

    public Ready {
        entries = List.copyOf(entries);
        committedEntries = List.copyOf(committedEntries);
        messages = List.copyOf(messages);
    }
}
