package org.quorumee.core.peer;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.quorumee.core.peer.PeerMessage.BlockAnnouncement;
import org.quorumee.core.peer.PeerMessage.BlockRequest;
import org.quorumee.core.peer.PeerMessage.BlockResponse;
import org.quorumee.core.peer.PeerMessage.Body;
import org.quorumee.core.peer.PeerMessage.Consensus;
import org.quorumee.core.peer.PeerMessage.PrivacyAck;
import org.quorumee.core.peer.PeerMessage.PrivacyPush;
import org.quorumee.core.peer.PeerMessage.Transactions;
import org.quorumee.core.rlp.Rlp;
import org.quorumee.core.rlp.RlpException;
import org.quorumee.core.rlp.RlpItem;
import org.quorumee.core.rlp.RlpWriter;

/**
 * The wire form of a {@link PeerMessage}: {@code RLP([version, type, id, correlationId, body])},
 * the body an RLP list whose shape the type fixes:
 * <ul>
 *   <li>TRANSACTIONS: {@code [raw tx, ...]} (each a non-empty byte string)</li>
 *   <li>BLOCK_ANNOUNCEMENT: {@code [number, hash]}</li>
 *   <li>BLOCK_REQUEST: {@code [fromNumber, maxBlocks]}</li>
 *   <li>BLOCK_RESPONSE: {@code [block RLP as a byte string, ...]}</li>
 *   <li>CONSENSUS: {@code [engine name, payload]}</li>
 *   <li>PRIVACY_PUSH, PRIVACY_ACK: {@code [payload]}</li>
 * </ul>
 * Decoding is strict: the size is checked before anything is read, then the RLP must be canonical,
 * the version this node speaks, the type known, every field of its exact shape and nothing extra.
 * Any fault is an {@link InvalidPeerMessageException} saying what is wrong.
 */
public final class PeerMessageCodec {
    /** The default largest message: room for a batch of full blocks, small enough to refuse floods. */
    public static final int DEFAULT_MAX_BYTES = 16 * 1024 * 1024;

    private final int maxBytes;

    public PeerMessageCodec() {
        this(DEFAULT_MAX_BYTES);
    }

    public PeerMessageCodec(int maxBytes) {
        if (maxBytes < 64) {
            throw new IllegalArgumentException("a maximum message size below 64 bytes leaves no room for a message");
        }
        this.maxBytes = maxBytes;
    }

    public int maxBytes() {
        return maxBytes;
    }

    /**
     * The message's bytes.
     *
     * @throws IllegalArgumentException when they would exceed the maximum size (nothing is sent then)
     */
    public byte[] encode(PeerMessage message) {
        RlpWriter out = new RlpWriter(256);
        out.startList()
                .writeLong(PeerMessage.VERSION)
                .writeLong(message.type().code())
                .writeBytes(message.id())
                .writeBytes(message.correlationId());
        out.startList();
        writeBody(out, message.body());
        out.endList();
        out.endList();
        byte[] bytes = out.toByteArray();
        if (bytes.length > maxBytes) {
            throw new IllegalArgumentException(message.type() + " message of " + bytes.length
                    + " bytes exceeds the maximum of " + maxBytes);
        }
        return bytes;
    }

    private static void writeBody(RlpWriter out, Body body) {
        // Java 17: no pattern switch; the sealed Body keeps this list complete.
        if (body instanceof Transactions t) {
            t.rawTransactions().forEach(out::writeBytes);
        } else if (body instanceof BlockAnnouncement a) {
            out.writeLong(a.number()).writeBytes(a.hash());
        } else if (body instanceof BlockRequest r) {
            out.writeLong(r.fromNumber()).writeLong(r.maxBlocks());
        } else if (body instanceof BlockResponse r) {
            r.encodedBlocks().forEach(out::writeBytes);
        } else if (body instanceof Consensus c) {
            out.writeBytes(c.engine().getBytes(StandardCharsets.US_ASCII)).writeBytes(c.payload());
        } else if (body instanceof PrivacyPush p) {
            out.writeBytes(p.payload());
        } else if (body instanceof PrivacyAck a) {
            out.writeBytes(a.payload());
        } else {
            throw new IllegalStateException("no encoding for " + body.type());
        }
    }

    /**
     * The message these bytes encode.
     *
     * @throws InvalidPeerMessageException when they do not encode exactly one valid message
     */
    public PeerMessage decode(byte[] bytes) {
        if (bytes == null || bytes.length == 0) {
            throw new InvalidPeerMessageException("empty message");
        }
        if (bytes.length > maxBytes) {
            throw new InvalidPeerMessageException("message of " + bytes.length + " bytes exceeds the maximum of "
                    + maxBytes);
        }
        try {
            RlpItem root = Rlp.decode(bytes);
            List<RlpItem> fields = fields(root, 5, "envelope");
            long version = fields.get(0).asLong();
            if (version != PeerMessage.VERSION) {
                throw new InvalidPeerMessageException("unsupported message version " + version + " (this node speaks "
                        + PeerMessage.VERSION + ")");
            }
            long code = fields.get(1).asLong();
            MessageType type = MessageType.ofCode(code);
            if (type == null) {
                throw new InvalidPeerMessageException("unknown message type " + code);
            }
            byte[] id = fields.get(2).bytes();
            byte[] correlationId = fields.get(3).bytes();
            Body body = readBody(type, fields.get(4));
            return new PeerMessage(id, correlationId, body);
        } catch (RlpException e) {
            throw new InvalidPeerMessageException("malformed RLP: " + e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new InvalidPeerMessageException("invalid field: " + e.getMessage(), e);
        }
    }

    private static Body readBody(MessageType type, RlpItem body) {
        String what = type + " body";
        return switch (type) {
            case TRANSACTIONS -> new Transactions(nonEmptyStrings(body, what));
            case BLOCK_ANNOUNCEMENT -> {
                List<RlpItem> f = fields(body, 2, what);
                yield new BlockAnnouncement(f.get(0).asLong(), f.get(1).bytes(32));
            }
            case BLOCK_REQUEST -> {
                List<RlpItem> f = fields(body, 2, what);
                long max = f.get(1).asLong();
                if (max > BlockRequest.MAX_BLOCKS) {
                    throw new InvalidPeerMessageException(what + " asks for " + max + " blocks, at most "
                            + BlockRequest.MAX_BLOCKS);
                }
                yield new BlockRequest(f.get(0).asLong(), (int) max);
            }
            case BLOCK_RESPONSE -> new BlockResponse(nonEmptyStrings(body, what));
            case CONSENSUS -> {
                List<RlpItem> f = fields(body, 2, what);
                yield new Consensus(new String(f.get(0).bytes(), StandardCharsets.US_ASCII), f.get(1).bytes());
            }
            case PRIVACY_PUSH -> new PrivacyPush(fields(body, 1, what).get(0).bytes());
            case PRIVACY_ACK -> new PrivacyAck(fields(body, 1, what).get(0).bytes());
        };
    }

    private static List<RlpItem> fields(RlpItem item, int count, String what) {
        if (!item.isList()) {
            throw new InvalidPeerMessageException(what + " must be a list");
        }
        List<RlpItem> items = item.items();
        if (items.size() != count) {
            throw new InvalidPeerMessageException(what + " has " + items.size() + " fields, " + count + " expected");
        }
        return items;
    }

    private static List<byte[]> nonEmptyStrings(RlpItem item, String what) {
        if (!item.isList()) {
            throw new InvalidPeerMessageException(what + " must be a list");
        }
        List<byte[]> out = new ArrayList<>(item.items().size());
        for (RlpItem child : item.items()) {
            if (child.isList()) {
                throw new InvalidPeerMessageException(what + " holds a list where a byte string belongs");
            }
            byte[] bytes = child.bytes();
            if (bytes.length == 0) {
                throw new InvalidPeerMessageException(what + " holds an empty entry");
            }
            out.add(bytes);
        }
        return out;
    }
}
