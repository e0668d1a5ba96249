package org.quorumee.core.types;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.quorumee.core.bytes.Hex;
import org.quorumee.core.rlp.Rlp;
import org.quorumee.core.rlp.RlpException;
import org.quorumee.core.rlp.RlpItem;

/** An event a contract emitted: {@code rlp([address, [topic...], data])}, at most four 32-byte topics. */
public record Log(Address address, List<byte[]> topics, byte[] data) {
    public static final int MAX_TOPICS = 4;

    public Log {
        if (topics.size() > MAX_TOPICS) {
            throw new IllegalArgumentException("a log has at most 4 topics, not " + topics.size());
        }
        List<byte[]> copies = new ArrayList<>(topics.size());
        for (byte[] topic : topics) {
            if (topic.length != 32) {
                throw new IllegalArgumentException("a topic is 32 bytes, not " + topic.length);
            }
            copies.add(topic.clone());
        }
        topics = List.copyOf(copies);
        data = data.clone();
    }

    /** Copies of the topics. */
    @Override
    public List<byte[]> topics() {
        return topics.stream().map(byte[]::clone).toList();
    }

    @Override
    public byte[] data() {
        return data.clone();
    }

    public byte[] encode() {
        List<byte[]> encodedTopics = new ArrayList<>(topics.size());
        for (byte[] topic : topics) {
            encodedTopics.add(Rlp.encodeBytes(topic));
        }
        return Rlp.encodeList(Rlp.encodeBytes(address.toArray()), Rlp.encodeList(encodedTopics), Rlp.encodeBytes(data));
    }

    public static Log decode(byte[] encoded) {
        return fromRlp(Rlp.decode(encoded));
    }

    /** The log of an already decoded item (a receipt's logs). */
    public static Log fromRlp(RlpItem item) {
        if (!item.isList() || item.items().size() != 3) {
            throw new RlpException("a log is an RLP list of 3 items");
        }
        List<RlpItem> topicItems = item.item(1).items();
        if (topicItems.size() > MAX_TOPICS) {
            throw new RlpException("a log has at most 4 topics, not " + topicItems.size());
        }
        List<byte[]> topics = new ArrayList<>(topicItems.size());
        for (RlpItem topic : topicItems) {
            topics.add(topic.bytes(32));
        }
        return new Log(Address.wrap(item.item(0).bytes(Address.SIZE)), topics, item.item(2).bytes());
    }

    /** The RLP list of logs, as hashed into the {@code logs} field of state tests. */
    public static byte[] encodeList(List<Log> logs) {
        List<byte[]> items = new ArrayList<>(logs.size());
        for (Log log : logs) {
            items.add(log.encode());
        }
        return Rlp.encodeList(items);
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof Log other) || !address.equals(other.address) || !Arrays.equals(data, other.data)
                || topics.size() != other.topics.size()) {
            return false;
        }
        for (int i = 0; i < topics.size(); i++) {
            if (!Arrays.equals(topics.get(i), other.topics.get(i))) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        int hash = address.hashCode() * 31 + Arrays.hashCode(data);
        for (byte[] topic : topics) {
            hash = hash * 31 + Arrays.hashCode(topic);
        }
        return hash;
    }

    @Override
    public String toString() {
        return "Log[address=" + address + ", topics=" + topics.stream().map(Hex::encode).toList()
                + ", data=" + Hex.encode(data) + "]";
    }
}
