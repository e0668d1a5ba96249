package org.quorumee.core.consensus.ibft.message;

import org.quorumee.core.chain.Block;
import org.quorumee.core.consensus.ibft.IstanbulHeaders;
import org.quorumee.core.consensus.ibft.NodeSigner;
import org.quorumee.core.consensus.ibft.SignatureRecovery;
import org.quorumee.core.crypto.InvalidSignatureException;
import org.quorumee.core.crypto.Keccak;
import org.quorumee.core.rlp.Rlp;
import org.quorumee.core.rlp.RlpException;
import org.quorumee.core.rlp.RlpItem;
import org.quorumee.core.rlp.RlpWriter;
import org.quorumee.core.types.Address;

/**
 * Legacy IBFT messages in GoQuorum's layout ({@code consensus/istanbul/ibft/types}): an envelope
 * {@code rlp([code, msg, address, signature, committedSeal])} where msg is
 * {@code rlp([[round, sequence], block])} (PRE-PREPARE) or {@code rlp([[round, sequence], digest])}
 * (the others; note the view puts the round first). The signature is the author's over
 * keccak256 of the envelope with an empty signature; a COMMIT's committed seal signs
 * keccak256(digest || 0x02).
 */
public final class IbftCodec {
    private static final byte[] ZERO_HASH = new byte[32];

    private final SignatureRecovery recovery;

    public IbftCodec(SignatureRecovery recovery) {
        this.recovery = recovery;
    }

    private static byte[] envelope(int code, byte[] msg, Address address, byte[] signature, byte[] committedSeal) {
        RlpWriter w = new RlpWriter(msg.length + 180);
        w.startList().writeLong(code).writeBytes(msg).writeBytes(address.toArray()).writeBytes(signature)
                .writeBytes(committedSeal).endList();
        return w.toByteArray();
    }

    private static byte[] inner(long height, int round, Block block, byte[] digest) {
        RlpWriter w = new RlpWriter();
        w.startList().startList().writeLong(round).writeLong(height).endList();
        if (block != null) {
            w.writeEncoded(block.encode());
        } else {
            w.writeBytes(digest);
        }
        return w.endList().toByteArray();
    }

    private static IbftMessage create(int code, long height, int round, Block block, byte[] digest, NodeSigner signer) {
        byte[] seal = new byte[0];
        if (code == IbftMessage.COMMIT) {
            seal = signer.sign(IstanbulHeaders.ibftCommittedSealHash(digest)).toBytes();
        }
        byte[] msg = inner(height, round, block, digest);
        byte[] unsigned = envelope(code, msg, signer.address(), new byte[0], seal);
        byte[] sig = signer.sign(Keccak.keccak256(unsigned)).toBytes();
        return new IbftMessage(code, height, round, block, digest, seal, signer.address(), sig);
    }

    public static IbftMessage preprepare(long height, int round, Block block, NodeSigner signer) {
        return create(IbftMessage.PREPREPARE, height, round, block, null, signer);
    }

    public static IbftMessage prepare(long height, int round, byte[] digest, NodeSigner signer) {
        return create(IbftMessage.PREPARE, height, round, null, digest, signer);
    }

    public static IbftMessage commit(long height, int round, byte[] digest, NodeSigner signer) {
        return create(IbftMessage.COMMIT, height, round, null, digest, signer);
    }

    public static IbftMessage roundChange(long height, int round, NodeSigner signer) {
        return create(IbftMessage.ROUND_CHANGE, height, round, null, ZERO_HASH, signer);
    }

    /** The message as it travels: GoQuorum's envelope under the istanbul devp2p code. */
    public static WireMessage wire(IbftMessage m) {
        byte[] msg = inner(m.height(), m.round(), m.block(), m.digest());
        return new WireMessage(WireMessage.IBFT_CODE, envelope(m.code(), msg, m.author(), m.signature(), m.committedSeal()));
    }

    /**
     * Decodes an IBFT envelope and checks that its signature is its claimed author's.
     *
     * @throws InvalidMessageException on malformed input, an unknown code or a bad signature
     */
    public IbftMessage decode(WireMessage wire) {
        if (wire.code() != WireMessage.IBFT_CODE) {
            throw new InvalidMessageException("not an IBFT message code: 0x" + Integer.toHexString(wire.code()));
        }
        try {
            RlpItem env = RlpReads.list(Rlp.decode(wire.payload()), 5, "an IBFT envelope");
            long code = env.item(0).asLong();
            if (code > IbftMessage.ROUND_CHANGE) {
                throw new InvalidMessageException("unknown IBFT message code " + code);
            }
            byte[] msg = env.item(1).bytes();
            Address address = Address.wrap(env.item(2).bytes(Address.SIZE));
            byte[] sig = env.item(3).bytes();
            byte[] seal = env.item(4).bytes();
            Address signer = recovery.recover(Keccak.keccak256(envelope((int) code, msg, address, new byte[0], seal)), sig);
            if (!signer.equals(address)) {
                throw new InvalidMessageException("IBFT message signed by " + signer + " claims " + address);
            }
            RlpItem body = RlpReads.list(Rlp.decode(msg), 2, "an IBFT message body");
            RlpItem view = RlpReads.list(body.item(0), 2, "an IBFT view");
            int round = RlpReads.round(view.item(0));
            long height = view.item(1).asLong();
            if (code == IbftMessage.PREPREPARE) {
                return new IbftMessage((int) code, height, round, RlpReads.block(body.item(1)), null, seal, address, sig);
            }
            return new IbftMessage((int) code, height, round, null, RlpReads.hash(body.item(1)), seal, address, sig);
        } catch (RlpException | InvalidSignatureException | IllegalArgumentException e) {
            if (e instanceof InvalidMessageException ime) {
                throw ime;
            }
            throw new InvalidMessageException("invalid IBFT message: " + e.getMessage(), e);
        }
    }
}
