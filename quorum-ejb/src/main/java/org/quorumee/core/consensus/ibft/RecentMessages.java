package org.quorumee.core.consensus.ibft;

import java.util.LinkedHashSet;
import java.util.Iterator;
import org.quorumee.core.bytes.Hex;
import org.quorumee.core.crypto.Keccak;

/** The hashes of the last {@code capacity} messages seen, oldest forgotten first. */
final class RecentMessages {
    private final int capacity;
    private final LinkedHashSet<String> seen = new LinkedHashSet<>();

    RecentMessages(int capacity) {
        this.capacity = capacity;
    }

    /** Records the message; false when it was already seen. */
    boolean add(byte[] message) {
        if (capacity == 0) {
            return true;
        }
        String key = Hex.encodeNoPrefix(Keccak.keccak256(message));
        if (!seen.add(key)) {
            return false;
        }
        if (seen.size() > capacity) {
            Iterator<String> it = seen.iterator();
            it.next();
            it.remove();
        }
        return true;
    }
}
