package org.quorumee.node.privacy.keys;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import org.quorumee.core.privacy.BoxPublicKey;
import org.quorumee.core.privacy.enclave.ArgonOptions;
import org.quorumee.core.privacy.enclave.LockedPrivateKey;

/**
 * Tessera's key files: {@code .pub} holds the public key in base64; {@code .key} is JSON (see
 * {@link PrivateKeyFile}). JSON is read and written here so that the core sees bytes only. Files
 * are written readable by their owner only and never overwritten.
 */
public final class KeyFiles {
    static final String UNLOCKED = "unlocked";
    static final String LOCKED = "argon2sbox";
    static final String PKCS11_WRAPPED = "pkcs11-aes-gcm";

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final Base64.Encoder B64 = Base64.getEncoder();

    private KeyFiles() {
    }

    public static BoxPublicKey readPublicKey(Path file) {
        try {
            return BoxPublicKey.fromBase64(Files.readString(file, StandardCharsets.US_ASCII));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the public key file " + file, e);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(file + ": " + e.getMessage(), e);
        }
    }

    public static void writePublicKey(Path file, BoxPublicKey key) {
        write(file, key.toBase64().getBytes(StandardCharsets.US_ASCII));
    }

    /**
     * @throws IllegalStateException if the file is not one of the three forms
     */
    public static PrivateKeyFile readPrivateKey(Path file) {
        try {
            return parse(Files.readAllBytes(file));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the private key file " + file, e);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(file + ": " + e.getMessage(), e);
        }
    }

    public static void writePrivateKey(Path file, PrivateKeyFile key) {
        write(file, format(key));
    }

    static PrivateKeyFile parse(byte[] json) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (IOException e) {
            throw new IllegalArgumentException("not a JSON key file: " + e.getMessage());
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("a key file is a JSON object");
        }
        String type = text(root, "type");
        JsonNode data = root.get("data");
        if (data == null || !data.isObject()) {
            throw new IllegalArgumentException("a key file needs a \"data\" object");
        }
        return switch (type) {
            case UNLOCKED -> new PrivateKeyFile.Unlocked(base64(data, "bytes"));
            case LOCKED -> new PrivateKeyFile.Locked(new LockedPrivateKey(base64(data, "snonce"), base64(data, "asalt"),
                    base64(data, "sbox"), argonOptions(data.get("aopts"))));
            case PKCS11_WRAPPED -> new PrivateKeyFile.Pkcs11Wrapped(text(data, "keyLabel"), base64(data, "iv"),
                    base64(data, "wrapped"));
            default -> throw new IllegalArgumentException("unknown key type \"" + type + "\" (" + UNLOCKED + ", " + LOCKED
                    + " or " + PKCS11_WRAPPED + ")");
        };
    }

    static byte[] format(PrivateKeyFile key) {
        ObjectNode root = JSON.createObjectNode();
        ObjectNode data = JSON.createObjectNode();
        if (key instanceof PrivateKeyFile.Unlocked unlocked) {
            root.put("type", UNLOCKED);
            data.put("bytes", B64.encodeToString(unlocked.privateKey()));
        } else if (key instanceof PrivateKeyFile.Locked locked) {
            root.put("type", LOCKED);
            LockedPrivateKey k = locked.key();
            ObjectNode aopts = data.putObject("aopts");
            aopts.put("variant", k.options().variant());
            aopts.put("memory", k.options().memory());
            aopts.put("iterations", k.options().iterations());
            aopts.put("parallelism", k.options().parallelism());
            if (k.options().version() != ArgonOptions.VERSION_13) {
                aopts.put("version", "1.0");
            }
            data.put("snonce", B64.encodeToString(k.snonce()));
            data.put("asalt", B64.encodeToString(k.asalt()));
            data.put("sbox", B64.encodeToString(k.sbox()));
        } else {
            PrivateKeyFile.Pkcs11Wrapped wrapped = (PrivateKeyFile.Pkcs11Wrapped) key;
            root.put("type", PKCS11_WRAPPED);
            data.put("keyLabel", wrapped.keyLabel());
            data.put("iv", B64.encodeToString(wrapped.iv()));
            data.put("wrapped", B64.encodeToString(wrapped.wrapped()));
        }
        root.set("data", data);
        try {
            return JSON.writeValueAsBytes(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Argon2 options; the version is optional ("1.3" when absent, as Tessera and Constellation
     * write it; Constellation may write "1.0" or "1.3").
     */
    private static ArgonOptions argonOptions(JsonNode aopts) {
        if (aopts == null || !aopts.isObject()) {
            throw new IllegalArgumentException("a locked key needs its Argon2 options (\"aopts\")");
        }
        int version = ArgonOptions.VERSION_13;
        JsonNode v = aopts.get("version");
        if (v != null && !v.isNull()) {
            version = switch (v.asText()) {
                case "1.3", "19" -> ArgonOptions.VERSION_13;
                case "1.0", "16" -> ArgonOptions.VERSION_10;
                default -> throw new IllegalArgumentException("unknown Argon2 version \"" + v.asText() + "\"");
            };
        }
        return new ArgonOptions(text(aopts, "variant"), integer(aopts, "memory"), integer(aopts, "iterations"),
                integer(aopts, "parallelism"), version);
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.isTextual()) {
            throw new IllegalArgumentException("\"" + field + "\" must be a string");
        }
        return value.asText();
    }

    private static int integer(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.canConvertToInt() || !value.isIntegralNumber()) {
            throw new IllegalArgumentException("\"" + field + "\" must be an integer");
        }
        return value.asInt();
    }

    private static byte[] base64(JsonNode node, String field) {
        String text = text(node, field);
        try {
            return Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("\"" + field + "\" is not base64");
        }
    }

    private static void write(Path file, byte[] content) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            Files.write(file, content, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            try {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException e) {
                // not a POSIX file system: the folder's permissions protect it
            }
        } catch (FileAlreadyExistsException e) {
            throw new IllegalStateException("will not overwrite the key file " + file, e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the key file " + file, e);
        }
    }
}
