package org.quorumee.core.privacy;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Tessera's "LEGACY" binary encoding of an {@link EncodedPayload}, byte for byte, so that payloads
 * pass between this node and Tessera nodes unchanged.
 *
 * <p>Every field is an 8-byte big-endian length followed by its bytes; a list is an 8-byte count
 * followed by its items, each a field. In order: sender key, cipher text, cipher text nonce,
 * recipient boxes (list), recipient nonce, recipient keys (list), privacy mode (a field of one byte,
 * the flag), affected contract transactions (a count, then per entry the transaction hash field and
 * the security hash field), the execution hash (only for private state validation, only when
 * present), the mandatory recipients (list, only for flag 2), the privacy group id (only when
 * present).
 *
 * <p>Decoding accepts what older senders wrote: a payload may end after the recipient nonce or after
 * the recipient keys (standard privacy then), and the sections after the affected contract
 * transactions are each optional. It is strict otherwise: a length or count that is negative or
 * larger than the bytes left, a key or nonce of the wrong size, an unknown flag or bytes after the
 * last field are refused with a {@link PayloadDecodingException}; nothing is allocated beyond the
 * input's size.
 */
public final class LegacyPayloadCodec {
    private LegacyPayloadCodec() {
    }

    /** The encoding of a payload. */
    public static byte[] encode(EncodedPayload payload) {
        PrivacyMetadata metadata = payload.metadata();
        if (metadata.mode() == PrivacyMode.PRIVATE_STATE_VALIDATION && metadata.execHash().length == 0
                && metadata.privacyGroup().isPresent()) {
            // a decoder would read the group id as the execution hash
            throw new IllegalArgumentException("a state-validation payload with a privacy group needs an execution hash");
        }
        Writer out = new Writer();
        out.field(payload.senderKey().bytes());
        out.field(payload.cipherText());
        out.field(payload.cipherTextNonce());
        out.count(payload.boxCount());
        for (byte[] box : payload.recipientBoxes()) {
            out.field(box);
        }
        out.field(payload.recipientNonce());
        out.count(payload.recipientKeys().size());
        for (BoxPublicKey key : payload.recipientKeys()) {
            out.field(key.bytes());
        }
        out.field(new byte[] {(byte) metadata.mode().flag()});
        out.count(metadata.affectedContractTransactions().size());
        for (AffectedTransaction affected : metadata.affectedContractTransactions()) {
            out.field(affected.transactionHash());
            out.field(affected.securityHash());
        }
        if (metadata.execHash().length > 0) {
            out.field(metadata.execHash());
        }
        if (metadata.mode() == PrivacyMode.MANDATORY_RECIPIENTS) {
            out.count(metadata.mandatoryRecipients().size());
            for (BoxPublicKey key : metadata.mandatoryRecipients()) {
                out.field(key.bytes());
            }
        }
        metadata.privacyGroup().ifPresent(out::field);
        return out.toByteArray();
    }

    /**
     * The payload these bytes encode.
     *
     * @throws PayloadDecodingException if they do not encode one
     */
    public static EncodedPayload decode(byte[] encoded) {
        Reader in = new Reader(encoded);
        EncodedPayload.Builder payload = EncodedPayload.builder()
                .senderKey(in.key("sender key"))
                .cipherText(in.field("cipher text"))
                .cipherTextNonce(in.fixed("cipher text nonce", EncodedPayload.NONCE_LENGTH));
        long boxes = in.count("recipient boxes");
        List<byte[]> recipientBoxes = new ArrayList<>();
        for (long i = 0; i < boxes; i++) {
            recipientBoxes.add(in.field("recipient box " + i));
        }
        payload.recipientBoxes(recipientBoxes).recipientNonce(in.fixed("recipient nonce", EncodedPayload.NONCE_LENGTH));
        if (!in.hasRemaining()) {
            return payload.build();
        }
        long keys = in.count("recipient keys");
        List<BoxPublicKey> recipientKeys = new ArrayList<>();
        for (long i = 0; i < keys; i++) {
            recipientKeys.add(in.key("recipient key " + i));
        }
        payload.recipientKeys(recipientKeys);
        if (!in.hasRemaining()) {
            return payload.build();
        }
        byte[] flag = in.fixed("privacy flag", 1);
        PrivacyMode mode;
        try {
            mode = PrivacyMode.fromFlag(flag[0] & 0xff);
        } catch (IllegalArgumentException e) {
            throw new PayloadDecodingException(e.getMessage());
        }
        long affectedCount = in.count("affected contract transactions");
        List<AffectedTransaction> affected = new ArrayList<>();
        for (long i = 0; i < affectedCount; i++) {
            affected.add(new AffectedTransaction(in.field("affected transaction hash " + i),
                    in.field("affected security hash " + i)));
        }
        byte[] execHash = new byte[0];
        if (mode == PrivacyMode.PRIVATE_STATE_VALIDATION && in.hasRemaining()) {
            execHash = in.field("execution hash");
        }
        List<BoxPublicKey> mandatory = new ArrayList<>();
        if (mode == PrivacyMode.MANDATORY_RECIPIENTS && in.hasRemaining()) {
            long count = in.count("mandatory recipients");
            for (long i = 0; i < count; i++) {
                mandatory.add(in.key("mandatory recipient " + i));
            }
        }
        byte[] privacyGroupId = null;
        if (in.hasRemaining()) {
            byte[] group = in.field("privacy group id");
            privacyGroupId = group.length > 0 ? group : null;
        }
        if (in.hasRemaining()) {
            throw new PayloadDecodingException(in.remaining() + " bytes after the last field of the payload");
        }
        return payload.metadata(new PrivacyMetadata(mode, affected, execHash, mandatory, privacyGroupId)).build();
    }

    /** Reads fields, refusing any length the remaining input cannot hold before allocating it. */
    private static final class Reader {
        private final byte[] input;
        private int position;

        Reader(byte[] input) {
            if (input == null) {
                throw new PayloadDecodingException("no payload bytes");
            }
            this.input = input;
        }

        boolean hasRemaining() {
            return position < input.length;
        }

        int remaining() {
            return input.length - position;
        }

        private long length(String what) {
            if (remaining() < Long.BYTES) {
                throw new PayloadDecodingException("the payload ends inside the length of the " + what
                        + " (offset " + position + ", " + remaining() + " bytes left)");
            }
            long value = 0;
            for (int i = 0; i < Long.BYTES; i++) {
                value = (value << 8) | (input[position++] & 0xff);
            }
            if (value < 0) {
                throw new PayloadDecodingException("negative length " + value + " for the " + what);
            }
            return value;
        }

        byte[] field(String what) {
            long length = length(what);
            if (length > remaining()) {
                throw new PayloadDecodingException("the " + what + " claims " + length + " bytes, only "
                        + remaining() + " are left");
            }
            byte[] out = new byte[(int) length];
            System.arraycopy(input, position, out, 0, out.length);
            position += out.length;
            return out;
        }

        byte[] fixed(String what, int expected) {
            int start = position;
            byte[] out = field(what);
            if (out.length != expected) {
                throw new PayloadDecodingException("the " + what + " must be " + expected + " bytes, found "
                        + out.length + " (offset " + start + ")");
            }
            return out;
        }

        BoxPublicKey key(String what) {
            return BoxPublicKey.of(fixed(what, BoxPublicKey.LENGTH));
        }

        /** A list's count: each item takes at least its 8-byte length, so more than that cannot fit. */
        long count(String what) {
            long count = length("count of " + what);
            if (count > remaining() / Long.BYTES) {
                throw new PayloadDecodingException("the payload claims " + count + " " + what + ", only "
                        + remaining() + " bytes are left");
            }
            return count;
        }
    }

    private static final class Writer {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();

        void count(long value) {
            for (int shift = 56; shift >= 0; shift -= 8) {
                out.write((int) (value >>> shift));
            }
        }

        void field(byte[] bytes) {
            count(bytes.length);
            out.write(bytes, 0, bytes.length);
        }

        byte[] toByteArray() {
            return out.toByteArray();
        }
    }
}
