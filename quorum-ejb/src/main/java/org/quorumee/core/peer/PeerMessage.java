package org.quorumee.core.peer;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.quorumee.core.bytes.Hex;

/**
 * One message between peers: an ID (for dedupe: a receiver drops an ID it has seen), the ID of the
 * message it answers (empty unless it is a response), and a typed body. The sender is not in the
 * message: the receiving broker stamps the enode proven by the sender's TLS certificate.
 *
 * @param id            {@link #ID_LENGTH} bytes, unique per message (random, or derived from content
 *                      when equal content must dedupe)
 * @param correlationId empty, or the {@code id} of the request this message answers
 * @param body          what the message says; its class gives the {@link MessageType}
 */
public record PeerMessage(byte[] id, byte[] correlationId, Body body) {
    /** The envelope version this node writes and the only one it reads. */
    public static final int VERSION = 1;
    public static final int ID_LENGTH = 16;

    public PeerMessage {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(correlationId, "correlationId");
        Objects.requireNonNull(body, "body");
        if (id.length != ID_LENGTH) {
            throw new IllegalArgumentException("a message ID is " + ID_LENGTH + " bytes, found " + id.length);
        }
        if (correlationId.length != 0 && correlationId.length != ID_LENGTH) {
            throw new IllegalArgumentException("a correlation ID is empty or " + ID_LENGTH + " bytes, found "
                    + correlationId.length);
        }
        id = id.clone();
        correlationId = correlationId.clone();
    }

    /** A message that answers nobody. */
    public PeerMessage(byte[] id, Body body) {
        this(id, new byte[0], body);
    }

    @Override
    public byte[] id() {
        return id.clone();
    }

    @Override
    public byte[] correlationId() {
        return correlationId.clone();
    }

    public MessageType type() {
        return body.type();
    }

    /** The ID as 32 hex digits (dedupe keys, logs). */
    public String idHex() {
        return Hex.encodeNoPrefix(id);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PeerMessage m && Arrays.equals(id, m.id) && Arrays.equals(correlationId, m.correlationId)
                && body.equals(m.body);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(id);
    }

    @Override
    public String toString() {
        return type() + " " + idHex() + (correlationId.length == 0 ? "" : " re " + Hex.encodeNoPrefix(correlationId));
    }

    /** What a message says. */
    public sealed interface Body permits Transactions, BlockAnnouncement, BlockRequest, BlockResponse, Consensus,
            PrivacyPush, PrivacyAck {
        MessageType type();
    }

    /** Transactions in their raw encoding (as {@code eth_sendRawTransaction} takes them). */
    public record Transactions(List<byte[]> rawTransactions) implements Body {
        public Transactions {
            rawTransactions = List.copyOf(rawTransactions);
        }

        @Override
        public MessageType type() {
            return MessageType.TRANSACTIONS;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Transactions t && sameBytes(rawTransactions, t.rawTransactions);
        }

        @Override
        public int hashCode() {
            return rawTransactions.size();
        }
    }

    /** A node's new head. */
    public record BlockAnnouncement(long number, byte[] hash) implements Body {
        public BlockAnnouncement {
            if (number < 0) {
                throw new IllegalArgumentException("negative block number");
            }
            if (hash.length != 32) {
                throw new IllegalArgumentException("a block hash is 32 bytes, found " + hash.length);
            }
            hash = hash.clone();
        }

        @Override
        public byte[] hash() {
            return hash.clone();
        }

        @Override
        public MessageType type() {
            return MessageType.BLOCK_ANNOUNCEMENT;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof BlockAnnouncement b && number == b.number && Arrays.equals(hash, b.hash);
        }

        @Override
        public int hashCode() {
            return Long.hashCode(number);
        }
    }

    /** At most {@code maxBlocks} blocks wanted, from {@code fromNumber} on. */
    public record BlockRequest(long fromNumber, int maxBlocks) implements Body {
        /** The most blocks one request may ask for. */
        public static final int MAX_BLOCKS = 1024;

        public BlockRequest {
            if (fromNumber < 0) {
                throw new IllegalArgumentException("negative block number");
            }
            if (maxBlocks < 1 || maxBlocks > MAX_BLOCKS) {
                throw new IllegalArgumentException("a request asks for 1 to " + MAX_BLOCKS + " blocks, not " + maxBlocks);
            }
        }

        @Override
        public MessageType type() {
            return MessageType.BLOCK_REQUEST;
        }
    }

    /** Blocks in their RLP encoding, in ascending order (possibly none: the peer has no more). */
    public record BlockResponse(List<byte[]> encodedBlocks) implements Body {
        public BlockResponse {
            encodedBlocks = List.copyOf(encodedBlocks);
        }

        @Override
        public MessageType type() {
            return MessageType.BLOCK_RESPONSE;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof BlockResponse b && sameBytes(encodedBlocks, b.encodedBlocks);
        }

        @Override
        public int hashCode() {
            return encodedBlocks.size();
        }
    }

    /**
     * A consensus engine's message; the engine name routes it ({@code raft}, {@code ibft},
     * {@code qbft}...: 1 to 16 characters of a-z, 0-9, '-').
     */
    public record Consensus(String engine, byte[] payload) implements Body {
        public Consensus {
            checkEngine(engine);
            payload = payload.clone();
        }

        @Override
        public byte[] payload() {
            return payload.clone();
        }

        @Override
        public MessageType type() {
            return MessageType.CONSENSUS;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Consensus c && engine.equals(c.engine) && Arrays.equals(payload, c.payload);
        }

        @Override
        public int hashCode() {
            return engine.hashCode();
        }

        static void checkEngine(String engine) {
            if (engine == null || engine.isEmpty() || engine.length() > 16) {
                throw new IllegalArgumentException("an engine name is 1 to 16 characters");
            }
            for (int i = 0; i < engine.length(); i++) {
                char c = engine.charAt(i);
                if (!(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-')) {
                    throw new IllegalArgumentException("an engine name holds only a-z, 0-9 and '-'");
                }
            }
        }
    }

    /** A private payload pushed to a recipient (opaque here; the privacy layer encodes it). */
    public record PrivacyPush(byte[] payload) implements Body {
        public PrivacyPush {
            payload = payload.clone();
        }

        @Override
        public byte[] payload() {
            return payload.clone();
        }

        @Override
        public MessageType type() {
            return MessageType.PRIVACY_PUSH;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof PrivacyPush p && Arrays.equals(payload, p.payload);
        }

        @Override
        public int hashCode() {
            return payload.length;
        }
    }

    /** A recipient's answer to a push (opaque here). */
    public record PrivacyAck(byte[] payload) implements Body {
        public PrivacyAck {
            payload = payload.clone();
        }

        @Override
        public byte[] payload() {
            return payload.clone();
        }

        @Override
        public MessageType type() {
            return MessageType.PRIVACY_ACK;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof PrivacyAck p && Arrays.equals(payload, p.payload);
        }

        @Override
        public int hashCode() {
            return payload.length;
        }
    }

    private static boolean sameBytes(List<byte[]> a, List<byte[]> b) {
        if (a.size() != b.size()) {
            return false;
        }
        for (int i = 0; i < a.size(); i++) {
            if (!Arrays.equals(a.get(i), b.get(i))) {
                return false;
            }
        }
        return true;
    }
}
