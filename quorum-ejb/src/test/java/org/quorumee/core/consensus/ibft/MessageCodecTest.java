package org.quorumee.core.consensus.ibft;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.quorumee.core.chain.Block;
import org.quorumee.core.consensus.ibft.message.IbftCodec;
import org.quorumee.core.consensus.ibft.message.IbftMessage;
import org.quorumee.core.consensus.ibft.message.InvalidMessageException;
import org.quorumee.core.consensus.ibft.message.QbftCodec;
import org.quorumee.core.consensus.ibft.message.QbftCommit;
import org.quorumee.core.consensus.ibft.message.QbftPrepare;
import org.quorumee.core.consensus.ibft.message.QbftProposal;
import org.quorumee.core.consensus.ibft.message.QbftRoundChange;
import org.quorumee.core.consensus.ibft.message.WireMessage;
import org.quorumee.core.crypto.Keccak;
import org.quorumee.core.crypto.KeyPair;
import org.quorumee.core.rlp.Rlp;

/**
 * The message layouts, assembled here by hand from GoQuorum's field order
 * ({@code qbft/types/*.go}, {@code ibft/types/message.go}, {@code istanbul/types.go}), against the
 * codecs; and decoding, which must authenticate every signature.
 */
class MessageCodecTest {
    private static final KeyPair KEY = KeyPair.fromPrivateKey(Keccak.keccak256("k".getBytes()));
    private static final NodeSigner SIGNER = IstanbulFormatsTest.signer(KEY);
    private static final byte[] DIGEST = Keccak.keccak256("block".getBytes());

    private static byte[] sig(byte[] signed) {
        return KEY.sign(Keccak.keccak256(signed)).toBytes();
    }

    @Test
    void qbftPrepareAndCommitLayouts() {
        byte[] payload = Rlp.encodeList(Rlp.encodeLong(7), Rlp.encodeLong(2), Rlp.encodeBytes(DIGEST));
        byte[] signed = Rlp.encodeList(Rlp.encodeLong(0x13), payload);
        byte[] expected = Rlp.encodeList(payload, Rlp.encodeBytes(sig(signed)));
        assertArrayEquals(expected, QbftCodec.wire(QbftCodec.prepare(7, 2, DIGEST, SIGNER)).payload());

        byte[] seal = new byte[65];
        byte[] commitPayload = Rlp.encodeList(Rlp.encodeLong(7), Rlp.encodeLong(0), Rlp.encodeBytes(DIGEST), Rlp.encodeBytes(seal));
        byte[] commitSigned = Rlp.encodeList(Rlp.encodeLong(0x14), commitPayload);
        assertArrayEquals(Rlp.encodeList(commitPayload, Rlp.encodeBytes(sig(commitSigned))),
                QbftCodec.wire(QbftCodec.commit(7, 0, DIGEST, seal, SIGNER)).payload());
    }

    @Test
    void qbftRoundChangeLayoutWithAndWithoutACertificate() {
        byte[] payload = Rlp.encodeList(Rlp.encodeLong(7), Rlp.encodeLong(1), Rlp.EMPTY_LIST);
        byte[] signed = Rlp.encodeList(Rlp.encodeLong(0x15), payload);
        byte[] expected = Rlp.encodeList(Rlp.encodeList(payload, Rlp.encodeBytes(sig(signed))), Rlp.EMPTY_LIST, Rlp.EMPTY_LIST);
        assertArrayEquals(expected, QbftCodec.wire(QbftCodec.roundChange(7, 1, null, null, List.of(), SIGNER)).payload());

        Block block = block();
        QbftPrepare p = QbftCodec.prepare(block.header().number(), 0, block.hash(), SIGNER);
        QbftRoundChange rc = QbftCodec.roundChange(block.header().number(), 3, 0, block, List.of(p), SIGNER);
        byte[] preparedPayload = Rlp.encodeList(Rlp.encodeLong(block.header().number()), Rlp.encodeLong(3),
                Rlp.encodeList(Rlp.encodeLong(0), Rlp.encodeBytes(block.hash())));
        byte[] preparedSigned = Rlp.encodeList(Rlp.encodeLong(0x15), preparedPayload);
        byte[] encodedPrepare = QbftCodec.wire(p).payload();
        assertArrayEquals(Rlp.encodeList(Rlp.encodeList(preparedPayload, Rlp.encodeBytes(sig(preparedSigned))), block.encode(),
                Rlp.encodeList(encodedPrepare)), QbftCodec.wire(rc).payload());
    }

    @Test
    void qbftProposalLayoutAndRoundTrip() {
        Block block = block();
        long h = block.header().number();
        QbftRoundChange rc = QbftCodec.roundChange(h, 1, null, null, List.of(), SIGNER);
        QbftPrepare prepare = QbftCodec.prepare(h, 0, block.hash(), SIGNER);
        QbftProposal proposal = QbftCodec.proposal(h, 1, block, List.of(rc.payload()), List.of(prepare), SIGNER);
        byte[] payload = Rlp.encodeList(Rlp.encodeLong(h), Rlp.encodeLong(1), block.encode());
        byte[] signed = Rlp.encodeList(Rlp.encodeLong(0x12), payload);
        byte[] rcSigned = Rlp.decode(QbftCodec.wire(rc).payload()).item(0).encoded();
        byte[] expected = Rlp.encodeList(Rlp.encodeList(payload, Rlp.encodeBytes(sig(signed))),
                Rlp.encodeList(Rlp.encodeList(rcSigned), Rlp.encodeList(QbftCodec.wire(prepare).payload())));
        assertArrayEquals(expected, QbftCodec.wire(proposal).payload());

        QbftProposal decoded = (QbftProposal) new QbftCodec(SignatureRecovery.SECP256K1).decode(WireMessage.decode(QbftCodec.wire(proposal).encode()));
        assertEquals(KEY.address(), decoded.author());
        assertEquals(1, decoded.round());
        assertArrayEquals(block.hash(), decoded.block().hash());
        assertEquals(KEY.address(), decoded.roundChanges().get(0).author());
        assertEquals(KEY.address(), decoded.prepares().get(0).author());
    }

    @Test
    void qbftDecodingAuthenticatesEverySignature() {
        QbftCodec codec = new QbftCodec(SignatureRecovery.SECP256K1);
        QbftCommit commit = QbftCodec.commit(9, 4, DIGEST, new byte[65], SIGNER);
        QbftCommit back = (QbftCommit) codec.decode(QbftCodec.wire(commit));
        assertEquals(KEY.address(), back.author());
        assertEquals(4, back.round());
        // A flipped digest bit: the signature recovers someone else (or nobody).
        byte[] bytes = QbftCodec.wire(commit).payload();
        bytes[12] ^= 1;
        Object tampered = null;
        try {
            tampered = codec.decode(new WireMessage(QbftCodec.COMMIT, bytes));
        } catch (InvalidMessageException e) {
            // also acceptable
        }
        if (tampered != null) {
            assertNotEquals(KEY.address(), ((QbftCommit) tampered).author());
        }
        // A prepared round change whose block does not match its digest is refused.
        Block block = block();
        QbftRoundChange rc = QbftCodec.roundChange(block.header().number(), 2, 0, block, List.of(), SIGNER);
        byte[] rcBytes = QbftCodec.wire(rc).payload();
        var items = Rlp.decode(rcBytes).items();
        Block other = new Block(block.header().toBuilder().timestamp(block.header().timestamp() + 1).build(), List.of(), List.of(), null);
        byte[] swapped = Rlp.encodeList(items.get(0).encoded(), other.encode(), items.get(2).encoded());
        assertThrows(InvalidMessageException.class, () -> codec.decode(new WireMessage(QbftCodec.ROUND_CHANGE, swapped)));
    }

    @Test
    void ibftEnvelopeLayout() {
        byte[] msg = Rlp.encodeList(Rlp.encodeList(Rlp.encodeLong(2), Rlp.encodeLong(7)), Rlp.encodeBytes(DIGEST));
        byte[] seal = KEY.sign(Keccak.keccak256(concat(DIGEST, new byte[] {2}))).toBytes();
        byte[] unsigned = Rlp.encodeList(Rlp.encodeLong(2), Rlp.encodeBytes(msg), Rlp.encodeBytes(KEY.address().toArray()),
                Rlp.EMPTY_STRING, Rlp.encodeBytes(seal));
        byte[] expected = Rlp.encodeList(Rlp.encodeLong(2), Rlp.encodeBytes(msg), Rlp.encodeBytes(KEY.address().toArray()),
                Rlp.encodeBytes(sig(unsigned)), Rlp.encodeBytes(seal));
        WireMessage wire = IbftCodec.wire(IbftCodec.commit(7, 2, DIGEST, SIGNER));
        assertEquals(WireMessage.IBFT_CODE, wire.code());
        assertArrayEquals(expected, wire.payload());

        IbftMessage decoded = new IbftCodec(SignatureRecovery.SECP256K1).decode(wire);
        assertEquals(IbftMessage.COMMIT, decoded.code());
        assertEquals(7, decoded.height());
        assertEquals(2, decoded.round());
        assertArrayEquals(seal, decoded.committedSeal());
        // Non-commits carry an empty committed seal, and a round change a zero digest.
        IbftMessage rc = new IbftCodec(SignatureRecovery.SECP256K1).decode(IbftCodec.wire(IbftCodec.roundChange(7, 3, SIGNER)));
        assertArrayEquals(new byte[32], rc.digest());
        assertEquals(0, rc.committedSeal().length);
        assertNull(rc.block());
    }

    @Test
    void ibftEnvelopeSignedByAnotherKeyIsRefused() {
        KeyPair other = KeyPair.fromPrivateKey(Keccak.keccak256("other".getBytes()));
        IbftMessage real = IbftCodec.prepare(7, 0, DIGEST, SIGNER);
        IbftMessage claimed = new IbftMessage(real.code(), 7, 0, null, DIGEST, new byte[0], KEY.address(),
                IbftCodec.prepare(7, 0, DIGEST, IstanbulFormatsTest.signer(other)).signature());
        assertThrows(InvalidMessageException.class, () -> new IbftCodec(SignatureRecovery.SECP256K1).decode(IbftCodec.wire(claimed)));
    }

    @Test
    void wireVersionIsChecked() {
        WireMessage m = new WireMessage(0x13, new byte[] {1, 2});
        assertEquals(0x13, WireMessage.decode(m.encode()).code());
        byte[] v2 = Rlp.encodeList(Rlp.encodeLong(2), Rlp.encodeLong(0x13), Rlp.encodeBytes(new byte[] {1, 2}));
        assertThrows(InvalidMessageException.class, () -> WireMessage.decode(v2));
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static Block block() {
        LocalNode node = LocalNode.qbft(4, 0);
        return node.block(node.proposer(0), node.blockTime(), "m");
    }
}
