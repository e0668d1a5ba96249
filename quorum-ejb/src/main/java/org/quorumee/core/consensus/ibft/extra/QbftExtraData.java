package org.quorumee.core.consensus.ibft.extra;

import java.util.List;
import java.util.Arrays;
import java.util.Optional;
import org.quorumee.core.rlp.Rlp;
import org.quorumee.core.rlp.RlpException;
import org.quorumee.core.rlp.RlpItem;
import org.quorumee.core.rlp.RlpWriter;
import org.quorumee.core.types.Address;

/**
 * The extraData of a QBFT header: {@code rlp([vanity, [validator...], vote, round, [committedSeal...]])}
 * where vote is {@code [recipient, 0xff | 0x00]} or the empty list, and round an unsigned 32-bit
 * scalar. Decoding follows GoQuorum's (and Besu's) rules: exactly five items, 20-byte addresses, a
 * canonical round of at most four bytes, a vote type of exactly {@code 0xff} (add) or the empty
 * string (drop). Immutable.
 */
public final class QbftExtraData {
    /** The largest round the 32-bit field holds. */
    public static final long MAX_ROUND = 0xffffffffL;

    private final byte[] vanity;
    private final List<Address> validators;
    private final ValidatorVote vote;
    private final long round;
    private final List<byte[]> committedSeals;

    /** @param vote null for none */
    public QbftExtraData(byte[] vanity, List<Address> validators, ValidatorVote vote, long round, List<byte[]> committedSeals) {
        if (round < 0 || round > MAX_ROUND) {
            throw new InvalidExtraDataException("QBFT round is an unsigned 32-bit value: " + round);
        }
        this.vanity = vanity.clone();
        this.validators = List.copyOf(validators);
        this.vote = vote;
        this.round = round;
        this.committedSeals = committedSeals.stream().map(byte[]::clone).toList();
    }

    /** A fresh extraData: 32 zero bytes of vanity, the validators, no vote, round 0, no seals. */
    public static QbftExtraData of(List<Address> validators) {
        return new QbftExtraData(new byte[IstanbulExtraData.VANITY_LENGTH], validators, null, 0, List.of());
    }

    /**
     * Reads extraData in the QBFT layout.
     *
     * @throws InvalidExtraDataException when it is not one
     */
    public static QbftExtraData decode(byte[] extraData) {
        if (extraData.length == 0) {
            throw new InvalidExtraDataException("QBFT extraData is empty");
        }
        try {
            RlpItem root = Rlp.decode(extraData);
            if (!root.isList() || root.items().size() != 5) {
                throw new InvalidExtraDataException("QBFT extraData is rlp([vanity, validators, vote, round, committedSeals])");
            }
            byte[] vanity = root.item(0).bytes();
            List<Address> validators = IstanbulExtraData.readAddresses(root.item(1));
            ValidatorVote vote = readVote(root.item(2));
            RlpItem roundItem = root.item(3);
            if (roundItem.isList() || roundItem.payloadLength() > 4) {
                throw new InvalidExtraDataException("QBFT round is a scalar of at most 4 bytes");
            }
            long round = roundItem.asLong();
            List<byte[]> seals = IstanbulExtraData.readByteStrings(root.item(4));
            return new QbftExtraData(vanity, validators, vote, round, seals);
        } catch (RlpException | IndexOutOfBoundsException e) {
            throw new InvalidExtraDataException("QBFT extraData is not valid RLP: " + e.getMessage(), e);
        }
    }

    /** The extraData when it is in the QBFT layout, else empty. */
    public static Optional<QbftExtraData> tryDecode(byte[] extraData) {
        try {
            return Optional.of(decode(extraData));
        } catch (InvalidExtraDataException e) {
            return Optional.empty();
        }
    }

    private static ValidatorVote readVote(RlpItem item) {
        if (!item.isList()) {
            throw new InvalidExtraDataException("QBFT vote is a list");
        }
        if (item.items().isEmpty()) {
            return null;
        }
        if (item.items().size() != 2) {
            throw new InvalidExtraDataException("QBFT vote is [recipient, type]");
        }
        Address recipient = Address.wrap(item.item(0).bytes(Address.SIZE));
        RlpItem type = item.item(1);
        if (type.isList()) {
            throw new InvalidExtraDataException("QBFT vote type is a byte");
        }
        byte[] typeBytes = type.bytes();
        if (typeBytes.length == 0) {
            return new ValidatorVote(recipient, false);
        }
        if (typeBytes.length == 1 && (typeBytes[0] & 0xff) == ValidatorVote.ADD) {
            return new ValidatorVote(recipient, true);
        }
        throw new InvalidExtraDataException("QBFT vote type is 0xff (add) or 0x00 (drop)");
    }

    /** The RLP encoding (the whole extraData). */
    public byte[] encode() {
        RlpWriter w = new RlpWriter(96 + 24 * validators.size() + 70 * committedSeals.size());
        w.startList();
        w.writeBytes(vanity);
        IstanbulExtraData.writeAddresses(w, validators);
        w.startList();
        if (vote != null) {
            w.writeBytes(vote.recipient().toArray());
            // The type is a scalar: 0xff, or zero as the empty string (never the byte 0x00).
            w.writeLong(vote.authorize() ? ValidatorVote.ADD : ValidatorVote.DROP);
        }
        w.endList();
        w.writeLong(round);
        IstanbulExtraData.writeByteStrings(w, committedSeals);
        w.endList();
        return w.toByteArray();
    }

    public byte[] vanity() {
        return vanity.clone();
    }

    public List<Address> validators() {
        return validators;
    }

    public Optional<ValidatorVote> vote() {
        return Optional.ofNullable(vote);
    }

    /** The round the block was committed in (0 until committed). */
    public long round() {
        return round;
    }

    public List<byte[]> committedSeals() {
        return committedSeals.stream().map(byte[]::clone).toList();
    }

    public QbftExtraData withRound(long value) {
        return new QbftExtraData(vanity, validators, vote, value, committedSeals);
    }

    public QbftExtraData withCommittedSeals(List<byte[]> seals) {
        return new QbftExtraData(vanity, validators, vote, round, seals);
    }

    /** @param value null for none */
    public QbftExtraData withVote(ValidatorVote value) {
        return new QbftExtraData(vanity, validators, value, round, committedSeals);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof QbftExtraData other && Arrays.equals(encode(), other.encode());
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(encode());
    }

    @Override
    public String toString() {
        return "QbftExtraData[validators=" + validators + ", vote=" + vote + ", round=" + round
                + ", committedSeals=" + committedSeals.size() + "]";
    }
}
