package org.quorumee.web.tm;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.quorumee.core.privacy.AffectedTransaction;
import org.quorumee.core.privacy.BoxPublicKey;
import org.quorumee.core.privacy.PayloadHash;
import org.quorumee.core.privacy.PrivacyMetadata;
import org.quorumee.core.privacy.PrivacyMode;

/**
 * Reading what clients send to {@code /tm}: JSON bodies (Tessera's field names), base64 keys and
 * hashes in paths, queries and {@code c11n-*} headers. Anything unreadable is a
 * {@link BadTmRequestException} (400).
 */
final class TmRequests {
    static final ObjectMapper JSON = new ObjectMapper();

    private TmRequests() {
    }

    /** A send: the payload, the sender (null: the default key), the recipients, the metadata. */
    record Send(byte[] payload, BoxPublicKey from, List<BoxPublicKey> to, PrivacyMetadata metadata) {
    }

    /** A signed-transaction send: the raw payload's hash, the recipients, the metadata. */
    record SendSigned(PayloadHash hash, List<BoxPublicKey> to, PrivacyMetadata metadata) {
    }

    /** A legacy {@code /receive}: the hash, the key to open it with (null: any), whether it is raw. */
    record Receive(PayloadHash hash, BoxPublicKey to, boolean raw) {
    }

    static JsonNode object(byte[] body) {
        if (body == null || body.length == 0) {
            throw new BadTmRequestException("a JSON body is required");
        }
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (IOException e) {
            throw new BadTmRequestException("the body is not JSON: " + e.getMessage());
        }
        if (root == null || !root.isObject()) {
            throw new BadTmRequestException("the body must be a JSON object");
        }
        return root;
    }

    /** {@code /send}: {payload, from?, to?, privacyFlag?, affectedContractTransactions?, execHash?, mandatoryRecipients?, privacyGroupId?}. */
    static Send send(byte[] body) {
        JsonNode root = object(body);
        byte[] payload = base64(required(root, "payload"), "payload");
        if (payload.length == 0) {
            throw new BadTmRequestException("the payload is empty");
        }
        return new Send(payload, optionalKey(root, "from"), keys(root.get("to"), "to"), metadata(root));
    }

    /** {@code /storeraw}: {payload, from?}. */
    static Send storeRaw(byte[] body) {
        JsonNode root = object(body);
        byte[] payload = base64(required(root, "payload"), "payload");
        if (payload.length == 0) {
            throw new BadTmRequestException("the payload is empty");
        }
        return new Send(payload, optionalKey(root, "from"), List.of(), PrivacyMetadata.STANDARD);
    }

    /** {@code /sendsignedtx} as JSON: {hash, to?, privacyFlag?, ...}. */
    static SendSigned sendSigned(byte[] body) {
        JsonNode root = object(body);
        return new SendSigned(hash(text(required(root, "hash"), "hash")), keys(root.get("to"), "to"), metadata(root));
    }

    /** {@code /receive}: {key, to?, isRaw?}. */
    static Receive receive(byte[] body) {
        JsonNode root = object(body);
        JsonNode raw = root.get("isRaw");
        if (raw != null && !raw.isNull() && !raw.isBoolean()) {
            throw new BadTmRequestException("\"isRaw\" must be true or false");
        }
        return new Receive(hash(text(required(root, "key"), "key")), optionalKey(root, "to"), raw != null && raw.asBoolean());
    }

    /** {@code /delete}: {key}. */
    static PayloadHash deleteKey(byte[] body) {
        return hash(text(required(object(body), "key"), "key"));
    }

    private static PrivacyMetadata metadata(JsonNode root) {
        JsonNode flag = root.get("privacyFlag");
        PrivacyMode mode = PrivacyMode.STANDARD_PRIVATE;
        if (flag != null && !flag.isNull()) {
            if (!flag.isIntegralNumber() || !flag.canConvertToInt()) {
                throw new BadTmRequestException("\"privacyFlag\" must be an integer");
            }
            try {
                mode = PrivacyMode.fromFlag(flag.asInt());
            } catch (IllegalArgumentException e) {
                throw new BadTmRequestException(e.getMessage());
            }
        }
        List<AffectedTransaction> affected = new ArrayList<>();
        for (String text : strings(root.get("affectedContractTransactions"), "affectedContractTransactions")) {
            // the security hashes are the sender's manager's to compute; carried empty until then
            affected.add(new AffectedTransaction(hash(text).bytes(), new byte[0]));
        }
        JsonNode exec = root.get("execHash");
        // GoQuorum sends the base64 text of the merkle root; Tessera stores that text's bytes (quorum-compat, "execHash quirk")
        byte[] execHash = exec == null || exec.isNull() ? new byte[0] : text(exec, "execHash").getBytes(StandardCharsets.UTF_8);
        List<BoxPublicKey> mandatory = keys(root.get("mandatoryRecipients"), "mandatoryRecipients");
        JsonNode group = root.get("privacyGroupId");
        byte[] groupId = group == null || group.isNull() ? null : base64(group, "privacyGroupId");
        if (mode == PrivacyMode.STANDARD_PRIVATE && (!affected.isEmpty() || execHash.length > 0 || !mandatory.isEmpty())) {
            throw new BadTmRequestException("affected contract transactions, an execution hash and mandatory recipients "
                    + "belong to privacy flags 1-3, not to standard privacy");
        }
        try {
            return new PrivacyMetadata(mode, affected, execHash, mandatory, groupId);
        } catch (IllegalArgumentException e) {
            throw new BadTmRequestException(e.getMessage());
        }
    }

    private static JsonNode required(JsonNode root, String field) {
        JsonNode value = root.get(field);
        if (value == null || value.isNull()) {
            throw new BadTmRequestException("\"" + field + "\" is required");
        }
        return value;
    }

    private static String text(JsonNode node, String field) {
        if (!node.isTextual()) {
            throw new BadTmRequestException("\"" + field + "\" must be a string");
        }
        return node.asText();
    }

    private static byte[] base64(JsonNode node, String field) {
        try {
            return Base64.getDecoder().decode(text(node, field));
        } catch (IllegalArgumentException e) {
            throw new BadTmRequestException("\"" + field + "\" is not base64");
        }
    }

    private static BoxPublicKey optionalKey(JsonNode root, String field) {
        JsonNode value = root.get(field);
        if (value == null || value.isNull() || (value.isTextual() && value.asText().isEmpty())) {
            return null;
        }
        return key(text(value, field));
    }

    private static List<String> strings(JsonNode array, String field) {
        if (array == null || array.isNull()) {
            return List.of();
        }
        if (!array.isArray()) {
            throw new BadTmRequestException("\"" + field + "\" must be an array of strings");
        }
        List<String> out = new ArrayList<>();
        for (JsonNode item : array) {
            out.add(text(item, field));
        }
        return out;
    }

    private static List<BoxPublicKey> keys(JsonNode array, String field) {
        return strings(array, field).stream().map(TmRequests::key).toList();
    }

    static BoxPublicKey key(String text) {
        try {
            return BoxPublicKey.fromBase64(spacesToPlus(text));
        } catch (IllegalArgumentException e) {
            throw new BadTmRequestException(e.getMessage());
        }
    }

    static PayloadHash hash(String text) {
        try {
            return PayloadHash.fromBase64(spacesToPlus(text));
        } catch (IllegalArgumentException e) {
            throw new BadTmRequestException(e.getMessage());
        }
    }

    /** Keys in a {@code c11n-to} header: comma-separated base64; absent or empty is none. */
    static List<BoxPublicKey> keyList(String header) {
        if (header == null || header.isBlank()) {
            return List.of();
        }
        List<BoxPublicKey> keys = new ArrayList<>();
        for (String part : header.split(",")) {
            if (!part.isBlank()) {
                keys.add(key(part.trim()));
            }
        }
        return keys;
    }

    /**
     * A path segment or query value still percent-encoded, decoded without reading {@code +} as a
     * space (that is form encoding, not a path's): Go's PathEscape leaves {@code +} and {@code =}
     * as they are and writes {@code /} as {@code %2F}; Java's URLEncoder writes {@code %2B %2F %3D}.
     * Both decode to the same base64 text here.
     */
    static String decodePercent(String encoded) {
        if (encoded == null) {
            return null;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(encoded.length());
        for (int i = 0; i < encoded.length(); i++) {
            char ch = encoded.charAt(i);
            if (ch == '%') {
                if (i + 2 >= encoded.length()) {
                    throw new BadTmRequestException("a '%' without two hex digits in '" + encoded + "'");
                }
                int hi = Character.digit(encoded.charAt(i + 1), 16);
                int lo = Character.digit(encoded.charAt(i + 2), 16);
                if (hi < 0 || lo < 0) {
                    throw new BadTmRequestException("a '%' without two hex digits in '" + encoded + "'");
                }
                out.write(hi << 4 | lo);
                i += 2;
            } else {
                byte[] utf8 = String.valueOf(ch).getBytes(StandardCharsets.UTF_8);
                out.write(utf8, 0, utf8.length);
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    /** Base64 has no spaces: a space is a {@code +} that went through form decoding somewhere. */
    private static String spacesToPlus(String text) {
        return text == null ? null : text.replace(' ', '+');
    }

    static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
