package org.quorumee.core.evm;

import java.util.ArrayList;
import java.util.List;
import org.quorumee.core.rlp.Rlp;
import org.quorumee.core.types.Address;

/** A log entry emitted by LOG0..LOG4: the emitting address, up to four 32-byte topics, the data. */
public record Log(Address address, List<byte[]> topics, byte[] data) {

    /** RLP of [address, [topic...], data], as receipts carry it. */
    public byte[] rlp() {
        List<byte[]> encodedTopics = new ArrayList<>(topics.size());
        for (byte[] topic : topics) {
            encodedTopics.add(Rlp.encodeBytes(topic));
        }
        return Rlp.encodeList(Rlp.encodeBytes(address.toArray()), Rlp.encodeList(encodedTopics), Rlp.encodeBytes(data));
    }

    /** RLP of the list of logs (what the state tests hash into {@code logs}). */
    public static byte[] rlpList(List<Log> logs) {
        List<byte[]> items = new ArrayList<>(logs.size());
        for (Log log : logs) {
            items.add(log.rlp());
        }
        return Rlp.encodeList(items);
    }
}
