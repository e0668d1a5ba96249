package org.quorumee.core.consensus.ibft;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.quorumee.core.bytes.Hex;
import org.quorumee.core.chain.BlockHeader;
import org.quorumee.core.chain.LogsBloom;
import org.quorumee.core.consensus.ibft.extra.IstanbulBlockHash;
import org.quorumee.core.consensus.ibft.extra.IstanbulExtraData;
import org.quorumee.core.consensus.ibft.extra.InvalidExtraDataException;
import org.quorumee.core.consensus.ibft.extra.QbftExtraData;
import org.quorumee.core.consensus.ibft.extra.ValidatorVote;
import org.quorumee.core.crypto.Keccak;
import org.quorumee.core.crypto.KeyPair;
import org.quorumee.core.crypto.Signature;
import org.quorumee.core.rlp.Rlp;
import org.quorumee.core.types.Address;

/**
 * Byte-exact checks of the Istanbul formats against the examples GoQuorum and Besu publish:
 * GoQuorum {@code core/types/istanbul_test.go} (header hash, IBFT and QBFT extraData), Besu
 * {@code QbftExtraDataCodecTest} (a fully populated QBFT extraData) and Besu
 * {@code ibftlegacy/IbftBlockHashingTest} (block 1 of a real GoQuorum IBFT network, whose hash was
 * read from its child's parentHash, with its proposer seal and three committed seals).
 */
class IstanbulFormatsTest {
    private static final List<Address> FOUR = List.of(
            Address.fromHex("0x44add0ec310f115a0e603b2d7db9f067778eaf8a"),
            Address.fromHex("0x294fc7e8f22b3bcdcf955dd7ff3ba2ed833f8212"),
            Address.fromHex("0x6beaaed781d2d2ab6350f5c4566a2c6eaac407a6"),
            Address.fromHex("0x8be76812f765c24641ec63dc2852b378aba2b440"));

    /** GoQuorum TestHeaderHash: extra = 32 zero bytes + rlp([4 validators, 65 zero bytes, []]). */
    private static final String GOQUORUM_HEADER_EXTRA = "0x" + "00".repeat(32)
            + "f89af8549444add0ec310f115a0e603b2d7db9f067778eaf8a94294fc7e8f22b3bcdcf955dd7ff3ba2ed833f8212946beaaed781d2d2ab"
            + "6350f5c4566a2c6eaac407a6948be76812f765c24641ec63dc2852b378aba2b440b841" + "00".repeat(65) + "c0";

    /** A header with every field zero (Go's zero Header), the Istanbul mix hash and {@code extra}. */
    private static BlockHeader zeroHeader(byte[] extra) {
        return BlockHeader.builder().ommersHash(new byte[32]).stateRoot(new byte[32]).transactionsRoot(new byte[32])
                .receiptsRoot(new byte[32]).mixHash(IstanbulBlockHash.digest()).extraData(extra).build();
    }

    @Test
    void goQuorumHeaderHashLeavesCommittedSealsOut() {
        BlockHeader header = zeroHeader(Hex.decode(GOQUORUM_HEADER_EXTRA));
        assertEquals("0xcefefd3ade63a5955bca4562ed840b67f39e74df217f7e5f7241a6e9552cca70", Hex.encode(header.hash()));
        // extraData in neither layout: the plain Ethereum hash (GoQuorum: rlpHash(header)).
        byte[] junk = Arrays.copyOf(Hex.decode(GOQUORUM_HEADER_EXTRA), Hex.decode(GOQUORUM_HEADER_EXTRA).length + 3);
        junk[junk.length - 3] = 1;
        junk[junk.length - 2] = 2;
        junk[junk.length - 1] = 3;
        BlockHeader unfiltered = zeroHeader(junk);
        assertArrayEquals(Keccak.keccak256(unfiltered.encode()), unfiltered.hash());
    }

    @Test
    void committedSealsDoNotChangeTheIbftHashButTheProposerSealDoes() {
        IstanbulExtraData extra = IstanbulExtraData.decode(Hex.decode(GOQUORUM_HEADER_EXTRA));
        byte[] base = zeroHeader(extra.encode()).hash();
        byte[] sealed = zeroHeader(extra.withCommittedSeals(List.of(new byte[65], new byte[65])).encode()).hash();
        assertArrayEquals(base, sealed);
        byte[] otherSeal = new byte[65];
        otherSeal[3] = 9;
        assertFalse(Arrays.equals(base, zeroHeader(extra.withProposerSeal(otherSeal).encode()).hash()));
        // Without the Istanbul mix hash, the seals are part of the hash as in any Ethereum header.
        BlockHeader plain = zeroHeader(extra.withCommittedSeals(List.of(new byte[65])).encode()).toBuilder()
                .mixHash(new byte[32]).build();
        assertArrayEquals(Keccak.keccak256(plain.encode()), plain.hash());
    }

    @Test
    void goQuorumIbftExtraDecodes() {
        byte[] raw = Hex.decode("0xf858f8549444add0ec310f115a0e603b2d7db9f067778eaf8a94294fc7e8f22b3bcdcf955dd7ff3ba2ed833f8212946beaaed781d2d2ab"
                + "6350f5c4566a2c6eaac407a6948be76812f765c24641ec63dc2852b378aba2b44080c0");
        byte[] extra = new byte[32 + raw.length];
        System.arraycopy(raw, 0, extra, 32, raw.length);
        IstanbulExtraData decoded = IstanbulExtraData.decode(extra);
        assertEquals(FOUR, decoded.validators());
        assertEquals(0, decoded.proposerSeal().length);
        assertTrue(decoded.committedSeals().isEmpty());
        assertArrayEquals(extra, decoded.encode());
        assertArrayEquals(extra, IstanbulExtraData.of(FOUR).encode());
        // 31 bytes of vanity: GoQuorum's ErrInvalidIstanbulHeaderExtra.
        assertThrows(InvalidExtraDataException.class, () -> IstanbulExtraData.decode(new byte[31]));
    }

    @Test
    void goQuorumQbftExtraDecodes() {
        byte[] raw = Hex.decode("0xf85a80f8549444add0ec310f115a0e603b2d7db9f067778eaf8a94294fc7e8f22b3bcdcf955dd7ff3ba2ed833f8212946beaaed781d2d2ab"
                + "6350f5c4566a2c6eaac407a6948be76812f765c24641ec63dc2852b378aba2b440c080c0");
        QbftExtraData decoded = QbftExtraData.decode(raw);
        assertEquals(0, decoded.vanity().length);
        assertEquals(FOUR, decoded.validators());
        assertEquals(Optional.empty(), decoded.vote());
        assertEquals(0, decoded.round());
        assertTrue(decoded.committedSeals().isEmpty());
        assertArrayEquals(raw, decoded.encode());
    }

    /** Besu QbftExtraDataCodecTest.RAW_HEX_ENCODING_STRING and the object it stands for. */
    @Test
    void besuFullyPopulatedQbftExtra() {
        String besu = "0xf8f0a00102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f20ea940000000000000000"
                + "000000000000000000000001940000000000000000000000000000000000000002d7940000000000000000"
                + "00000000000000000000000181ff83fedcbaf886b841000000000000000000000000000000000000000000"
                + "0000000000000000000001000000000000000000000000000000000000000000000000000000000000000a"
                + "00b841000000000000000000000000000000000000000000000000000000000000000a0000000000000000"
                + "00000000000000000000000000000000000000000000000100";
        byte[] vanity = new byte[32];
        for (int i = 0; i < 32; i++) {
            vanity[i] = (byte) (i + 1);
        }
        QbftExtraData expected = new QbftExtraData(vanity, List.of(Address.ofLong(1), Address.ofLong(2)),
                new ValidatorVote(Address.ofLong(1), true), 0xFEDCBA,
                List.of(new Signature(BigInteger.ONE, BigInteger.TEN, 0).toBytes(), new Signature(BigInteger.TEN, BigInteger.ONE, 0).toBytes()));
        assertEquals(besu, Hex.encode(expected.encode()));
        QbftExtraData decoded = QbftExtraData.decode(Hex.decode(besu));
        assertEquals(expected, decoded);
        assertEquals(0xFEDCBA, decoded.round());
        assertEquals(Optional.of(new ValidatorVote(Address.ofLong(1), true)), decoded.vote());
    }

    @Test
    void qbftVoteTypesAndRoundEncoding() {
        QbftExtraData drop = QbftExtraData.of(List.of()).withVote(new ValidatorVote(Address.ofLong(1), false));
        byte[] encoded = drop.encode();
        // A drop is [recipient, ""]: the type 0x00 is a zero scalar, so the empty string 0x80.
        byte[] dropVote = Rlp.encodeList(Rlp.encodeBytes(Address.ofLong(1).toArray()), Rlp.EMPTY_STRING);
        assertTrue(Hex.encode(encoded).contains(Hex.encodeNoPrefix(dropVote)));
        assertEquals(Optional.of(new ValidatorVote(Address.ofLong(1), false)), QbftExtraData.decode(encoded).vote());
        // A vote type byte written as 0x00 (not canonical) or any value but 0xff is refused, as Besu and GoQuorum do.
        byte[] zeroByteVote = Rlp.encodeList(Rlp.encodeBytes(new byte[32]), Rlp.EMPTY_LIST,
                Rlp.encodeList(Rlp.encodeBytes(Address.ofLong(1).toArray()), new byte[] {0x00}), Rlp.EMPTY_STRING, Rlp.EMPTY_LIST);
        assertThrows(InvalidExtraDataException.class, () -> QbftExtraData.decode(zeroByteVote));
        byte[] sevenVote = Rlp.encodeList(Rlp.encodeBytes(new byte[32]), Rlp.EMPTY_LIST,
                Rlp.encodeList(Rlp.encodeBytes(Address.ofLong(1).toArray()), new byte[] {0x07}), Rlp.EMPTY_STRING, Rlp.EMPTY_LIST);
        assertThrows(InvalidExtraDataException.class, () -> QbftExtraData.decode(sevenVote));
        // Besu incorrectlyEncodedRoundThrowsRlpException: a round with a leading zero byte.
        byte[] paddedRound = Rlp.encodeList(Rlp.encodeBytes(new byte[32]), Rlp.EMPTY_LIST, Rlp.EMPTY_LIST,
                Rlp.encodeBytes(new byte[] {0, (byte) 0xdc, (byte) 0xba}), Rlp.EMPTY_LIST);
        assertThrows(InvalidExtraDataException.class, () -> QbftExtraData.decode(paddedRound));
        // Besu correctlyCodedRoundConstitutesValidContent: a two-byte round.
        byte[] shortRound = Rlp.encodeList(Rlp.encodeBytes(new byte[32]), Rlp.EMPTY_LIST, Rlp.EMPTY_LIST,
                Rlp.encodeBytes(new byte[] {(byte) 0xdc, (byte) 0xba}), Rlp.EMPTY_LIST);
        assertEquals(0xDCBA, QbftExtraData.decode(shortRound).round());
        byte[] fiveByteRound = Rlp.encodeList(Rlp.encodeBytes(new byte[32]), Rlp.EMPTY_LIST, Rlp.EMPTY_LIST,
                Rlp.encodeBytes(new byte[] {1, 0, 0, 0, 0}), Rlp.EMPTY_LIST);
        assertThrows(InvalidExtraDataException.class, () -> QbftExtraData.decode(fiveByteRound));
    }

    @Test
    void qbftHashIgnoresRoundAndCommittedSealsButNotTheVote() {
        QbftExtraData extra = QbftExtraData.of(FOUR);
        byte[] base = zeroHeader(extra.encode()).hash();
        assertArrayEquals(base, zeroHeader(extra.withRound(7).withCommittedSeals(List.of(new byte[65])).encode()).hash());
        assertFalse(Arrays.equals(base, zeroHeader(extra.withVote(new ValidatorVote(Address.ofLong(5), true)).encode()).hash()));
        // The committed seal hash writes the round in: GoQuorum's QBFTHashWithRoundNumber.
        BlockHeader header = zeroHeader(extra.encode());
        assertArrayEquals(base, IstanbulHeaders.qbftCommittedSealHash(header, 0));
        assertArrayEquals(Keccak.keccak256(zeroHeader(extra.withRound(3).encode()).encode()),
                IstanbulHeaders.qbftCommittedSealHash(header, 3));
    }

    /** Besu IbftBlockHashingTest: a block exported from a GoQuorum IBFT network. */
    private static BlockHeader capturedGoQuorumBlock() {
        String extra = "0xd783010800846765746887676f312e392e32856c696e757800000"
                + "00000000000f90164f8549424defc2d149861d3d245749b81fe0e6b28e04f31942a813d7db3de19b07f92268b6d4"
                + "125ed295cbe00943814f17bd4b7ce47ab8146684b3443c0a4b2fc2c94c332d0db1704d18f89a590e7586811e36d3"
                + "7ce04b8417480a32e81936a40da3b8b730c28963a80011fdddb70470573675a11c7871873165e213b80b1ed5bf5a"
                + "59a31874baf1d6e83d55141f719ada73815c8712c4c6501f8c9b8417ba97752c9a3d14ae8c5f6f864c2808b816a0"
                + "d3ebef9a3b03c3cf9e31311baeb2e32609ccc99f13488e9e8ea192debf1c26f8c70c2332dfbb8456292fd9366110"
                + "0b841bbf2d1710a41bee7895dadbbbc92713ba9e74129bb665984f349950d7b5275303db99b12ea3483430079dd5"
                + "d90bcc3962f72217863725f6cd72ab5c10c8c540001b8415df74d9bf9687a3da10a4660cfd6fd6739df59db5535f"
                + "a3a7c58382ec587f4fe581089a9e3cd4b8c3b77eeabdd756f1f34ffb990cfd47e81bb205bd10be619d001";
        return BlockHeader.builder()
                .parentHash(Hex.decode("0xa7762d3307dbf2ae6a1ae1b09cf61c7603722b2379731b6b90409cdb8c8288a0"))
                .ommersHash(Hex.decode("0x1dcc4de8dec75d7aab85b567b6ccd41ad312451b948a7413f0a142fd40d49347"))
                .coinbase(Address.ZERO)
                .stateRoot(Hex.decode("0xca07595b82f908822971b7e848398e3395e59ee52565c7ef3603df1a1fa7bc80"))
                .transactionsRoot(Hex.decode("0x56e81f171bcc55a6ff8345e692c0f86e5b48e01b996cadc001622fb5e363b421"))
                .receiptsRoot(Hex.decode("0x56e81f171bcc55a6ff8345e692c0f86e5b48e01b996cadc001622fb5e363b421"))
                .logsBloom(LogsBloom.EMPTY).difficulty(BigInteger.ONE).number(1).gasLimit(4704588).gasUsed(0)
                .timestamp(1530674616).extraData(Hex.decode(extra)).mixHash(IstanbulBlockHash.digest()).nonce(0).build();
    }

    @Test
    void capturedGoQuorumIbftBlock() {
        BlockHeader header = capturedGoQuorumBlock();
        assertEquals("0x0d60351c129af309fc8597c81358652d3d0f0e3141b5432888c4aae405ee0184", Hex.encode(header.hash()));
        Address proposer = Address.fromHex("0x24defc2d149861d3d245749b81fe0e6b28e04f31");
        assertEquals(List.of(proposer, Address.fromHex("0x2a813d7db3de19b07f92268b6d4125ed295cbe00"),
                Address.fromHex("0x3814f17bd4b7ce47ab8146684b3443c0a4b2fc2c"), Address.fromHex("0xc332d0db1704d18f89a590e7586811e36d37ce04")),
                IstanbulHeaders.validators(header, BftProtocol.IBFT));
        // Proposer seal: sign(keccak256(sigHash)); committed seals: sign(keccak256(hash || 0x02)).
        assertEquals(proposer, IstanbulHeaders.author(header, BftProtocol.IBFT, SignatureRecovery.SECP256K1));
        assertEquals(List.of(Address.fromHex("0x3814f17bd4b7ce47ab8146684b3443c0a4b2fc2c"), proposer,
                Address.fromHex("0x2a813d7db3de19b07f92268b6d4125ed295cbe00")),
                IstanbulHeaders.committers(header, BftProtocol.IBFT, SignatureRecovery.SECP256K1));
        // The encoding round-trips byte for byte.
        assertArrayEquals(header.extraData(), IstanbulExtraData.decode(header.extraData()).encode());
        assertEquals(header, BlockHeader.decode(header.encode()));
        assertArrayEquals(header.hash(), BlockHeader.decode(header.encode()).hash());
    }

    @Test
    void sealsMadeHereRecoverToTheirSigners() {
        KeyPair proposer = KeyPair.fromPrivateKey(Keccak.keccak256("p".getBytes()));
        NodeSigner signer = signer(proposer);
        BlockHeader unsealed = zeroHeader(IstanbulExtraData.of(List.of(proposer.address())).encode()).toBuilder().number(1).build();
        BlockHeader sealed = IstanbulHeaders.ibftSeal(unsealed, signer);
        assertEquals(proposer.address(), IstanbulHeaders.author(sealed, BftProtocol.IBFT, SignatureRecovery.SECP256K1));
        byte[] seal = proposer.sign(IstanbulHeaders.ibftCommittedSealHash(sealed.hash())).toBytes();
        BlockHeader committed = IstanbulHeaders.withCommittedSeals(sealed, BftProtocol.IBFT, List.of(seal), 0);
        assertArrayEquals(sealed.hash(), committed.hash());
        assertEquals(List.of(proposer.address()), IstanbulHeaders.committers(committed, BftProtocol.IBFT, SignatureRecovery.SECP256K1));

        BlockHeader qbft = zeroHeader(QbftExtraData.of(List.of(proposer.address())).encode()).toBuilder().coinbase(proposer.address()).build();
        byte[] qbftSeal = proposer.sign(IstanbulHeaders.qbftCommittedSealHash(qbft, 2)).toBytes();
        BlockHeader qbftCommitted = IstanbulHeaders.withCommittedSeals(qbft, BftProtocol.QBFT, List.of(qbftSeal), 2);
        assertArrayEquals(qbft.hash(), qbftCommitted.hash());
        assertEquals(List.of(proposer.address()), IstanbulHeaders.committers(qbftCommitted, BftProtocol.QBFT, SignatureRecovery.SECP256K1));
        // The same seal read against another round recovers someone else.
        BlockHeader wrongRound = IstanbulHeaders.withCommittedSeals(qbft, BftProtocol.QBFT, List.of(qbftSeal), 1);
        assertFalse(IstanbulHeaders.committers(wrongRound, BftProtocol.QBFT, SignatureRecovery.SECP256K1).contains(proposer.address()));
    }

    @Test
    void genesisExtraDataListsSortedValidators() {
        List<Address> unsorted = List.of(FOUR.get(3), FOUR.get(0), FOUR.get(2), FOUR.get(1));
        List<Address> sorted = FOUR.stream().sorted().toList();
        assertEquals(sorted, IstanbulExtraData.decode(IstanbulHeaders.genesisExtraData(BftProtocol.IBFT, unsorted)).validators());
        QbftExtraData qbft = QbftExtraData.decode(IstanbulHeaders.genesisExtraData(BftProtocol.QBFT, unsorted));
        assertEquals(sorted, qbft.validators());
        assertEquals(32, qbft.vanity().length);
        // Besu's QbftExtraDataCodec.encodeFromAddresses layout: [32 zero bytes, validators, [], 0, []].
        assertTrue(Hex.encode(qbft.encode()).endsWith("c080c0"));
    }

    static NodeSigner signer(KeyPair key) {
        return new NodeSigner() {
            @Override
            public Address address() {
                return key.address();
            }

            @Override
            public Signature sign(byte[] hash) {
                return key.sign(hash);
            }
        };
    }
}
