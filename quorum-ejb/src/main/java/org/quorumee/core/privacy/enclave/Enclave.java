package org.quorumee.core.privacy.enclave;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.quorumee.core.privacy.BoxPublicKey;
import org.quorumee.core.privacy.EncodedPayload;
import org.quorumee.core.privacy.PrivacyMetadata;

/**
 * The sole holder of the node's private keys, and the only place payloads are sealed and opened
 * (Tessera's scheme). To send, a fresh master key and nonce seal the payload
 * ({@code secretbox(payload, nonce, MK)}); the master key is then sealed once per recipient under
 * the key shared by the recipient and the sender ({@code box_beforenm(recipient, sender)}), all
 * boxes with one fresh recipient nonce. The sender opens its own payloads with the first recipient's
 * key and its private key, a recipient with the sender's key and its own.
 *
 * <p>Thread-safe: keys never change after construction; shared keys are cached (bounded) because
 * every box costs one X25519 otherwise.
 */
public final class Enclave {
    private static final int SHARED_KEY_CACHE_SIZE = 1024;

    private final Map<BoxPublicKey, BoxKeyPair> keys = new LinkedHashMap<>();
    private final RandomSource random;
    private final Map<KeyPairing, byte[]> sharedKeys = Collections.synchronizedMap(
            new LinkedHashMap<>(64, 0.75f, true) {
                private static final long serialVersionUID = 1L;

                @Override
                protected boolean removeEldestEntry(Map.Entry<KeyPairing, byte[]> eldest) {
                    return size() > SHARED_KEY_CACHE_SIZE;
                }
            });

    /** A private payload opened: the plaintext, and which of our keys opened it. */
    public record Decrypted(byte[] plaintext, BoxPublicKey ourKey) {
    }

    private record KeyPairing(BoxPublicKey ours, BoxPublicKey theirs) {
    }

    /** Our key that opened a box of a payload, and the master key the box held. */
    private record MasterKeyMatch(BoxPublicKey ourKey, byte[] masterKey) {
    }

    /**
     * @param keyPairs the node's keys, the default (sending) key first; at least one
     */
    public Enclave(List<BoxKeyPair> keyPairs, RandomSource random) {
        if (keyPairs.isEmpty()) {
            throw new IllegalArgumentException("an enclave needs at least one key");
        }
        for (BoxKeyPair pair : keyPairs) {
            if (keys.putIfAbsent(pair.publicKey(), pair) != null) {
                throw new IllegalArgumentException("key " + pair.publicKey() + " is configured twice");
            }
        }
        this.random = random;
    }

    /** Our public keys, the default first. */
    public List<BoxPublicKey> publicKeys() {
        return List.copyOf(keys.keySet());
    }

    /** The key a payload is sent from when the sender names none. */
    public BoxPublicKey defaultPublicKey() {
        return keys.keySet().iterator().next();
    }

    public boolean holds(BoxPublicKey key) {
        return keys.containsKey(key);
    }

    /**
     * Seals a payload from one of our keys for the recipients (who must include every party that
     * should read it, the sender too if it should), in their order: box {@code i} is for
     * {@code recipients.get(i)}.
     */
    public EncodedPayload encryptPayload(byte[] message, BoxPublicKey sender, List<BoxPublicKey> recipients,
                                         PrivacyMetadata metadata) {
        requireRecipients(recipients);
        BoxKeyPair senderPair = pair(sender);
        byte[] masterKey = random.bytes(Nacl.KEY_LENGTH);
        byte[] nonce = random.bytes(Nacl.NONCE_LENGTH);
        byte[] recipientNonce = random.bytes(Nacl.NONCE_LENGTH);
        byte[] cipherText = Nacl.seal(message, nonce, masterKey);
        return EncodedPayload.builder()
                .senderKey(sender)
                .cipherText(cipherText)
                .cipherTextNonce(nonce)
                .recipientBoxes(boxes(senderPair, recipients, recipientNonce, masterKey))
                .recipientNonce(recipientNonce)
                .recipientKeys(recipients)
                .metadata(metadata)
                .build();
    }

    /**
     * Seals a payload for its sender only (Tessera's {@code /storeraw}): the master key is sealed
     * under the key the sender shares with itself, with the cipher text's nonce.
     */
    public RawPayload encryptRawPayload(byte[] message, BoxPublicKey sender) {
        BoxKeyPair senderPair = pair(sender);
        byte[] masterKey = random.bytes(Nacl.KEY_LENGTH);
        byte[] nonce = random.bytes(Nacl.NONCE_LENGTH);
        byte[] cipherText = Nacl.seal(message, nonce, masterKey);
        byte[] sealedKey = Nacl.seal(masterKey, nonce, sharedKey(senderPair, sender));
        return new RawPayload(cipherText, sealedKey, nonce, sender);
    }

    /**
     * Turns a raw payload into one for the recipients (Tessera's {@code /sendsignedtx}): the same
     * cipher text and nonce, new boxes under a fresh recipient nonce.
     *
     * @throws DecryptionException if the raw payload's master key does not open
     */
    public EncodedPayload encryptPayload(RawPayload raw, List<BoxPublicKey> recipients, PrivacyMetadata metadata) {
        requireRecipients(recipients);
        BoxKeyPair senderPair = pair(raw.sender());
        byte[] masterKey = Nacl.open(raw.encryptedMasterKey(), raw.nonce(), sharedKey(senderPair, raw.sender()));
        byte[] recipientNonce = random.bytes(Nacl.NONCE_LENGTH);
        return EncodedPayload.builder()
                .senderKey(raw.sender())
                .cipherText(raw.cipherText())
                .cipherTextNonce(raw.nonce())
                .recipientBoxes(boxes(senderPair, recipients, recipientNonce, masterKey))
                .recipientNonce(recipientNonce)
                .recipientKeys(recipients)
                .metadata(metadata)
                .build();
    }

    /**
     * Opens a raw payload of one of our keys.
     *
     * @throws DecryptionException if it does not open
     */
    public byte[] decryptRawPayload(RawPayload raw) {
        BoxKeyPair senderPair = pair(raw.sender());
        byte[] masterKey = Nacl.open(raw.encryptedMasterKey(), raw.nonce(), sharedKey(senderPair, raw.sender()));
        return Nacl.open(raw.cipherText(), raw.nonce(), masterKey);
    }

    /**
     * Opens a payload with whichever of our keys is a party to it (its sender or a recipient).
     *
     * @return empty when none of our keys opens a box: this node is not a party
     * @throws DecryptionException when a box opens but the cipher text does not authenticate (the
     *     payload was changed): a party must not mistake that for not being one
     */
    public Optional<Decrypted> decrypt(EncodedPayload payload) {
        return decrypt(payload, keys.keySet());
    }

    /** As {@link #decrypt(EncodedPayload)}, trying one of our keys only. */
    public Optional<Decrypted> decrypt(EncodedPayload payload, BoxPublicKey ourKey) {
        if (!holds(ourKey)) {
            throw new UnknownKeyException(ourKey);
        }
        return decrypt(payload, List.of(ourKey));
    }

    private Optional<Decrypted> decrypt(EncodedPayload payload, Iterable<BoxPublicKey> candidates) {
        return openMasterKey(payload, candidates).map(match -> new Decrypted(
                Nacl.open(payload.cipherText(), payload.cipherTextNonce(), match.masterKey()), match.ourKey()));
    }

    /**
     * Which of our keys opens a box of the payload (the master key only; the cipher text is not
     * read). Empty when this node is not a party.
     */
    public Optional<BoxPublicKey> partyKey(EncodedPayload payload) {
        return openMasterKey(payload, keys.keySet()).map(MasterKeyMatch::ourKey);
    }

    /**
     * Every one of our keys that opens a box of the payload (for the "managed parties" a receive
     * reports).
     */
    public List<BoxPublicKey> partyKeys(EncodedPayload payload) {
        List<BoxPublicKey> parties = new ArrayList<>();
        for (BoxPublicKey key : keys.keySet()) {
            openMasterKey(payload, List.of(key)).ifPresent(match -> parties.add(key));
        }
        return parties;
    }

    /**
     * A box of the master key of one of our own payloads for one more recipient, under the
     * payload's recipient nonce (Tessera's {@code createNewRecipientBox}).
     *
     * @throws UnknownKeyException if we did not send the payload
     * @throws DecryptionException if its first box does not open
     */
    public byte[] createNewRecipientBox(EncodedPayload payload, BoxPublicKey recipient) {
        BoxKeyPair senderPair = pair(payload.senderKey());
        if (payload.boxCount() == 0 || payload.recipientKeys().isEmpty()) {
            throw new IllegalArgumentException("the payload has no box or recipient key to take the master key from");
        }
        byte[] masterKey = Nacl.open(payload.recipientBox(0), payload.recipientNonce(),
                sharedKey(senderPair, payload.recipientKeys().get(0)));
        return Nacl.seal(masterKey, payload.recipientNonce(), sharedKey(senderPair, recipient));
    }

    /**
     * Box {@code i} belongs to recipient key {@code i} when there are as many keys as boxes, or one
     * box (a recipient's copy, whose key comes first); otherwise (old payloads without keys) any box
     * may be ours.
     */
    private Optional<MasterKeyMatch> openMasterKey(EncodedPayload payload, Iterable<BoxPublicKey> candidates) {
        List<BoxPublicKey> recipientKeys = payload.recipientKeys();
        int boxes = payload.boxCount();
        boolean aligned = !recipientKeys.isEmpty() && (recipientKeys.size() == boxes || boxes == 1);
        for (BoxPublicKey candidate : candidates) {
            BoxKeyPair ours = keys.get(candidate);
            if (ours == null) {
                continue;
            }
            for (int i = 0; i < boxes; i++) {
                BoxPublicKey other;
                if (candidate.equals(payload.senderKey())) {
                    // our own payload: box i is shared with recipient i
                    if (!aligned) {
                        continue;
                    }
                    other = recipientKeys.get(i);
                } else {
                    if (aligned && !recipientKeys.get(i).equals(candidate)) {
                        continue;
                    }
                    other = payload.senderKey();
                }
                Optional<byte[]> masterKey = tryOpen(payload.recipientBox(i), payload.recipientNonce(), ours, other);
                if (masterKey.isPresent()) {
                    return Optional.of(new MasterKeyMatch(candidate, masterKey.get()));
                }
            }
        }
        return Optional.empty();
    }

    private Optional<byte[]> tryOpen(byte[] box, byte[] nonce, BoxKeyPair ours, BoxPublicKey theirs) {
        try {
            return Optional.of(Nacl.open(box, nonce, sharedKey(ours, theirs)));
        } catch (DecryptionException e) {
            return Optional.empty();
        }
    }

    private List<byte[]> boxes(BoxKeyPair sender, List<BoxPublicKey> recipients, byte[] recipientNonce, byte[] masterKey) {
        List<byte[]> boxes = new ArrayList<>(recipients.size());
        for (BoxPublicKey recipient : recipients) {
            boxes.add(Nacl.seal(masterKey, recipientNonce, sharedKey(sender, recipient)));
        }
        return boxes;
    }

    private byte[] sharedKey(BoxKeyPair ours, BoxPublicKey theirs) {
        KeyPairing pairing = new KeyPairing(ours.publicKey(), theirs);
        byte[] cached = sharedKeys.get(pairing);
        if (cached != null) {
            return cached;
        }
        byte[] computed = Nacl.sharedKey(theirs.bytes(), ours.privateKey());
        sharedKeys.put(pairing, computed);
        return computed;
    }

    private BoxKeyPair pair(BoxPublicKey key) {
        BoxKeyPair pair = keys.get(key);
        if (pair == null) {
            throw new UnknownKeyException(key);
        }
        return pair;
    }

    private static void requireRecipients(List<BoxPublicKey> recipients) {
        if (recipients.isEmpty()) {
            throw new IllegalArgumentException("a payload needs at least one recipient (the sender counts)");
        }
        if (recipients.stream().distinct().count() != recipients.size()) {
            throw new IllegalArgumentException("a recipient is named twice");
        }
    }
}
