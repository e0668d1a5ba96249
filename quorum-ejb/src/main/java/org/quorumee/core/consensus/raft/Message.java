package org.quorumee.core.consensus.raft;

import java.util.List;

/**
 * A message between Raft nodes (etcd's fields, those GoQuorum's Raft uses). Which fields mean
 * something depends on the type:
 *
 * <ul>
 *   <li>{@code APPEND}: {@code index}/{@code logTerm} identify the entry before {@code entries};
 *   {@code commit} is the leader's commit index.</li>
 *   <li>{@code APPEND_RESPONSE}: accepted up to {@code index}; or {@code reject}ed, with
 *   {@code rejectHint}/{@code logTerm} naming the follower's best guess where the logs match.</li>
 *   <li>{@code VOTE}, {@code PRE_VOTE}: the candidate's last entry is ({@code index}, {@code logTerm}).</li>
 *   <li>{@code SNAPSHOT}: {@code snapshot}. {@code HEARTBEAT}: {@code commit}.</li>
 *   <li>{@code PROPOSAL}: {@code entries} without index and term.</li>
 * </ul>
 *
 * Immutable. Encoded for the wire by {@link RaftCodec}.
 *
 * @param snapshot present exactly for {@code SNAPSHOT} messages, else null
 */
public record Message(MessageType type, long from, long to, long term, long logTerm, long index, List<Entry> entries,
                      long commit, Snapshot snapshot, boolean reject, long rejectHint) {

    public Message {
        if (type == null || entries == null) {
            throw new IllegalArgumentException("a message has a type and a list of entries (maybe empty)");
        }
        if (from < 0 || to < 0 || term < 0 || logTerm < 0 || index < 0 || commit < 0 || rejectHint < 0) {
            throw new IllegalArgumentException("message numbers are unsigned");
        }
        if ((type == MessageType.SNAPSHOT) != (snapshot != null)) {
            throw new IllegalArgumentException(type == MessageType.SNAPSHOT
                    ? "a SNAPSHOT message carries a snapshot" : type + " carries no snapshot");
        }
        if (!entries.isEmpty() && type != MessageType.APPEND && type != MessageType.PROPOSAL) {
            throw new IllegalArgumentException(type + " carries no entries");
        }
        entries = List.copyOf(entries);
    }

    /** A message of {@code type} with every other field zero, empty or absent (filled by the builder methods). */
    static Message of(MessageType type, long to) {
        return new Message(type, 0, to, 0, 0, 0, List.of(), 0, null, false, 0);
    }

    /** A SNAPSHOT message (the only type that carries one). */
    static Message snapshot(long to, Snapshot snapshot) {
        return new Message(MessageType.SNAPSHOT, 0, to, 0, 0, 0, List.of(), 0, snapshot, false, 0);
    }

    Message withFrom(long value) {
        return new Message(type, value, to, term, logTerm, index, entries, commit, snapshot, reject, rejectHint);
    }

    Message withTo(long value) {
        return new Message(type, from, value, term, logTerm, index, entries, commit, snapshot, reject, rejectHint);
    }

    Message withTerm(long value) {
        return new Message(type, from, to, value, logTerm, index, entries, commit, snapshot, reject, rejectHint);
    }

    Message withLog(long newIndex, long newLogTerm) {
        return new Message(type, from, to, term, newLogTerm, newIndex, entries, commit, snapshot, reject, rejectHint);
    }

    Message withEntries(List<Entry> value) {
        return new Message(type, from, to, term, logTerm, index, value, commit, snapshot, reject, rejectHint);
    }

    Message withCommit(long value) {
        return new Message(type, from, to, term, logTerm, index, entries, value, snapshot, reject, rejectHint);
    }

    Message withReject(long hint, long hintTerm) {
        return new Message(type, from, to, term, hintTerm, index, entries, commit, snapshot, true, hint);
    }

    Message rejected() {
        return new Message(type, from, to, term, logTerm, index, entries, commit, snapshot, true, rejectHint);
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder().append(type).append(' ').append(from).append("->").append(to)
                .append(" term ").append(term);
        switch (type) {
            case APPEND -> s.append(" after ").append(index).append('@').append(logTerm)
                    .append(" entries ").append(entries.size()).append(" commit ").append(commit);
            case APPEND_RESPONSE -> s.append(reject ? " rejected " + index + " hint " + rejectHint + "@" + logTerm
                    : " index " + index);
            case VOTE, PRE_VOTE -> s.append(" last ").append(index).append('@').append(logTerm);
            case VOTE_RESPONSE, PRE_VOTE_RESPONSE -> s.append(reject ? " rejected" : " granted");
            case SNAPSHOT -> s.append(' ').append(snapshot);
            case HEARTBEAT -> s.append(" commit ").append(commit);
            case PROPOSAL -> s.append(" entries ").append(entries.size());
            default -> { }
        }
        return s.toString();
    }
}
