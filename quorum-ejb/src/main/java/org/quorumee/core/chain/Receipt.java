package org.quorumee.core.chain;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.quorumee.core.rlp.Rlp;
import org.quorumee.core.rlp.RlpException;
import org.quorumee.core.rlp.RlpItem;
import org.quorumee.core.types.Log;

/**
 * The outcome of one transaction: {@code rlp([status, cumulativeGasUsed, bloom, logs])}, wrapped in
 * the EIP-2718 envelope {@code type || rlp(...)} for typed transactions (type 0 is the bare list).
 * Post-Byzantium receipts only: the status is 1 for success, 0 for failure.
 */
public record Receipt(int type, boolean success, long cumulativeGasUsed, LogsBloom bloom, List<Log> logs) {
    /** The type of a legacy (untyped) transaction's receipt. */
    public static final int LEGACY_TYPE = 0;
    /** EIP-2718: a type byte is below 0x80 (above is the start of a legacy RLP list). */
    public static final int MAX_TYPE = 0x7f;

    public Receipt {
        if (type < 0 || type > MAX_TYPE) {
            throw new IllegalArgumentException("receipt type " + type + " is not 0..0x7f");
        }
        if (cumulativeGasUsed < 0) {
            throw new IllegalArgumentException("cumulative gas used is negative");
        }
        logs = List.copyOf(logs);
    }

    /** The receipt with the bloom of its logs. */
    public static Receipt of(int type, boolean success, long cumulativeGasUsed, List<Log> logs) {
        return new Receipt(type, success, cumulativeGasUsed, LogsBloom.of(logs), logs);
    }

    /** The receipts root of a block: the list trie of the receipts' consensus encodings. */
    public static byte[] rootOf(List<Receipt> receipts) {
        List<byte[]> encoded = new ArrayList<>(receipts.size());
        for (Receipt receipt : receipts) {
            encoded.add(receipt.encode());
        }
        return ListRoot.of(encoded);
    }

    /** The logs bloom of a block: the union of its receipts' blooms. */
    public static LogsBloom bloomOf(List<Receipt> receipts) {
        LogsBloom bloom = LogsBloom.EMPTY;
        for (Receipt receipt : receipts) {
            bloom = bloom.or(receipt.bloom());
        }
        return bloom;
    }

    /** The consensus encoding: what the receipts trie holds under {@code rlp(index)}. */
    public byte[] encode() {
        List<byte[]> encodedLogs = new ArrayList<>(logs.size());
        for (Log log : logs) {
            encodedLogs.add(log.encode());
        }
        byte[] body = Rlp.encodeList(
                success ? Rlp.encodeLong(1) : Rlp.EMPTY_STRING,
                Rlp.encodeLong(cumulativeGasUsed),
                Rlp.encodeBytes(bloom.toArray()),
                Rlp.encodeList(encodedLogs));
        if (type == LEGACY_TYPE) {
            return body;
        }
        byte[] out = new byte[body.length + 1];
        out[0] = (byte) type;
        System.arraycopy(body, 0, out, 1, body.length);
        return out;
    }

    /**
     * Reads a consensus-encoded receipt.
     *
     * @throws RlpException on malformed input, an unknown envelope or a pre-Byzantium state root
     */
    public static Receipt decode(byte[] encoded) {
        if (encoded.length == 0) {
            throw new RlpException("empty receipt");
        }
        int first = encoded[0] & 0xff;
        int type;
        RlpItem body;
        if (first >= 0xc0) {
            type = LEGACY_TYPE;
            body = Rlp.decode(encoded);
        } else if (first >= 1 && first <= MAX_TYPE) {
            type = first;
            body = Rlp.decode(Arrays.copyOfRange(encoded, 1, encoded.length));
        } else {
            throw new RlpException("receipt starts with 0x" + Integer.toHexString(first)
                    + ": neither a type byte (0x01..0x7f) nor an RLP list");
        }
        if (!body.isList() || body.items().size() != 4) {
            throw new RlpException("a receipt is an RLP list of 4 items");
        }
        byte[] status = body.item(0).bytes();
        boolean success;
        if (status.length == 0) {
            success = false;
        } else if (status.length == 1 && status[0] == 1) {
            success = true;
        } else if (status.length == 32) {
            throw new RlpException("pre-Byzantium receipts (with a state root) are not supported");
        } else {
            throw new RlpException("receipt status must be empty or 0x01");
        }
        long cumulativeGasUsed = body.item(1).asLong();
        LogsBloom bloom = LogsBloom.wrap(body.item(2).bytes(LogsBloom.BYTES));
        List<Log> logs = new ArrayList<>();
        for (RlpItem log : body.item(3).items()) {
            logs.add(Log.fromRlp(log));
        }
        return new Receipt(type, success, cumulativeGasUsed, bloom, logs);
    }
}
