package org.quorumee.web.rpc;

import java.math.BigInteger;
import org.quorumee.core.bytes.Hex;
import org.quorumee.core.types.Address;

/**
 * JSON-RPC's hex encodings, as go-ethereum reads and writes them: quantities are "0x" and the
 * shortest hex digits ("0x0" for zero), data is "0x" and two digits per byte.
 */
public final class Quantities {
    private static final BigInteger MAX_UINT256 = BigInteger.ONE.shiftLeft(256).subtract(BigInteger.ONE);

    private Quantities() {
    }

    public static String encode(long value) {
        return "0x" + Long.toHexString(value);
    }

    public static String encode(BigInteger value) {
        return "0x" + value.toString(16);
    }

    /** A quantity parameter: "0x", hex digits, no leading zero, at most 256 bits. */
    public static BigInteger decode(String text, String what) {
        if (text == null || !text.startsWith("0x") || text.length() == 2) {
            throw JsonRpcException.invalidParams(what + ": hex string without 0x prefix or empty: " + JsonRpcException.echo(text));
        }
        if (text.length() > 3 && text.charAt(2) == '0') {
            throw JsonRpcException.invalidParams(what + ": hex number with leading zero digits: " + JsonRpcException.echo(text));
        }
        BigInteger value;
        try {
            value = new BigInteger(text.substring(2), 16);
        } catch (NumberFormatException e) {
            throw JsonRpcException.invalidParams(what + ": invalid hex number: " + JsonRpcException.echo(text));
        }
        if (value.signum() < 0 || value.compareTo(MAX_UINT256) > 0) {
            throw JsonRpcException.invalidParams(what + ": hex number > 256 bits: " + JsonRpcException.echo(text));
        }
        return value;
    }

    /** An address parameter: "0x" and 40 hex digits, in any letter case. */
    public static Address decodeAddress(String text, String what) {
        byte[] bytes = decodeData(text, what);
        if (bytes.length != Address.SIZE) {
            throw JsonRpcException.invalidParams(what + ": an address is 20 bytes, not " + bytes.length);
        }
        return Address.wrap(bytes);
    }

    /** A 32-byte hash parameter: "0x" and 64 hex digits. */
    public static byte[] decodeHash(String text, String what) {
        byte[] bytes = decodeData(text, what);
        if (bytes.length != 32) {
            throw JsonRpcException.invalidParams(what + ": a hash is 32 bytes, not " + bytes.length);
        }
        return bytes;
    }

    /** A data parameter: "0x" and an even number of hex digits. */
    public static byte[] decodeData(String text, String what) {
        if (text == null || !text.startsWith("0x")) {
            throw JsonRpcException.invalidParams(what + ": hex string without 0x prefix: " + JsonRpcException.echo(text));
        }
        if (text.length() % 2 != 0) {
            throw JsonRpcException.invalidParams(what + ": hex string of odd length: " + JsonRpcException.echo(text));
        }
        try {
            return Hex.decode(text);
        } catch (IllegalArgumentException e) {
            throw JsonRpcException.invalidParams(what + ": invalid hex string");
        }
    }
}
