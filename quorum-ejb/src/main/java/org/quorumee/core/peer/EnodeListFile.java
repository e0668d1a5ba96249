package org.quorumee.core.peer;

import java.util.ArrayList;
import java.util.List;

/**
 * The JSON of GoQuorum's {@code permissioned-nodes.json} and {@code disallowed-nodes.json}: one
 * array of enode URL strings. Reading is strict: anything but an array of valid enode URLs (JSON
 * whitespace around the tokens allowed) is refused with the reason, so that a damaged file denies
 * instead of half-permitting.
 */
public final class EnodeListFile {
    private EnodeListFile() {
    }

    /**
     * The enode URLs of a file's text, in file order.
     *
     * @throws IllegalArgumentException when the text is not a JSON array of enode URL strings
     */
    public static List<EnodeUrl> parse(String json) {
        List<String> strings = new JsonStringArray(json).parse();
        List<EnodeUrl> urls = new ArrayList<>(strings.size());
        for (int i = 0; i < strings.size(); i++) {
            try {
                urls.add(EnodeUrl.parse(strings.get(i)));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("entry " + i + ": " + e.getMessage(), e);
            }
        }
        return List.copyOf(urls);
    }

    /** The file text for these URLs: a JSON array, one URL per line, as GoQuorum's examples. */
    public static String format(List<EnodeUrl> urls) {
        if (urls.isEmpty()) {
            return "[]\n";
        }
        StringBuilder out = new StringBuilder("[\n");
        for (int i = 0; i < urls.size(); i++) {
            // Enode URLs hold no character that JSON must escape (hex, host, digits, ?&=:[]).
            out.append("  \"").append(urls.get(i)).append('"').append(i + 1 < urls.size() ? ",\n" : "\n");
        }
        return out.append("]\n").toString();
    }

    /** A strict reader of exactly one JSON array whose elements are strings. */
    private static final class JsonStringArray {
        private final String text;
        private int pos;

        JsonStringArray(String text) {
            this.text = text;
        }

        List<String> parse() {
            List<String> out = new ArrayList<>();
            skipWhitespace();
            expect('[');
            skipWhitespace();
            if (peek() == ']') {
                pos++;
            } else {
                while (true) {
                    skipWhitespace();
                    out.add(string());
                    skipWhitespace();
                    char c = next();
                    if (c == ']') {
                        break;
                    }
                    if (c != ',') {
                        throw error("',' or ']' expected");
                    }
                }
            }
            skipWhitespace();
            if (pos != text.length()) {
                throw error("text after the array");
            }
            return out;
        }

        private String string() {
            expect('"');
            StringBuilder out = new StringBuilder();
            while (true) {
                char c = next();
                if (c == '"') {
                    return out.toString();
                }
                if (c < 0x20) {
                    throw error("control character in a string");
                }
                if (c != '\\') {
                    out.append(c);
                    continue;
                }
                char e = next();
                switch (e) {
                    case '"', '\\', '/' -> out.append(e);
                    case 'b' -> out.append('\b');
                    case 'f' -> out.append('\f');
                    case 'n' -> out.append('\n');
                    case 'r' -> out.append('\r');
                    case 't' -> out.append('\t');
                    case 'u' -> {
                        if (pos + 4 > text.length()) {
                            throw error("truncated \\u escape");
                        }
                        int code = 0;
                        for (int i = 0; i < 4; i++) {
                            int d = Character.digit(text.charAt(pos++), 16);
                            if (d < 0) {
                                throw error("bad \\u escape");
                            }
                            code = code * 16 + d;
                        }
                        out.append((char) code);
                    }
                    default -> throw error("bad escape \\" + e);
                }
            }
        }

        private void skipWhitespace() {
            while (pos < text.length()) {
                char c = text.charAt(pos);
                if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
                    return;
                }
                pos++;
            }
        }

        private char peek() {
            if (pos >= text.length()) {
                throw error("unexpected end");
            }
            return text.charAt(pos);
        }

        private char next() {
            char c = peek();
            pos++;
            return c;
        }

        private void expect(char c) {
            if (next() != c) {
                pos--;
                throw error("'" + c + "' expected");
            }
        }

        private IllegalArgumentException error(String what) {
            return new IllegalArgumentException("not a JSON array of enode URLs: " + what + " at character " + pos);
        }
    }
}
