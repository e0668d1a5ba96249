package org.quorumee.core.consensus.ibft.message;

import org.quorumee.core.rlp.Rlp;
import org.quorumee.core.rlp.RlpException;
import org.quorumee.core.rlp.RlpItem;
import org.quorumee.core.rlp.RlpWriter;

/**
 * What travels between validators: {@code rlp([version, code, payload])}. The code and payload are
 * GoQuorum's devp2p ones — {@code 0x11} (istanbulMsg) with an IBFT message envelope as payload, or
 * {@code 0x12..0x15} with a QBFT message — so the payload bytes are exactly what a GoQuorum node
 * would exchange; the version lets the layout change without confusing an older node.
 */
public record WireMessage(int code, byte[] payload) {
    /** The layout written and the only one read. */
    public static final int VERSION = 1;
    /** GoQuorum's devp2p code for IBFT messages (the IBFT message code is inside the payload). */
    public static final int IBFT_CODE = 0x11;

    public WireMessage {
        payload = payload.clone();
    }

    @Override
    public byte[] payload() {
        return payload.clone();
    }

    public byte[] encode() {
        RlpWriter w = new RlpWriter(payload.length + 16);
        w.startList().writeLong(VERSION).writeLong(code).writeBytes(payload).endList();
        return w.toByteArray();
    }

    /** @throws InvalidMessageException on malformed input or another version */
    public static WireMessage decode(byte[] wire) {
        try {
            RlpItem root = Rlp.decode(wire);
            if (!root.isList() || root.items().size() != 3) {
                throw new InvalidMessageException("a consensus message is rlp([version, code, payload])");
            }
            long version = root.item(0).asLong();
            if (version != VERSION) {
                throw new InvalidMessageException("consensus message version " + version + " is not " + VERSION);
            }
            long code = root.item(1).asLong();
            if (code > 0xff) {
                throw new InvalidMessageException("consensus message code " + code + " is out of range");
            }
            return new WireMessage((int) code, root.item(2).bytes());
        } catch (RlpException e) {
            throw new InvalidMessageException("malformed consensus message: " + e.getMessage(), e);
        }
    }
}
