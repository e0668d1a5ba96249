package org.quorumee.node.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.InputStream;

/**
 * JSON files the core reads (genesis, key files) as plain trees: maps (in file order), lists,
 * strings, whole numbers ({@code Integer}, {@code Long} or {@code BigInteger}), decimals
 * ({@code BigDecimal}), booleans and nulls. The core takes such trees and never parses JSON itself;
 * this is where Jackson does it.
 */
public final class JsonTree {
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private JsonTree() {
    }

    /** Thrown for text that is not one JSON document; the message says where, never echoes it whole. */
    public static final class MalformedJsonException extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        MalformedJsonException(JsonProcessingException cause) {
            super("not valid JSON: " + cause.getOriginalMessage()
                    + (cause.getLocation() == null ? "" : " (line " + cause.getLocation().getLineNr()
                            + ", column " + cause.getLocation().getColumnNr() + ")"), cause);
        }
    }

    /** The tree of a JSON document's text. */
    public static Object parse(String json) {
        try {
            return JSON.readValue(json, Object.class);
        } catch (JsonProcessingException e) {
            throw new MalformedJsonException(e);
        }
    }

    /** The tree of a JSON document read from {@code in} (not closed). */
    public static Object parse(InputStream in) throws IOException {
        try {
            return JSON.readValue(in, Object.class);
        } catch (JsonProcessingException e) {
            throw new MalformedJsonException(e);
        }
    }

    /** The plain tree of a Jackson tree (tests and callers that build JSON with Jackson's nodes). */
    public static Object of(JsonNode node) {
        return JSON.convertValue(node, Object.class);
    }

    /** A tree as indented JSON text. */
    public static String write(Object tree) {
        try {
            return JSON.writer(SerializationFeature.INDENT_OUTPUT).writeValueAsString(tree);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a JSON tree", e);
        }
    }
}
