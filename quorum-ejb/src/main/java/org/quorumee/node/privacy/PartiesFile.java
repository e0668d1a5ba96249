package org.quorumee.node.privacy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.quorumee.core.privacy.BoxPublicKey;

/**
 * The static part of the party directory: {@code tm/parties.json} in the node's data folder, a JSON
 * array of {@code {"key": "<base64 public key>", "node": "<node name>"}} naming which node holds
 * which remote key. Absent: no remote party is known until the peer network tells.
 */
public final class PartiesFile {
    private PartiesFile() {
    }

    public static Map<BoxPublicKey, String> read(Path file) {
        if (!Files.isRegularFile(file)) {
            return Map.of();
        }
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(file.toFile());
        } catch (IOException e) {
            throw new IllegalStateException(file + " is not JSON: " + e.getMessage(), e);
        }
        if (root == null || !root.isArray()) {
            throw new IllegalStateException(file + " must be a JSON array of {\"key\", \"node\"}");
        }
        Map<BoxPublicKey, String> parties = new LinkedHashMap<>();
        for (JsonNode entry : root) {
            JsonNode key = entry.get("key");
            JsonNode node = entry.get("node");
            if (key == null || !key.isTextual() || node == null || !node.isTextual() || node.asText().isBlank()) {
                throw new IllegalStateException(file + ": every entry needs a \"key\" and a \"node\" string: " + entry);
            }
            try {
                parties.put(BoxPublicKey.fromBase64(key.asText()), node.asText());
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException(file + ": " + e.getMessage(), e);
            }
        }
        return parties;
    }
}
