package org.quorumee.core.bytes;

/** Hexadecimal text of byte arrays, as Ethereum writes it ("0x"-prefixed, lower case). */
public final class Hex {
    private static final char[] DIGITS = "0123456789abcdef".toCharArray();

    private Hex() {
    }

    /** "0x" followed by two lower-case digits per byte. */
    public static String encode(byte[] bytes) {
        return "0x" + encodeNoPrefix(bytes);
    }

    public static String encodeNoPrefix(byte[] bytes) {
        char[] out = new char[bytes.length * 2];
        for (int i = 0; i < bytes.length; i++) {
            out[2 * i] = DIGITS[(bytes[i] >> 4) & 0xf];
            out[2 * i + 1] = DIGITS[bytes[i] & 0xf];
        }
        return new String(out);
    }

    /**
     * Decodes hex text with or without "0x"; an odd number of digits is read as if a leading zero
     * were there (as the fixtures and JSON-RPC quantities need).
     *
     * @throws IllegalArgumentException on any character that is not a hex digit
     */
    public static byte[] decode(String text) {
        int start = text.startsWith("0x") || text.startsWith("0X") ? 2 : 0;
        int digits = text.length() - start;
        byte[] out = new byte[(digits + 1) / 2];
        int pos = start;
        int i = 0;
        if (digits % 2 == 1) {
            out[i++] = (byte) digit(text, pos++);
        }
        while (pos < text.length()) {
            out[i++] = (byte) ((digit(text, pos) << 4) | digit(text, pos + 1));
            pos += 2;
        }
        return out;
    }

    private static int digit(String text, int pos) {
        int d = Character.digit(text.charAt(pos), 16);
        if (d < 0) {
            throw new IllegalArgumentException("not a hex digit at " + pos + ": '" + text.charAt(pos) + "'");
        }
        return d;
    }
}
