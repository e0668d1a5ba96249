package org.quorumee.core.chain;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import org.quorumee.core.bytes.Hex;

/**
 * Reading {@code genesis.json} as GoQuorum (Go's JSON decoder) does: field names match without regard
 * to case ({@code mixhash} is {@code mixHash}), and numbers may be JSON numbers, decimal strings or
 * "0x" hex strings. The document arrives as a plain tree — maps, lists, strings, numbers, booleans,
 * nulls — parsed outside the core (the core reads no JSON itself).
 */
public final class JsonFields {
    private JsonFields() {
    }

    /** An object of the tree, or null when {@code value} is not one. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> object(Object value) {
        return value instanceof Map<?, ?> map ? (Map<String, Object>) map : null;
    }

    /** A list of the tree, or null when {@code value} is not one. */
    @SuppressWarnings("unchecked")
    public static List<Object> list(Object value) {
        return value instanceof List<?> list ? (List<Object>) list : null;
    }

    /** The field {@code name} of {@code object}, matched exactly first and then ignoring case; null if absent or null. */
    public static Object field(Object object, String name) {
        Map<String, Object> map = object(object);
        if (map == null) {
            return null;
        }
        if (map.containsKey(name)) {
            return map.get(name);
        }
        for (Map.Entry<String, Object> entry : map.entrySet()) {
            if (entry.getKey().equalsIgnoreCase(name)) {
                return entry.getValue();
            }
        }
        return null;
    }

    /** A non-negative integer, or null when the field is absent. */
    static BigInteger bigInteger(Object object, String name) {
        Object node = field(object, name);
        return node == null ? null : toBigInteger(node, name);
    }

    static BigInteger toBigInteger(Object node, String name) {
        BigInteger value;
        try {
            if (node instanceof BigInteger big) {
                value = big;
            } else if (node instanceof Long || node instanceof Integer || node instanceof Short || node instanceof Byte) {
                value = BigInteger.valueOf(((Number) node).longValue());
            } else if (node instanceof BigDecimal decimal) {
                value = decimal.toBigIntegerExact();
            } else if (node instanceof String text) {
                String trimmed = text.trim();
                if (trimmed.startsWith("0x") || trimmed.startsWith("0X")) {
                    value = trimmed.length() == 2 ? BigInteger.ZERO : new BigInteger(trimmed.substring(2), 16);
                } else {
                    value = new BigInteger(trimmed);
                }
            } else {
                throw new InvalidGenesisException(name + " must be a number, found " + node);
            }
        } catch (NumberFormatException | ArithmeticException e) {
            throw new InvalidGenesisException(name + " is not a number: " + node, e);
        }
        if (value.signum() < 0) {
            throw new InvalidGenesisException(name + " is negative: " + value);
        }
        return value;
    }

    /** A non-negative integer that fits a long, or null when absent. */
    public static Long longValue(Object object, String name) {
        BigInteger value = bigInteger(object, name);
        if (value == null) {
            return null;
        }
        if (value.bitLength() > 63) {
            throw new InvalidGenesisException(name + " is too large: " + value);
        }
        return value.longValue();
    }

    /** An unsigned 64-bit value (the header nonce), or null when absent. */
    static Long unsigned64(Object object, String name) {
        BigInteger value = bigInteger(object, name);
        if (value == null) {
            return null;
        }
        if (value.bitLength() > 64) {
            throw new InvalidGenesisException(name + " does not fit 64 bits: " + value);
        }
        return value.longValue();
    }

    /** Hex bytes, or null when absent. */
    static byte[] bytes(Object object, String name) {
        Object node = field(object, name);
        return node == null ? null : toBytes(node, name);
    }

    static byte[] toBytes(Object node, String name) {
        if (!(node instanceof String text)) {
            throw new InvalidGenesisException(name + " must be a hex string, found " + node);
        }
        return hexText(text, name);
    }

    static byte[] hexText(String text, String name) {
        try {
            return Hex.decode(text.trim());
        } catch (IllegalArgumentException e) {
            throw new InvalidGenesisException(name + " is not hex: " + e.getMessage(), e);
        }
    }

    /** Hex of at most {@code size} bytes, left-padded with zeros to exactly {@code size}; null when absent. */
    static byte[] fixedBytes(Object object, String name, int size) {
        Object node = field(object, name);
        return node == null ? null : toFixedBytes(node, name, size);
    }

    static byte[] toFixedBytes(Object node, String name, int size) {
        return leftPad(toBytes(node, name), name, size);
    }

    /** {@code raw} left-padded with zeros to {@code size} bytes (GoQuorum accepts short hex for hashes). */
    static byte[] leftPad(byte[] raw, String name, int size) {
        if (raw.length > size) {
            throw new InvalidGenesisException(name + " has " + raw.length + " bytes, at most " + size + " expected");
        }
        byte[] out = new byte[size];
        System.arraycopy(raw, 0, out, size - raw.length, raw.length);
        return out;
    }

    public static boolean bool(Object object, String name) {
        Object node = field(object, name);
        if (node == null) {
            return false;
        }
        if (!(node instanceof Boolean b)) {
            throw new InvalidGenesisException(name + " must be true or false, found " + node);
        }
        return b;
    }
}
