package org.quorumee.core.consensus.ibft.message;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.quorumee.core.chain.Block;
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
 * QBFT messages in GoQuorum's RLP layout ({@code consensus/istanbul/qbft/types}). Each signature is
 * the author's over keccak256(rlp([code, payload])):
 * <pre>
 * PROPOSAL     [[[height, round, block], sig], [[signedRoundChange...], [prepare...]]]
 * PREPARE      [[height, round, digest], sig]
 * COMMIT       [[height, round, digest, commitSeal], sig]
 * ROUND-CHANGE [[[height, round, [preparedRound, preparedDigest] | []], sig], preparedBlock | [], [prepare...] | []]
 * </pre>
 * Decoding recovers each author from its signature (nested ones too), so a decoded message is
 * authentic; whether the author may send it is the state machine's business.
 */
public final class QbftCodec {
    public static final int PROPOSAL = 0x12;
    public static final int PREPARE = 0x13;
    public static final int COMMIT = 0x14;
    public static final int ROUND_CHANGE = 0x15;

    private final SignatureRecovery recovery;

    public QbftCodec(SignatureRecovery recovery) {
        this.recovery = recovery;
    }

    // ---- signing payloads ----

    private static byte[] signingHash(int code, byte[] payload) {
        RlpWriter w = new RlpWriter(payload.length + 8);
        w.startList().writeLong(code).writeEncoded(payload).endList();
        return Keccak.keccak256(w.toByteArray());
    }

    private static byte[] proposalPayload(long height, int round, Block block) {
        return new RlpWriter().startList().writeLong(height).writeLong(round).writeEncoded(block.encode()).endList().toByteArray();
    }

    private static byte[] preparePayload(long height, int round, byte[] digest) {
        return new RlpWriter().startList().writeLong(height).writeLong(round).writeBytes(digest).endList().toByteArray();
    }

    private static byte[] commitPayload(long height, int round, byte[] digest, byte[] seal) {
        return new RlpWriter().startList().writeLong(height).writeLong(round).writeBytes(digest).writeBytes(seal)
                .endList().toByteArray();
    }

    private static byte[] roundChangePayload(long height, int round, Integer preparedRound, byte[] preparedDigest) {
        RlpWriter w = new RlpWriter().startList().writeLong(height).writeLong(round).startList();
        if (preparedRound != null) {
            w.writeLong(preparedRound).writeBytes(preparedDigest);
        }
        return w.endList().endList().toByteArray();
    }

    private static byte[] sign(NodeSigner signer, int code, byte[] payload) {
        return signer.sign(signingHash(code, payload)).toBytes();
    }

    // ---- creation ----

    public static QbftProposal proposal(long height, int round, Block block, List<QbftRoundChangePayload> roundChanges,
            List<QbftPrepare> prepares, NodeSigner signer) {
        byte[] sig = sign(signer, PROPOSAL, proposalPayload(height, round, block));
        return new QbftProposal(height, round, block, sig, signer.address(), roundChanges, prepares);
    }

    public static QbftPrepare prepare(long height, int round, byte[] digest, NodeSigner signer) {
        return new QbftPrepare(height, round, digest, sign(signer, PREPARE, preparePayload(height, round, digest)), signer.address());
    }

    public static QbftCommit commit(long height, int round, byte[] digest, byte[] commitSeal, NodeSigner signer) {
        byte[] sig = sign(signer, COMMIT, commitPayload(height, round, digest, commitSeal));
        return new QbftCommit(height, round, digest, commitSeal, sig, signer.address());
    }

    /**
     * @param preparedBlock the block of the prepared certificate, null when not prepared
     * @param preparedRound its round, null when not prepared
     */
    public static QbftRoundChange roundChange(long height, int round, Integer preparedRound, Block preparedBlock,
            List<QbftPrepare> justification, NodeSigner signer) {
        byte[] digest = preparedBlock == null ? null : preparedBlock.hash();
        Integer pr = preparedBlock == null ? null : preparedRound;
        byte[] sig = sign(signer, ROUND_CHANGE, roundChangePayload(height, round, pr, digest));
        QbftRoundChangePayload payload = new QbftRoundChangePayload(height, round, pr, digest, sig, signer.address());
        return new QbftRoundChange(payload, preparedBlock, preparedBlock == null ? List.of() : justification);
    }

    // ---- encoding ----

    public static WireMessage wire(QbftProposal m) {
        RlpWriter w = new RlpWriter();
        w.startList();
        w.startList().writeEncoded(proposalPayload(m.height(), m.round(), m.block())).writeBytes(m.signature()).endList();
        w.startList();
        w.startList();
        for (QbftRoundChangePayload rc : m.roundChanges()) {
            writeSignedRoundChange(w, rc);
        }
        w.endList();
        w.startList();
        for (QbftPrepare p : m.prepares()) {
            writePrepare(w, p);
        }
        w.endList();
        w.endList();
        w.endList();
        return new WireMessage(PROPOSAL, w.toByteArray());
    }

    public static WireMessage wire(QbftPrepare m) {
        RlpWriter w = new RlpWriter();
        writePrepare(w, m);
        return new WireMessage(PREPARE, w.toByteArray());
    }

    public static WireMessage wire(QbftCommit m) {
        RlpWriter w = new RlpWriter();
        w.startList().writeEncoded(commitPayload(m.height(), m.round(), m.digest(), m.commitSeal())).writeBytes(m.signature())
                .endList();
        return new WireMessage(COMMIT, w.toByteArray());
    }

    public static WireMessage wire(QbftRoundChange m) {
        RlpWriter w = new RlpWriter();
        w.startList();
        writeSignedRoundChange(w, m.payload());
        if (m.preparedBlock() == null) {
            w.writeEncoded(Rlp.EMPTY_LIST);
        } else {
            w.writeEncoded(m.preparedBlock().encode());
        }
        w.startList();
        for (QbftPrepare p : m.justification()) {
            writePrepare(w, p);
        }
        w.endList();
        w.endList();
        return new WireMessage(ROUND_CHANGE, w.toByteArray());
    }

    private static void writePrepare(RlpWriter w, QbftPrepare p) {
        w.startList().writeEncoded(preparePayload(p.height(), p.round(), p.digest())).writeBytes(p.signature()).endList();
    }

    private static void writeSignedRoundChange(RlpWriter w, QbftRoundChangePayload rc) {
        w.startList().writeEncoded(roundChangePayload(rc.height(), rc.round(), rc.preparedRound(), rc.preparedDigest()))
                .writeBytes(rc.signature()).endList();
    }

    // ---- decoding ----

    /**
     * Decodes a QBFT message (a {@link QbftProposal}, {@link QbftPrepare}, {@link QbftCommit} or
     * {@link QbftRoundChange}) and authenticates every signature in it.
     *
     * @throws InvalidMessageException on malformed input or a signature no address can be recovered from
     */
    public QbftMessage decode(WireMessage wire) {
        try {
            RlpItem root = Rlp.decode(wire.payload());
            return switch (wire.code()) {
                case PROPOSAL -> decodeProposal(root);
                case PREPARE -> decodePrepare(root);
                case COMMIT -> decodeCommit(root);
                case ROUND_CHANGE -> decodeRoundChange(root);
                default -> throw new InvalidMessageException("not a QBFT message code: 0x" + Integer.toHexString(wire.code()));
            };
        } catch (RlpException | InvalidSignatureException | IllegalArgumentException e) {
            if (e instanceof InvalidMessageException ime) {
                throw ime;
            }
            throw new InvalidMessageException("invalid QBFT message: " + e.getMessage(), e);
        }
    }

    private Address author(int code, RlpItem payload, byte[] signature) {
        return recovery.recover(signingHash(code, payload.encoded()), signature);
    }

    private QbftProposal decodeProposal(RlpItem root) {
        RlpReads.list(root, 2, "a proposal");
        RlpItem signed = RlpReads.list(root.item(0), 2, "a signed proposal");
        RlpItem payload = RlpReads.list(signed.item(0), 3, "a proposal payload");
        long height = payload.item(0).asLong();
        int round = RlpReads.round(payload.item(1));
        Block block = RlpReads.block(payload.item(2));
        byte[] sig = signed.item(1).bytes();
        Address author = author(PROPOSAL, payload, sig);
        RlpItem justification = RlpReads.list(root.item(1), 2, "a proposal justification");
        List<QbftRoundChangePayload> rcs = new ArrayList<>();
        for (RlpItem rc : justification.item(0).items()) {
            rcs.add(decodeSignedRoundChange(rc));
        }
        List<QbftPrepare> prepares = new ArrayList<>();
        for (RlpItem p : justification.item(1).items()) {
            prepares.add(decodePrepare(p));
        }
        return new QbftProposal(height, round, block, sig, author, rcs, prepares);
    }

    private QbftPrepare decodePrepare(RlpItem root) {
        RlpReads.list(root, 2, "a prepare");
        RlpItem payload = RlpReads.list(root.item(0), 3, "a prepare payload");
        byte[] sig = root.item(1).bytes();
        return new QbftPrepare(payload.item(0).asLong(), RlpReads.round(payload.item(1)), RlpReads.hash(payload.item(2)), sig,
                author(PREPARE, payload, sig));
    }

    private QbftCommit decodeCommit(RlpItem root) {
        RlpReads.list(root, 2, "a commit");
        RlpItem payload = RlpReads.list(root.item(0), 4, "a commit payload");
        byte[] sig = root.item(1).bytes();
        return new QbftCommit(payload.item(0).asLong(), RlpReads.round(payload.item(1)), RlpReads.hash(payload.item(2)),
                payload.item(3).bytes(), sig, author(COMMIT, payload, sig));
    }

    private QbftRoundChangePayload decodeSignedRoundChange(RlpItem signed) {
        RlpReads.list(signed, 2, "a signed round change");
        RlpItem payload = RlpReads.list(signed.item(0), 3, "a round change payload");
        RlpItem prepared = payload.item(2);
        if (!prepared.isList() || (prepared.items().size() != 0 && prepared.items().size() != 2)) {
            throw new InvalidMessageException("a round change's prepared part is [] or [round, digest]");
        }
        Integer preparedRound = null;
        byte[] preparedDigest = null;
        if (prepared.items().size() == 2) {
            preparedRound = RlpReads.round(prepared.item(0));
            preparedDigest = RlpReads.hash(prepared.item(1));
        }
        byte[] sig = signed.item(1).bytes();
        return new QbftRoundChangePayload(payload.item(0).asLong(), RlpReads.round(payload.item(1)), preparedRound,
                preparedDigest, sig, author(ROUND_CHANGE, payload, sig));
    }

    private QbftRoundChange decodeRoundChange(RlpItem root) {
        RlpReads.list(root, 3, "a round change");
        QbftRoundChangePayload payload = decodeSignedRoundChange(root.item(0));
        Block block = isEmpty(root.item(1)) ? null : RlpReads.block(root.item(1));
        List<QbftPrepare> justification = new ArrayList<>();
        if (!isEmpty(root.item(2))) {
            for (RlpItem p : root.item(2).items()) {
                justification.add(decodePrepare(p));
            }
        }
        if ((block == null) != !payload.isPrepared()
                || (block != null && !Arrays.equals(block.hash(), payload.preparedDigest()))) {
            throw new InvalidMessageException("a round change's prepared block does not match its prepared digest");
        }
        return new QbftRoundChange(payload, block, justification);
    }

    private static boolean isEmpty(RlpItem item) {
        return item.isList() ? item.items().isEmpty() : item.payloadLength() == 0;
    }
}
