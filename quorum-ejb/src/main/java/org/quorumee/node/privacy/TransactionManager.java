package org.quorumee.node.privacy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.logging.Logger;
import org.quorumee.core.privacy.BoxPublicKey;
import org.quorumee.core.privacy.EncodedPayload;
import org.quorumee.core.privacy.LegacyPayloadCodec;
import org.quorumee.core.privacy.PayloadDecodingException;
import org.quorumee.core.privacy.PayloadHash;
import org.quorumee.core.privacy.PrivacyMetadata;
import org.quorumee.core.privacy.PrivacyMode;
import org.quorumee.core.privacy.PrivacyUnavailableException;
import org.quorumee.core.privacy.PrivatePayload;
import org.quorumee.core.privacy.PrivatePayloadSource;
import org.quorumee.core.privacy.enclave.DecryptionException;
import org.quorumee.core.privacy.enclave.Enclave;
import org.quorumee.core.privacy.enclave.RawPayload;

/**
 * The node's transaction manager (Tessera's {@code TransactionManagerImpl}): sends payloads (sealed
 * by the enclave, stored, pushed to every remote recipient), keeps raw payloads for external
 * signers, opens payloads for this node's parties, and takes in payloads that other nodes push.
 *
 * <p>A send stores the payload first (committed), then pushes; if any remote recipient does not
 * acknowledge, the payload is deleted again and the send fails: no hash is handed out for a payload
 * a recipient lacks. Only standard privacy is accepted for now; the other modes are refused.
 *
 * <p>Thread-safe. Inbound payloads are taken one at a time (they may merge into a stored one).
 */
public final class TransactionManager implements PrivatePayloadSource {
    private static final Logger LOG = Logger.getLogger(TransactionManager.class.getName());

    private final Enclave enclave;
    private final PayloadStore store;
    private final PartyDirectory directory;
    private final PayloadPublisher publisher;
    private final Object inboundLock = new Object();

    /** What a send answers: the payload's hash, its sender, and which of this node's keys are parties. */
    public record SendResult(PayloadHash hash, BoxPublicKey sender, List<BoxPublicKey> managedParties) {
        public SendResult {
            managedParties = List.copyOf(managedParties);
        }
    }

    public TransactionManager(Enclave enclave, PayloadStore store, PartyDirectory directory, PayloadPublisher publisher) {
        this.enclave = enclave;
        this.store = store;
        this.directory = directory;
        this.publisher = publisher;
    }

    /** This node's keys, the default first. */
    public List<BoxPublicKey> localKeys() {
        return enclave.publicKeys();
    }

    public BoxPublicKey defaultKey() {
        return enclave.defaultPublicKey();
    }

    /** Every key known with where it lives: this node's keys (as {@code self}) and the remote parties. */
    public Map<BoxPublicKey, String> knownParties(String self) {
        Map<BoxPublicKey, String> all = new TreeMap<>(directory.remoteParties());
        enclave.publicKeys().forEach(key -> all.put(key, self));
        return all;
    }

    /**
     * Seals a payload for the recipients and this node's sender key, stores it and pushes it to every
     * remote recipient.
     *
     * @param from the sender key, or null for the default key
     * @throws UnknownPartyException if the sender is not ours or a recipient's node is unknown
     * @throws InvalidPrivacyRequestException for a privacy mode other than standard, or a bad key
     * @throws PublishException if a remote recipient did not acknowledge (nothing is kept)
     */
    public SendResult send(byte[] payload, BoxPublicKey from, List<BoxPublicKey> to, PrivacyMetadata metadata) {
        BoxPublicKey sender = from == null ? enclave.defaultPublicKey() : from;
        if (!enclave.holds(sender)) {
            throw UnknownPartyException.sender(sender);
        }
        requireStandard(metadata);
        List<BoxPublicKey> recipients = withSender(to, sender);
        Map<BoxPublicKey, String> remote = remoteNodes(recipients);
        EncodedPayload encrypted;
        try {
            encrypted = enclave.encryptPayload(payload, sender, recipients, metadata);
        } catch (DecryptionException e) {
            throw new InvalidPrivacyRequestException("a recipient's key cannot be used: " + e.getMessage(), e);
        }
        store.save(encrypted);
        distribute(encrypted, remote);
        return new SendResult(encrypted.hash(), sender, managed(recipients));
    }

    /**
     * Seals a payload for its sender only, to be sent once the transaction carrying its hash is
     * signed (Tessera's {@code /storeraw}).
     */
    public PayloadHash storeRaw(byte[] payload, BoxPublicKey from) {
        BoxPublicKey sender = from == null ? enclave.defaultPublicKey() : from;
        if (!enclave.holds(sender)) {
            throw UnknownPartyException.sender(sender);
        }
        RawPayload raw = enclave.encryptRawPayload(payload, sender);
        store.saveRaw(raw);
        return raw.hash();
    }

    /**
     * Sends a raw payload to its recipients (Tessera's {@code /sendsignedtx}): the same cipher text,
     * so the same hash the signed transaction carries.
     *
     * @throws PayloadNotFoundException if no raw payload of that hash is stored
     */
    public SendResult sendSignedTransaction(PayloadHash rawHash, List<BoxPublicKey> to, PrivacyMetadata metadata) {
        RawPayload raw = store.findRaw(rawHash).orElseThrow(() -> new PayloadNotFoundException("Raw Transaction", rawHash));
        requireStandard(metadata);
        List<BoxPublicKey> recipients = withSender(to, raw.sender());
        Map<BoxPublicKey, String> remote = remoteNodes(recipients);
        if (store.find(rawHash).isPresent()) {
            throw new InvalidPrivacyRequestException("the payload " + rawHash + " was sent already");
        }
        EncodedPayload encrypted;
        try {
            encrypted = enclave.encryptPayload(raw, recipients, metadata);
        } catch (DecryptionException e) {
            throw new InvalidPrivacyRequestException("the raw payload or a recipient's key cannot be used: " + e.getMessage(), e);
        }
        store.save(encrypted);
        distribute(encrypted, remote);
        return new SendResult(rawHash, raw.sender(), managed(recipients));
    }

    /**
     * The payload opened by whichever of our keys is a party: what private execution asks.
     *
     * @throws PrivacyUnavailableException if the store cannot be read, or a stored payload does not
     *     decode or its cipher text does not authenticate (never reported as "not a party")
     */
    @Override
    public Optional<PrivatePayload> find(PayloadHash hash) {
        return receive(hash, null);
    }

    /**
     * As {@link #find}, opening with one given key of ours (Tessera's {@code to}), or any if null.
     *
     * @return empty if no payload of that hash is stored or the key is not a party
     */
    public Optional<PrivatePayload> receive(PayloadHash hash, BoxPublicKey to) {
        if (to != null && !enclave.holds(to)) {
            throw UnknownPartyException.sender(to);
        }
        Optional<EncodedPayload> stored;
        try {
            stored = store.find(hash);
        } catch (PayloadDecodingException e) {
            throw new PrivacyUnavailableException("the stored payload " + hash + " does not decode: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            throw new PrivacyUnavailableException("the payload store cannot be read: " + e.getMessage(), e);
        }
        if (stored.isEmpty()) {
            return Optional.empty();
        }
        EncodedPayload payload = stored.get();
        Optional<Enclave.Decrypted> opened;
        try {
            opened = to == null ? enclave.decrypt(payload) : enclave.decrypt(payload, to);
        } catch (DecryptionException e) {
            throw new PrivacyUnavailableException("the stored payload " + hash + " is ours but its cipher text does not "
                    + "authenticate: it was changed", e);
        }
        return opened.map(d -> new PrivatePayload(hash, d.plaintext(), payload.senderKey(), managedParties(payload),
                payload.metadata()));
    }

    /**
     * A raw payload opened for its sender (Tessera's {@code isRaw=true}).
     *
     * @return empty if no raw payload of that hash is stored
     */
    public Optional<PrivatePayload> receiveRaw(PayloadHash hash) {
        return store.findRaw(hash).map(raw -> {
            try {
                return new PrivatePayload(hash, enclave.decryptRawPayload(raw), raw.sender(), List.of(raw.sender()),
                        PrivacyMetadata.STANDARD);
            } catch (DecryptionException e) {
                throw new PrivacyUnavailableException("the raw payload " + hash + " does not open: it was changed", e);
            }
        });
    }

    /**
     * Takes in a payload another node pushed (Tessera's {@code /push}): it must be for one of our
     * keys and open with it. A new hash is stored; a known one must match the stored payload and
     * its box is merged in (a second key of ours); the same box again changes nothing.
     *
     * @return the payload's hash, which the pushing node takes as the acknowledgement
     * @throws InvalidPrivacyRequestException if the bytes are not a payload for this node
     */
    public PayloadHash storeInbound(byte[] encoded) {
        EncodedPayload payload;
        try {
            payload = LegacyPayloadCodec.decode(encoded);
        } catch (PayloadDecodingException e) {
            throw new InvalidPrivacyRequestException("not an encoded payload: " + e.getMessage(), e);
        }
        if (payload.privacyMode() != PrivacyMode.STANDARD_PRIVATE) {
            throw new InvalidPrivacyRequestException("privacy flag " + payload.privacyMode().flag()
                    + " is not supported yet: only standard private payloads (flag 0) are taken");
        }
        if (payload.boxCount() != 1) {
            throw new InvalidPrivacyRequestException("a pushed payload carries one box, this one " + payload.boxCount());
        }
        try {
            if (enclave.decrypt(payload).isEmpty()) {
                throw new InvalidPrivacyRequestException("the payload " + payload.hash() + " is for none of this node's keys");
            }
        } catch (DecryptionException e) {
            throw new InvalidPrivacyRequestException("the payload " + payload.hash() + " does not authenticate: it was changed", e);
        }
        PayloadHash hash = payload.hash();
        synchronized (inboundLock) {
            Optional<EncodedPayload> existing = store.find(hash);
            if (existing.isEmpty()) {
                store.save(payload);
                return hash;
            }
            EncodedPayload merged = merge(existing.get(), payload);
            if (merged != existing.get()) {
                store.update(merged);
                LOG.fine(() -> "payload " + hash + ": another recipient box merged in");
            }
            return hash;
        }
    }

    /** The stored payload with the pushed copy's box (and key) put first; itself if the box is there. */
    private static EncodedPayload merge(EncodedPayload existing, EncodedPayload pushed) {
        boolean same = Arrays.equals(existing.cipherText(), pushed.cipherText())
                && Arrays.equals(existing.cipherTextNonce(), pushed.cipherTextNonce())
                && Arrays.equals(existing.recipientNonce(), pushed.recipientNonce())
                && existing.senderKey().equals(pushed.senderKey())
                && existing.metadata().equals(pushed.metadata());
        if (!same) {
            throw new InvalidPrivacyRequestException("the payload " + pushed.hash() + " differs from the one stored under its hash");
        }
        byte[] box = pushed.recipientBox(0);
        for (byte[] known : existing.recipientBoxes()) {
            if (Arrays.equals(known, box)) {
                return existing;
            }
        }
        List<byte[]> boxes = new ArrayList<>(existing.recipientBoxes());
        boxes.add(0, box);
        List<BoxPublicKey> keys = new ArrayList<>(existing.recipientKeys());
        if (!pushed.recipientKeys().isEmpty()) {
            keys.add(0, pushed.recipientKeys().get(0));
        }
        return existing.toBuilder().recipientBoxes(boxes).recipientKeys(keys).build();
    }

    /**
     * Deletes a stored payload (Tessera's {@code DELETE /transaction/{hash}}).
     *
     * @throws PayloadNotFoundException if none is stored
     */
    public void delete(PayloadHash hash) {
        if (!store.delete(hash)) {
            throw new PayloadNotFoundException("Message", hash);
        }
    }

    /** Whether one of our keys sent the payload. @throws PayloadNotFoundException if none is stored */
    public boolean isSender(PayloadHash hash) {
        return enclave.holds(stored(hash).senderKey());
    }

    /**
     * The recipients' keys the stored payload names (at the sender: every party, the sender too; at a
     * recipient: its own keys only). @throws PayloadNotFoundException if none is stored
     */
    public List<BoxPublicKey> participants(PayloadHash hash) {
        return stored(hash).recipientKeys();
    }

    private EncodedPayload stored(PayloadHash hash) {
        return store.find(hash).orElseThrow(() -> new PayloadNotFoundException("Message", hash));
    }

    private List<BoxPublicKey> managedParties(EncodedPayload payload) {
        if (payload.recipientKeys().isEmpty()) {
            return enclave.partyKeys(payload);
        }
        Set<BoxPublicKey> managed = new LinkedHashSet<>();
        for (BoxPublicKey key : payload.recipientKeys()) {
            if (enclave.holds(key)) {
                managed.add(key);
            }
        }
        return List.copyOf(managed);
    }

    private List<BoxPublicKey> managed(List<BoxPublicKey> recipients) {
        return recipients.stream().filter(enclave::holds).toList();
    }

    /** The recipients, then the sender, each once (Tessera adds the sender so it can read its own payload). */
    private static List<BoxPublicKey> withSender(List<BoxPublicKey> to, BoxPublicKey sender) {
        Set<BoxPublicKey> all = new LinkedHashSet<>(to);
        all.add(sender);
        return List.copyOf(all);
    }

    /** The node of each remote recipient; any unknown recipient fails the send before anything is sealed. */
    private Map<BoxPublicKey, String> remoteNodes(List<BoxPublicKey> recipients) {
        Map<BoxPublicKey, String> nodes = new LinkedHashMap<>();
        for (BoxPublicKey recipient : recipients) {
            if (!enclave.holds(recipient)) {
                nodes.put(recipient, directory.nodeOf(recipient).orElseThrow(() -> UnknownPartyException.recipient(recipient)));
            }
        }
        return nodes;
    }

    /** Pushes each remote recipient's copy; on any failure the stored payload is deleted again. */
    private void distribute(EncodedPayload payload, Map<BoxPublicKey, String> remote) {
        if (remote.isEmpty()) {
            return;
        }
        List<PayloadPublisher.Push> pushes = remote.entrySet().stream()
                .map(e -> new PayloadPublisher.Push(e.getKey(), e.getValue(), payload.forRecipient(e.getKey())))
                .toList();
        try {
            publisher.publish(pushes);
        } catch (RuntimeException e) {
            try {
                store.delete(payload.hash());
            } catch (RuntimeException cleanup) {
                e.addSuppressed(cleanup);
            }
            if (e instanceof PublishException) {
                throw e;
            }
            throw new PublishException(pushes.get(0).recipient(), "the push failed: " + e.getMessage(), e);
        }
    }

    private static void requireStandard(PrivacyMetadata metadata) {
        if (metadata.mode() != PrivacyMode.STANDARD_PRIVATE) {
            throw new InvalidPrivacyRequestException("privacy flag " + metadata.mode().flag() + " (" + metadata.mode()
                    + ") is not supported yet: only standard private transactions (flag 0)");
        }
    }
}
