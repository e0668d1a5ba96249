package org.quorumee.core.rlp;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * One decoded RLP item: a byte string or a list. It is a view over the decoded input (no copy until
 * a value is asked for); list children are decoded on first access.
 */
public final class RlpItem {
    private final byte[] input;
    private final int start;
    private final int payloadStart;
    private final int payloadLength;
    private final boolean list;
    private List<RlpItem> children;

    RlpItem(byte[] input, int start, int payloadStart, int payloadLength, boolean list) {
        this.input = input;
        this.start = start;
        this.payloadStart = payloadStart;
        this.payloadLength = payloadLength;
        this.list = list;
    }

    public boolean isList() {
        return list;
    }

    /** The bytes of a string item. */
    public byte[] bytes() {
        if (list) {
            throw new RlpException("expected a byte string, found a list");
        }
        return Arrays.copyOfRange(input, payloadStart, payloadStart + payloadLength);
    }

    /** The bytes of a string item that must be exactly {@code size} long (hashes, addresses). */
    public byte[] bytes(int size) {
        byte[] bytes = bytes();
        if (bytes.length != size) {
            throw new RlpException("expected " + size + " bytes, found " + bytes.length);
        }
        return bytes;
    }

    /** The children of a list item. */
    public List<RlpItem> items() {
        if (!list) {
            throw new RlpException("expected a list, found a byte string");
        }
        if (children == null) {
            children = Collections.unmodifiableList(Rlp.children(input, payloadStart, end()));
        }
        return children;
    }

    /** Child {@code index} of a list item. */
    public RlpItem item(int index) {
        List<RlpItem> items = items();
        if (index < 0 || index >= items.size()) {
            throw new RlpException("list has " + items.size() + " items, item " + index + " expected");
        }
        return items.get(index);
    }

    /** A scalar that fits a signed long (nonces, gas, block numbers); canonical form only. */
    public long asLong() {
        checkScalar(8);
        if (payloadLength == 8 && input[payloadStart] < 0) {
            throw new RlpException("scalar does not fit 63 bits");
        }
        long value = 0;
        for (int i = 0; i < payloadLength; i++) {
            value = (value << 8) | (input[payloadStart + i] & 0xff);
        }
        return value;
    }

    /** A scalar of at most {@code maxBytes} bytes (32 for a 256-bit word); canonical form only. */
    public BigInteger asBigInteger(int maxBytes) {
        checkScalar(maxBytes);
        return payloadLength == 0 ? BigInteger.ZERO : new BigInteger(1, bytes());
    }

    private void checkScalar(int maxBytes) {
        if (list) {
            throw new RlpException("expected a scalar, found a list");
        }
        if (payloadLength > maxBytes) {
            throw new RlpException("scalar of " + payloadLength + " bytes exceeds " + maxBytes);
        }
        if (payloadLength > 0 && input[payloadStart] == 0) {
            throw new RlpException("scalar with a leading zero byte");
        }
    }

    /** The item's own encoding, prefix included. */
    public byte[] encoded() {
        return Arrays.copyOfRange(input, start, end());
    }

    /** Length of the item's encoding, prefix included. */
    public int encodedLength() {
        return end() - start;
    }

    /** Length of the payload: bytes of a string, or encoded children of a list. */
    public int payloadLength() {
        return payloadLength;
    }

    int end() {
        return payloadStart + payloadLength;
    }
}
