package org.quorumee.core.consensus.ibft.message;

import org.quorumee.core.chain.Block;
import org.quorumee.core.rlp.RlpItem;

/** Small checked reads shared by the message codecs. */
final class RlpReads {
    private RlpReads() {
    }

    static RlpItem list(RlpItem item, int size, String what) {
        if (!item.isList() || item.items().size() != size) {
            throw new InvalidMessageException(what + " is a list of " + size + " items");
        }
        return item;
    }

    static int round(RlpItem item) {
        long value = item.asLong();
        if (value > Integer.MAX_VALUE) {
            throw new InvalidMessageException("round " + value + " is out of range");
        }
        return (int) value;
    }

    static byte[] hash(RlpItem item) {
        return item.bytes(32);
    }

    static Block block(RlpItem item) {
        return Block.decode(item.encoded());
    }
}
