package org.quorumee.core.chain;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigInteger;
import java.util.Iterator;
import java.util.Map;
import org.quorumee.core.bytes.Hex;

/**
 * Reading {@code genesis.json} as GoQuorum (Go's JSON decoder) does: field names match without regard
 * to case ({@code mixhash} is {@code mixHash}), and numbers may be JSON numbers, decimal strings or
 * "0x" hex strings.
 */
final class JsonFields {
    private JsonFields() {
    }

    /** The field {@code name} of {@code object}, matched exactly first and then ignoring case; null if absent or null. */
    static JsonNode field(JsonNode object, String name) {
        if (object == null || !object.isObject()) {
            return null;
        }
        JsonNode exact = object.get(name);
        if (exact != null) {
            return exact.isNull() ? null : exact;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            if (entry.getKey().equalsIgnoreCase(name)) {
                return entry.getValue().isNull() ? null : entry.getValue();
            }
        }
        return null;
    }

    /** A non-negative integer, or null when the field is absent. */
    static BigInteger bigInteger(JsonNode object, String name) {
        JsonNode node = field(object, name);
        return node == null ? null : toBigInteger(node, name);
    }

    static BigInteger toBigInteger(JsonNode node, String name) {
        BigInteger value;
        try {
            if (node.isIntegralNumber()) {
                value = node.bigIntegerValue();
            } else if (node.isTextual()) {
                String text = node.asText().trim();
                if (text.startsWith("0x") || text.startsWith("0X")) {
                    value = text.length() == 2 ? BigInteger.ZERO : new BigInteger(text.substring(2), 16);
                } else {
                    value = new BigInteger(text);
                }
            } else {
                throw new InvalidGenesisException(name + " must be a number, found " + node);
            }
        } catch (NumberFormatException e) {
            throw new InvalidGenesisException(name + " is not a number: " + node, e);
        }
        if (value.signum() < 0) {
            throw new InvalidGenesisException(name + " is negative: " + value);
        }
        return value;
    }

    /** A non-negative integer that fits a long, or null when absent. */
    static Long longValue(JsonNode object, String name) {
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
    static Long unsigned64(JsonNode object, String name) {
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
    static byte[] bytes(JsonNode object, String name) {
        JsonNode node = field(object, name);
        return node == null ? null : toBytes(node, name);
    }

    static byte[] toBytes(JsonNode node, String name) {
        if (!node.isTextual()) {
            throw new InvalidGenesisException(name + " must be a hex string, found " + node);
        }
        return hexText(node.asText(), name);
    }

    static byte[] hexText(String text, String name) {
        try {
            return Hex.decode(text.trim());
        } catch (IllegalArgumentException e) {
            throw new InvalidGenesisException(name + " is not hex: " + e.getMessage(), e);
        }
    }

    /** Hex of at most {@code size} bytes, left-padded with zeros to exactly {@code size}; null when absent. */
    static byte[] fixedBytes(JsonNode object, String name, int size) {
        JsonNode node = field(object, name);
        return node == null ? null : toFixedBytes(node, name, size);
    }

    static byte[] toFixedBytes(JsonNode node, String name, int size) {
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

    static boolean bool(JsonNode object, String name) {
        JsonNode node = field(object, name);
        if (node == null) {
            return false;
        }
        if (!node.isBoolean()) {
            throw new InvalidGenesisException(name + " must be true or false, found " + node);
        }
        return node.booleanValue();
    }
}
