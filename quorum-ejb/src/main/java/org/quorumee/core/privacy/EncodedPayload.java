package org.quorumee.core.privacy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * An encrypted private payload as transaction managers store and exchange it (Tessera's
 * {@code EncodedPayload}): the sender's key, the payload sealed under a master key with its nonce,
 * the master key sealed once per recipient (the boxes) with one shared nonce, the recipients' keys,
 * and the privacy metadata. Immutable; its binary form is {@link LegacyPayloadCodec}'s.
 *
 * <p>A stored payload has one box per recipient key, in the same order. A payload pushed to one
 * recipient ({@link #forRecipient}) carries that recipient's box and key only (for private state
 * validation: every key, the recipient's first). Payloads of old senders may carry no keys at all.
 */
public final class EncodedPayload {
    /** Length of the cipher text nonce and of the recipient nonce (XSalsa20), in bytes. */
    public static final int NONCE_LENGTH = 24;

    private final BoxPublicKey senderKey;
    private final byte[] cipherText;
    private final byte[] cipherTextNonce;
    private final List<byte[]> recipientBoxes;
    private final byte[] recipientNonce;
    private final List<BoxPublicKey> recipientKeys;
    private final PrivacyMetadata metadata;

    private EncodedPayload(Builder b) {
        if (b.senderKey == null || b.cipherText == null || b.cipherTextNonce == null || b.recipientNonce == null) {
            throw new IllegalArgumentException("a payload needs a sender key, a cipher text and both nonces");
        }
        requireNonce("cipher text nonce", b.cipherTextNonce);
        requireNonce("recipient nonce", b.recipientNonce);
        this.senderKey = b.senderKey;
        this.cipherText = b.cipherText.clone();
        this.cipherTextNonce = b.cipherTextNonce.clone();
        this.recipientBoxes = b.recipientBoxes.stream().map(byte[]::clone).toList();
        this.recipientNonce = b.recipientNonce.clone();
        this.recipientKeys = List.copyOf(b.recipientKeys);
        this.metadata = b.metadata;
    }

    private static void requireNonce(String what, byte[] nonce) {
        if (nonce.length != NONCE_LENGTH) {
            throw new IllegalArgumentException("the " + what + " is " + NONCE_LENGTH + " bytes, found " + nonce.length);
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding every field of this payload, to change some. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.senderKey = senderKey;
        b.cipherText = cipherText;
        b.cipherTextNonce = cipherTextNonce;
        b.recipientBoxes = new ArrayList<>(recipientBoxes);
        b.recipientNonce = recipientNonce;
        b.recipientKeys = new ArrayList<>(recipientKeys);
        b.metadata = metadata;
        return b;
    }

    public BoxPublicKey senderKey() {
        return senderKey;
    }

    public byte[] cipherText() {
        return cipherText.clone();
    }

    public byte[] cipherTextNonce() {
        return cipherTextNonce.clone();
    }

    /** Copies of the sealed master keys (48 bytes each for NaCl). */
    public List<byte[]> recipientBoxes() {
        return recipientBoxes.stream().map(byte[]::clone).toList();
    }

    public int boxCount() {
        return recipientBoxes.size();
    }

    public byte[] recipientBox(int index) {
        return recipientBoxes.get(index).clone();
    }

    public byte[] recipientNonce() {
        return recipientNonce.clone();
    }

    public List<BoxPublicKey> recipientKeys() {
        return recipientKeys;
    }

    public PrivacyMetadata metadata() {
        return metadata;
    }

    public PrivacyMode privacyMode() {
        return metadata.mode();
    }

    /** The payload's name: SHA3-512 of the cipher text. */
    public PayloadHash hash() {
        return PayloadHash.ofCipherText(cipherText);
    }

    /**
     * What is pushed to one recipient: its own box only, and its key only (private state validation:
     * every key, the recipient's first, as the parties must know each other).
     *
     * @throws IllegalArgumentException if the key is not a recipient with a box here
     */
    public EncodedPayload forRecipient(BoxPublicKey recipient) {
        int index = recipientKeys.indexOf(recipient);
        if (index < 0 || index >= recipientBoxes.size()) {
            throw new IllegalArgumentException("recipient " + recipient + " has no box in this payload");
        }
        List<BoxPublicKey> keys;
        if (metadata.mode() == PrivacyMode.PRIVATE_STATE_VALIDATION) {
            keys = new ArrayList<>(recipientKeys);
            keys.remove(index);
            keys.add(0, recipient);
        } else {
            keys = List.of(recipient);
        }
        return toBuilder().recipientBoxes(List.of(recipientBoxes.get(index))).recipientKeys(keys).build();
    }

    /** Equal when every field is (byte arrays by content). */
    @Override
    public boolean equals(Object o) {
        if (!(o instanceof EncodedPayload other)) {
            return false;
        }
        if (recipientBoxes.size() != other.recipientBoxes.size()) {
            return false;
        }
        for (int i = 0; i < recipientBoxes.size(); i++) {
            if (!Arrays.equals(recipientBoxes.get(i), other.recipientBoxes.get(i))) {
                return false;
            }
        }
        return senderKey.equals(other.senderKey) && Arrays.equals(cipherText, other.cipherText)
                && Arrays.equals(cipherTextNonce, other.cipherTextNonce)
                && Arrays.equals(recipientNonce, other.recipientNonce) && recipientKeys.equals(other.recipientKeys)
                && metadata.equals(other.metadata);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(cipherText);
    }

    /** Names the payload and its parties; never its bytes. */
    @Override
    public String toString() {
        return "EncodedPayload{" + hash() + ", sender " + senderKey + ", " + recipientBoxes.size() + " boxes, "
                + recipientKeys.size() + " keys, " + metadata.mode() + "}";
    }

    /** Builds a payload; every field but the boxes, keys and metadata is required. */
    public static final class Builder {
        private BoxPublicKey senderKey;
        private byte[] cipherText;
        private byte[] cipherTextNonce;
        private List<byte[]> recipientBoxes = new ArrayList<>();
        private byte[] recipientNonce;
        private List<BoxPublicKey> recipientKeys = new ArrayList<>();
        private PrivacyMetadata metadata = PrivacyMetadata.STANDARD;

        private Builder() {
        }

        public Builder senderKey(BoxPublicKey senderKey) {
            this.senderKey = senderKey;
            return this;
        }

        public Builder cipherText(byte[] cipherText) {
            this.cipherText = cipherText;
            return this;
        }

        public Builder cipherTextNonce(byte[] cipherTextNonce) {
            this.cipherTextNonce = cipherTextNonce;
            return this;
        }

        public Builder recipientBoxes(List<byte[]> recipientBoxes) {
            this.recipientBoxes = new ArrayList<>(recipientBoxes);
            return this;
        }

        public Builder recipientNonce(byte[] recipientNonce) {
            this.recipientNonce = recipientNonce;
            return this;
        }

        public Builder recipientKeys(List<BoxPublicKey> recipientKeys) {
            this.recipientKeys = new ArrayList<>(recipientKeys);
            return this;
        }

        public Builder metadata(PrivacyMetadata metadata) {
            this.metadata = metadata;
            return this;
        }

        public EncodedPayload build() {
            return new EncodedPayload(this);
        }
    }

    /** The privacy group, if the payload names one. */
    public Optional<byte[]> privacyGroupId() {
        return metadata.privacyGroup();
    }
}
