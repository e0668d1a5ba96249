package org.quorumee.core.privacy;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;

/**
 * A recipient's answer to a pushed payload, as it travels in a peer message: one status byte, then
 * the payload's hash when it was stored, or the reason (UTF-8) when it was refused. A refusal lets
 * the sender fail at once instead of waiting out its timeout.
 *
 * @param hash   the stored payload's hash; empty when refused
 * @param reason why it was refused; empty when stored
 */
public record PushAcknowledgement(Optional<PayloadHash> hash, Optional<String> reason) {
    private static final byte STORED = 0;
    private static final byte REFUSED = 1;
    /** Reasons are cut to this many bytes: enough to read, never a large message. */
    public static final int MAX_REASON_BYTES = 1024;

    public PushAcknowledgement {
        if (hash.isPresent() == reason.isPresent()) {
            throw new IllegalArgumentException("an acknowledgement carries a hash or a reason, not both or neither");
        }
    }

    public static PushAcknowledgement stored(PayloadHash hash) {
        return new PushAcknowledgement(Optional.of(hash), Optional.empty());
    }

    public static PushAcknowledgement refused(String reason) {
        return new PushAcknowledgement(Optional.empty(), Optional.of(reason == null || reason.isBlank() ? "refused" : reason));
    }

    public byte[] encode() {
        byte[] body = hash.map(PayloadHash::bytes).orElseGet(() -> {
            byte[] text = reason.get().getBytes(StandardCharsets.UTF_8);
            return text.length > MAX_REASON_BYTES ? Arrays.copyOf(text, MAX_REASON_BYTES) : text;
        });
        byte[] out = new byte[1 + body.length];
        out[0] = hash.isPresent() ? STORED : REFUSED;
        System.arraycopy(body, 0, out, 1, body.length);
        return out;
    }

    /** @throws PayloadDecodingException if the bytes are no acknowledgement */
    public static PushAcknowledgement decode(byte[] bytes) {
        if (bytes.length == 0) {
            throw new PayloadDecodingException("an empty acknowledgement");
        }
        byte[] body = Arrays.copyOfRange(bytes, 1, bytes.length);
        return switch (bytes[0]) {
            case STORED -> {
                if (body.length != PayloadHash.LENGTH) {
                    throw new PayloadDecodingException("an acknowledgement's hash is " + PayloadHash.LENGTH + " bytes, found "
                            + body.length);
                }
                yield stored(PayloadHash.of(body));
            }
            case REFUSED -> {
                if (body.length > MAX_REASON_BYTES) {
                    throw new PayloadDecodingException("a refusal's reason exceeds " + MAX_REASON_BYTES + " bytes");
                }
                yield refused(new String(body, StandardCharsets.UTF_8));
            }
            default -> throw new PayloadDecodingException("unknown acknowledgement status " + bytes[0]);
        };
    }
}
