package org.quorumee.core.consensus.raft;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.signers.ECDSASigner;
import org.junit.jupiter.api.Test;
import org.quorumee.core.bytes.Hex;
import org.quorumee.core.chain.BlockHeader;
import org.quorumee.core.crypto.KeyPair;
import org.quorumee.core.crypto.Signature;
import org.quorumee.core.types.Address;

/**
 * GoQuorum's Raft seal (raft/minter.go): 32 zero bytes, then RLP([raft id as lower-case hex ASCII,
 * 65-byte signature]). The layout is checked byte by byte against hand-built values; the signature
 * against Bouncy Castle's own ECDSA verifier.
 */
class RaftSealTest {
    private static final KeyPair NODE_KEY = KeyPair.fromPrivateKey(
            Hex.decode("4646464646464646464646464646464646464646464646464646464646464646"));

    private static BlockHeader header(long number, byte[] extra) {
        return BlockHeader.builder().number(number).gasLimit(700_000_000L).gasUsed(21_000)
                .timestamp(1_700_000_000_123_456_789L).coinbase(Address.ZERO).extraData(extra).build();
    }

    @Test
    void theExtraDataIsVanityThenRlpOfHexIdAndSignature() {
        BlockHeader sealed = RaftSeal.seal(header(7, new byte[0]), 10, NODE_KEY);
        byte[] extra = sealed.extraData();
        // 32 + f8 44 (list of 68 bytes) + 61 ("a", a single byte below 0x80) + b8 41 (65 bytes) + signature
        assertEquals(32 + 2 + 1 + 2 + 65, extra.length);
        assertArrayEquals(new byte[32], Arrays.copyOfRange(extra, 0, 32));
        assertEquals("f84461b841", Hex.encodeNoPrefix(Arrays.copyOfRange(extra, 32, 37)));
        byte[] signature = Arrays.copyOfRange(extra, 37, 102);
        assertTrue(signature[64] == 0 || signature[64] == 1, "v is the recovery id 0 or 1, as go-ethereum's crypto.Sign");

        RaftSeal seal = RaftSeal.of(sealed);
        assertEquals(10, seal.raftId());
        assertArrayEquals(signature, seal.signature().toBytes());
        assertArrayEquals(NODE_KEY.publicKey(), seal.signerPublicKey(sealed));
        assertEquals(NODE_KEY.address(), seal.signer(sealed));
    }

    @Test
    void largerIdsAreMinimalHex() {
        byte[] extra = new RaftSeal(0x1234, NODE_KEY.sign(new byte[32])).toExtraData();
        // f8 48: 5 bytes of id (84 "1234") + 2 + 65
        assertEquals("f8488431323334", Hex.encodeNoPrefix(Arrays.copyOfRange(extra, 32, 39)));
        assertEquals(0x1234, RaftSeal.fromExtraData(extra).raftId());
        assertEquals(1, RaftSeal.fromExtraData(new RaftSeal(1, NODE_KEY.sign(new byte[32])).toExtraData()).raftId());
    }

    @Test
    void theSignatureCoversTheHeaderWithEmptyExtraData() {
        BlockHeader unsealed = header(8, new byte[0]);
        BlockHeader sealed = RaftSeal.seal(unsealed, 3, NODE_KEY);
        // the hash signed is the hash of the same header built with no extraData
        assertArrayEquals(unsealed.hash(), RaftSeal.signingHash(sealed));
        // Bouncy Castle's verifier, on its own curve parameters, accepts the signature
        Signature sig = RaftSeal.of(sealed).signature();
        X9ECParameters curve = CustomNamedCurves.getByName("secp256k1");
        ECDomainParameters domain = new ECDomainParameters(curve.getCurve(), curve.getG(), curve.getN(), curve.getH());
        byte[] encodedPoint = new byte[65];
        encodedPoint[0] = 4;
        System.arraycopy(NODE_KEY.publicKey(), 0, encodedPoint, 1, 64);
        ECDSASigner verifier = new ECDSASigner();
        verifier.init(false, new ECPublicKeyParameters(curve.getCurve().decodePoint(encodedPoint), domain));
        assertTrue(verifier.verifySignature(unsealed.hash(), sig.r(), sig.s()));
        assertFalse(verifier.verifySignature(sealed.hash(), sig.r(), sig.s()));
    }

    @Test
    void verificationNamesTheMinter() {
        BlockHeader sealed = RaftSeal.seal(header(9, new byte[0]), 2, NODE_KEY);
        assertTrue(RaftSeal.isSealedBy(sealed, 2, NODE_KEY.publicKey()));
        assertFalse(RaftSeal.isSealedBy(sealed, 3, NODE_KEY.publicKey()), "another raft id");
        KeyPair other = KeyPair.fromPrivateKey(Hex.decode("01".repeat(32)));
        assertFalse(RaftSeal.isSealedBy(sealed, 2, other.publicKey()), "another key");
        BlockHeader tampered = sealed.toBuilder().gasUsed(42_000).build();
        assertFalse(RaftSeal.isSealedBy(tampered, 2, NODE_KEY.publicKey()), "a changed header");
        assertFalse(RaftSeal.isSealedBy(header(9, new byte[0]), 2, NODE_KEY.publicKey()), "no seal at all");
    }

    @Test
    void malformedSealsAreRefused() {
        byte[] sig = NODE_KEY.sign(new byte[32]).toBytes();
        assertThrows(InvalidRaftSealException.class, () -> RaftSeal.fromExtraData(new byte[32]));
        assertThrows(InvalidRaftSealException.class, () -> RaftSeal.fromExtraData(withVanity(Hex.decode("c0"))));
        assertThrows(InvalidRaftSealException.class, () -> RaftSeal.fromExtraData(withVanity(Hex.decode("8161"))), "not a list");
        assertThrows(InvalidRaftSealException.class, () -> RaftSeal.fromExtraData(sealBytes("0a", sig)), "leading zero");
        assertThrows(InvalidRaftSealException.class, () -> RaftSeal.fromExtraData(sealBytes("A", sig)), "upper case");
        assertThrows(InvalidRaftSealException.class, () -> RaftSeal.fromExtraData(sealBytes("10000", sig)), "17 bits");
        assertThrows(InvalidRaftSealException.class, () -> RaftSeal.fromExtraData(sealBytes("", sig)), "empty id");
        assertThrows(InvalidRaftSealException.class, () -> RaftSeal.fromExtraData(sealBytes("1", Arrays.copyOf(sig, 64))));
        byte[] badV = sig.clone();
        badV[64] = 2;
        assertThrows(InvalidRaftSealException.class, () -> RaftSeal.fromExtraData(sealBytes("1", badV)));
        assertEquals(1, RaftSeal.fromExtraData(sealBytes("1", sig)).raftId());
        assertThrows(IllegalArgumentException.class, () -> new RaftSeal(0x10000, NODE_KEY.sign(new byte[32])));
    }

    private static byte[] sealBytes(String hexId, byte[] signature) {
        byte[] id = org.quorumee.core.rlp.Rlp.encodeBytes(hexId.getBytes());
        return withVanity(org.quorumee.core.rlp.Rlp.encodeList(id, org.quorumee.core.rlp.Rlp.encodeBytes(signature)));
    }

    private static byte[] withVanity(byte[] rlp) {
        byte[] out = new byte[32 + rlp.length];
        System.arraycopy(rlp, 0, out, 32, rlp.length);
        return out;
    }
}
