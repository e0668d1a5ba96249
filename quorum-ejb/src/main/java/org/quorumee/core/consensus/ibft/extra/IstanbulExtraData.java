package org.quorumee.core.consensus.ibft.extra;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.quorumee.core.rlp.Rlp;
import org.quorumee.core.rlp.RlpException;
import org.quorumee.core.rlp.RlpItem;
import org.quorumee.core.rlp.RlpWriter;
import org.quorumee.core.types.Address;

/**
 * The extraData of a legacy IBFT (GoQuorum {@code istanbul}) header:
 * {@code vanity(32 bytes) || rlp([[validator...], proposerSeal, [committedSeal...]])}.
 *
 * <p>Decoding follows GoQuorum's rules byte for byte: at least 32 bytes of vanity, then exactly one
 * RLP list of exactly three items (20-byte addresses, a byte string, byte strings), nothing after
 * it. The proposer seal is empty until the proposer signs, then 65 bytes; committed seals are 65
 * bytes each. Immutable.
 */
public final class IstanbulExtraData {
    /** Bytes of vanity in front of the RLP part. */
    public static final int VANITY_LENGTH = 32;
    /** Bytes of a secp256k1 signature {@code r || s || v}: proposer and committed seals. */
    public static final int SEAL_LENGTH = 65;

    private final byte[] vanity;
    private final List<Address> validators;
    private final byte[] proposerSeal;
    private final List<byte[]> committedSeals;

    /**
     * @param vanity exactly 32 bytes
     * @param proposerSeal empty or a seal
     */
    public IstanbulExtraData(byte[] vanity, List<Address> validators, byte[] proposerSeal, List<byte[]> committedSeals) {
        if (vanity.length != VANITY_LENGTH) {
            throw new InvalidExtraDataException("IBFT vanity is 32 bytes, not " + vanity.length);
        }
        this.vanity = vanity.clone();
        this.validators = List.copyOf(validators);
        this.proposerSeal = proposerSeal.clone();
        this.committedSeals = committedSeals.stream().map(byte[]::clone).toList();
    }

    /** A fresh extraData: zero vanity, the validators, no seals (genesis and new proposals). */
    public static IstanbulExtraData of(List<Address> validators) {
        return new IstanbulExtraData(new byte[VANITY_LENGTH], validators, new byte[0], List.of());
    }

    /**
     * Reads extraData in GoQuorum's IBFT layout.
     *
     * @throws InvalidExtraDataException when it is not one
     */
    public static IstanbulExtraData decode(byte[] extraData) {
        if (extraData.length < VANITY_LENGTH) {
            throw new InvalidExtraDataException("IBFT extraData has " + extraData.length + " bytes, fewer than the 32 of vanity");
        }
        try {
            RlpItem root = Rlp.decode(extraData, VANITY_LENGTH, extraData.length - VANITY_LENGTH);
            if (!root.isList() || root.items().size() != 3) {
                throw new InvalidExtraDataException("IBFT extraData is rlp([validators, seal, committedSeals])");
            }
            List<Address> validators = readAddresses(root.item(0));
            byte[] seal = root.item(1).bytes();
            List<byte[]> committed = readByteStrings(root.item(2));
            return new IstanbulExtraData(Arrays.copyOf(extraData, VANITY_LENGTH), validators, seal, committed);
        } catch (RlpException | IndexOutOfBoundsException e) {
            throw new InvalidExtraDataException("IBFT extraData is not valid RLP: " + e.getMessage(), e);
        }
    }

    /** The extraData when it is in the IBFT layout, else empty. */
    public static Optional<IstanbulExtraData> tryDecode(byte[] extraData) {
        try {
            return Optional.of(decode(extraData));
        } catch (InvalidExtraDataException e) {
            return Optional.empty();
        }
    }

    static List<Address> readAddresses(RlpItem list) {
        List<Address> out = new ArrayList<>(list.items().size());
        for (RlpItem item : list.items()) {
            out.add(Address.wrap(item.bytes(Address.SIZE)));
        }
        return out;
    }

    static List<byte[]> readByteStrings(RlpItem list) {
        List<byte[]> out = new ArrayList<>(list.items().size());
        for (RlpItem item : list.items()) {
            out.add(item.bytes());
        }
        return out;
    }

    static void writeAddresses(RlpWriter w, List<Address> addresses) {
        w.startList();
        for (Address a : addresses) {
            w.writeBytes(a.toArray());
        }
        w.endList();
    }

    static void writeByteStrings(RlpWriter w, List<byte[]> items) {
        w.startList();
        for (byte[] item : items) {
            w.writeBytes(item);
        }
        w.endList();
    }

    /** The whole extraData: vanity then the RLP list. */
    public byte[] encode() {
        RlpWriter w = new RlpWriter(64 + 24 * validators.size() + 70 * committedSeals.size());
        w.startList();
        writeAddresses(w, validators);
        w.writeBytes(proposerSeal);
        writeByteStrings(w, committedSeals);
        w.endList();
        byte[] rlp = w.toByteArray();
        byte[] out = Arrays.copyOf(vanity, VANITY_LENGTH + rlp.length);
        System.arraycopy(rlp, 0, out, VANITY_LENGTH, rlp.length);
        return out;
    }

    public byte[] vanity() {
        return vanity.clone();
    }

    public List<Address> validators() {
        return validators;
    }

    /** Empty before the proposer sealed the header, else 65 bytes (unchecked on decode, as GoQuorum). */
    public byte[] proposerSeal() {
        return proposerSeal.clone();
    }

    public List<byte[]> committedSeals() {
        return committedSeals.stream().map(byte[]::clone).toList();
    }

    public IstanbulExtraData withProposerSeal(byte[] seal) {
        return new IstanbulExtraData(vanity, validators, seal, committedSeals);
    }

    public IstanbulExtraData withCommittedSeals(List<byte[]> seals) {
        return new IstanbulExtraData(vanity, validators, proposerSeal, seals);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof IstanbulExtraData other && Arrays.equals(encode(), other.encode());
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(encode());
    }

    @Override
    public String toString() {
        return "IstanbulExtraData[validators=" + validators + ", sealed=" + (proposerSeal.length > 0)
                + ", committedSeals=" + committedSeals.size() + "]";
    }
}
