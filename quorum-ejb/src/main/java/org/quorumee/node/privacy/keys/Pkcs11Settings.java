package org.quorumee.node.privacy.keys;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where the token holding the enclave keys' wrapping key is: the PKCS#11 library, the slot (by its
 * index in the library's slot list: JDK 17 refuses {@code tokenLabel}), the user PIN (read from a
 * file) and the label of the AES key. From system properties:
 * {@code quorum.tm.pkcs11.library} (setting it turns the HSM option on),
 * {@code quorum.tm.pkcs11.slotListIndex} (default 0), {@code quorum.tm.pkcs11.pinFile} (required),
 * {@code quorum.tm.pkcs11.keyLabel} (default {@value #DEFAULT_KEY_LABEL}). SoftHSM2 also needs
 * {@code SOFTHSM2_CONF} in the process's environment.
 */
public record Pkcs11Settings(Path library, int slotListIndex, Path pinFile, String keyLabel) {
    public static final String LIBRARY = "quorum.tm.pkcs11.library";
    public static final String SLOT_LIST_INDEX = "quorum.tm.pkcs11.slotListIndex";
    public static final String PIN_FILE = "quorum.tm.pkcs11.pinFile";
    public static final String KEY_LABEL = "quorum.tm.pkcs11.keyLabel";
    public static final String DEFAULT_KEY_LABEL = "quorum-tm-wrap";

    public Pkcs11Settings {
        if (keyLabel == null || keyLabel.isBlank() || keyLabel.contains("\n")) {
            throw new IllegalArgumentException("a PKCS#11 key label is required");
        }
        if (slotListIndex < 0) {
            throw new IllegalArgumentException("the slot list index is 0 or more");
        }
    }

    /** The settings in the system properties; empty when {@value #LIBRARY} is not set. */
    public static Optional<Pkcs11Settings> fromSystemProperties() {
        String library = System.getProperty(LIBRARY, "").trim();
        if (library.isEmpty()) {
            return Optional.empty();
        }
        String pinFile = System.getProperty(PIN_FILE, "").trim();
        if (pinFile.isEmpty()) {
            throw new IllegalStateException(LIBRARY + " is set: " + PIN_FILE + " must name the file holding the token's user PIN");
        }
        return Optional.of(new Pkcs11Settings(Path.of(library), Integer.getInteger(SLOT_LIST_INDEX, 0), Path.of(pinFile),
                System.getProperty(KEY_LABEL, DEFAULT_KEY_LABEL)));
    }

    /** The user PIN: the pin file's first line. */
    char[] pin() {
        try {
            String text = Files.readString(pinFile, StandardCharsets.UTF_8);
            int end = text.indexOf('\n');
            return (end < 0 ? text : text.substring(0, end)).strip().toCharArray();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the PKCS#11 PIN file " + pinFile, e);
        }
    }

    /**
     * SunPKCS11's configuration, inline: new secret keys are sensitive and cannot be extracted, so
     * the wrapping key never exists outside the token.
     */
    String providerConfiguration() {
        if (!Files.isRegularFile(library)) {
            throw new IllegalStateException("the PKCS#11 library " + library + " does not exist");
        }
        return "--name = QuorumTm\n"
                + "library = " + library.toAbsolutePath() + "\n"
                + "slotListIndex = " + slotListIndex + "\n"
                + "attributes(generate, CKO_SECRET_KEY, CKK_AES) = {\n"
                + "  CKA_SENSITIVE = true\n"
                + "  CKA_EXTRACTABLE = false\n"
                + "}\n";
    }
}
