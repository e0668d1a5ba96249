package org.quorumee.core.consensus.ibft;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.quorumee.core.chain.BlockHeader;
import org.quorumee.core.consensus.ibft.extra.IstanbulBlockHash;
import org.quorumee.core.consensus.ibft.extra.IstanbulExtraData;
import org.quorumee.core.consensus.ibft.extra.QbftExtraData;
import org.quorumee.core.consensus.ibft.extra.ValidatorVote;
import org.quorumee.core.crypto.InvalidSignatureException;
import org.quorumee.core.crypto.Keccak;
import org.quorumee.core.types.Address;

/**
 * The Istanbul header conventions, byte-exact with GoQuorum: what the proposer and the committers
 * sign, who authored a header, who committed it, which vote it carries, and the genesis extraData.
 *
 * <ul>
 *   <li>IBFT proposer seal: sign(keccak256(sigHash)), sigHash = keccak256(rlp(header with the
 *   proposer seal and the committed seals emptied)); GoQuorum's backend hashes once more before
 *   signing.</li>
 *   <li>IBFT committed seal: sign(keccak256(blockHash || 0x02)), 0x02 being COMMIT's code.</li>
 *   <li>QBFT committed seal: sign(keccak256(rlp(header with the committed seals emptied and the
 *   commit round written in))) — GoQuorum's {@code QBFTHashWithRoundNumber}, signed as is.</li>
 *   <li>Author: IBFT, the proposer seal's signer; QBFT, the coinbase.</li>
 * </ul>
 */
public final class IstanbulHeaders {
    /** COMMIT's message code, appended to the block hash in IBFT committed seals. */
    private static final byte IBFT_COMMIT_CODE = 0x02;

    private IstanbulHeaders() {
    }

    /** The genesis extraData for {@code validators} (sorted by address, as GoQuorum writes them). */
    public static byte[] genesisExtraData(BftProtocol protocol, List<Address> validators) {
        List<Address> sorted = validators.stream().sorted().distinct().toList();
        return protocol == BftProtocol.IBFT ? IstanbulExtraData.of(sorted).encode() : QbftExtraData.of(sorted).encode();
    }

    /** The validator list written in a header's extraData. */
    public static List<Address> validators(BlockHeader header, BftProtocol protocol) {
        return protocol == BftProtocol.IBFT
                ? IstanbulExtraData.decode(header.extraData()).validators()
                : QbftExtraData.decode(header.extraData()).validators();
    }

    /** keccak256(rlp(header)) with {@code extraData} in place of the header's own (no Istanbul filtering). */
    static byte[] hashWithExtraData(BlockHeader header, byte[] extraData) {
        return Keccak.keccak256(header.toBuilder().extraData(extraData).build().encode());
    }

    /** The 32 bytes an IBFT proposer signs for its seal. */
    public static byte[] ibftProposerSealHash(BlockHeader header) {
        IstanbulExtraData extra = IstanbulExtraData.decode(header.extraData());
        byte[] sigHash = hashWithExtraData(header, extra.withProposerSeal(new byte[0]).withCommittedSeals(List.of()).encode());
        return Keccak.keccak256(sigHash);
    }

    /** The header with the IBFT proposer seal of {@code signer} written in. */
    public static BlockHeader ibftSeal(BlockHeader header, NodeSigner signer) {
        IstanbulExtraData extra = IstanbulExtraData.decode(header.extraData());
        byte[] seal = signer.sign(ibftProposerSealHash(header)).toBytes();
        return header.toBuilder().extraData(extra.withProposerSeal(seal).encode()).build();
    }

    /** The 32 bytes an IBFT committer signs for block {@code blockHash}. */
    public static byte[] ibftCommittedSealHash(byte[] blockHash) {
        byte[] data = Arrays.copyOf(blockHash, blockHash.length + 1);
        data[blockHash.length] = IBFT_COMMIT_CODE;
        return Keccak.keccak256(data);
    }

    /** The 32 bytes a QBFT committer signs when committing {@code header} in {@code round}. */
    public static byte[] qbftCommittedSealHash(BlockHeader header, long round) {
        QbftExtraData extra = QbftExtraData.decode(header.extraData());
        return hashWithExtraData(header, extra.withRound(round).withCommittedSeals(List.of()).encode());
    }

    /** The hash a committed seal of {@code header} signs; for QBFT, the round is the one in its extraData. */
    public static byte[] committedSealHash(BlockHeader header, BftProtocol protocol) {
        return protocol == BftProtocol.IBFT
                ? ibftCommittedSealHash(header.hash())
                : qbftCommittedSealHash(header, QbftExtraData.decode(header.extraData()).round());
    }

    /**
     * Who proposed {@code header}: the IBFT proposer seal's signer, or the QBFT coinbase.
     *
     * @throws InvalidSignatureException when an IBFT seal is missing or unrecoverable
     * @throws org.quorumee.core.consensus.ibft.extra.InvalidExtraDataException when extraData is not IBFT's
     */
    public static Address author(BlockHeader header, BftProtocol protocol, SignatureRecovery recovery) {
        if (protocol == BftProtocol.QBFT) {
            return header.coinbase();
        }
        byte[] seal = IstanbulExtraData.decode(header.extraData()).proposerSeal();
        return recovery.recover(ibftProposerSealHash(header), seal);
    }

    /**
     * The signers of the committed seals, in the header's order (duplicates kept).
     *
     * @throws InvalidSignatureException on a seal no address can be recovered from
     */
    public static List<Address> committers(BlockHeader header, BftProtocol protocol, SignatureRecovery recovery) {
        List<byte[]> seals = protocol == BftProtocol.IBFT
                ? IstanbulExtraData.decode(header.extraData()).committedSeals()
                : QbftExtraData.decode(header.extraData()).committedSeals();
        byte[] hash = committedSealHash(header, protocol);
        List<Address> out = new ArrayList<>(seals.size());
        for (byte[] seal : seals) {
            out.add(recovery.recover(hash, seal));
        }
        return out;
    }

    /** {@code header} with its committed seals (and, for QBFT, the commit round) written in. */
    public static BlockHeader withCommittedSeals(BlockHeader header, BftProtocol protocol, List<byte[]> seals, long round) {
        byte[] extra = protocol == BftProtocol.IBFT
                ? IstanbulExtraData.decode(header.extraData()).withCommittedSeals(seals).encode()
                : QbftExtraData.decode(header.extraData()).withRound(round).withCommittedSeals(seals).encode();
        return header.toBuilder().extraData(extra).build();
    }

    /**
     * The vote a header casts, read as GoQuorum reads it: IBFT, the coinbase with the nonce (all ones
     * add, zero drop — so a block without a vote "drops" its coinbase, usually the zero address,
     * which changes nothing); QBFT, the extraData vote, or a drop of the zero address when none.
     *
     * @throws IllegalArgumentException on an IBFT nonce other than all ones or zero
     */
    public static ValidatorVote vote(BlockHeader header, BftProtocol protocol) {
        if (protocol == BftProtocol.IBFT) {
            long nonce = header.nonce();
            if (nonce != ValidatorVote.IBFT_NONCE_ADD && nonce != ValidatorVote.IBFT_NONCE_DROP) {
                throw new IllegalArgumentException("IBFT nonce is all ones (add) or zero (drop), not " + Long.toHexString(nonce));
            }
            return new ValidatorVote(header.coinbase(), nonce == ValidatorVote.IBFT_NONCE_ADD);
        }
        return QbftExtraData.decode(header.extraData()).vote().orElse(new ValidatorVote(Address.ZERO, false));
    }

    /**
     * The consensus fields of a new block's header, before its body is built: mix hash, difficulty 1,
     * extraData with {@code validators} and no seals, and the vote (IBFT: coinbase and nonce; QBFT:
     * extraData, coinbase = the proposer).
     *
     * @param vote null for none
     */
    public static BlockTemplate template(BftProtocol protocol, long number, long timestamp, Address proposer,
            List<Address> validators, ValidatorVote vote) {
        List<Address> sorted = validators.stream().sorted().toList();
        if (protocol == BftProtocol.IBFT) {
            Address coinbase = vote == null ? Address.ZERO : vote.recipient();
            long nonce = vote != null && vote.authorize() ? ValidatorVote.IBFT_NONCE_ADD : ValidatorVote.IBFT_NONCE_DROP;
            return new BlockTemplate(number, timestamp, coinbase, nonce, IstanbulExtraData.of(sorted).encode(),
                    IstanbulBlockHash.digest(), BigInteger.ONE);
        }
        return new BlockTemplate(number, timestamp, proposer, 0, QbftExtraData.of(sorted).withVote(vote).encode(),
                IstanbulBlockHash.digest(), BigInteger.ONE);
    }
}
