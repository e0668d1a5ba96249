package org.quorumee.core.consensus.raft;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.quorumee.core.chain.BlockHeader;
import org.quorumee.core.crypto.InvalidSignatureException;
import org.quorumee.core.crypto.KeyPair;
import org.quorumee.core.crypto.Secp256k1;
import org.quorumee.core.crypto.Signature;
import org.quorumee.core.rlp.Rlp;
import org.quorumee.core.rlp.RlpException;
import org.quorumee.core.rlp.RlpItem;
import org.quorumee.core.types.Address;

/**
 * The seal a Raft minter puts in its block's extraData (GoQuorum {@code raft/minter.go}):
 * {@code 32 vanity bytes (zeros) || RLP([raftId, signature])}, where {@code raftId} is the minter's
 * raft id as lower-case hex ASCII without "0x" (10 is the one byte "a") and {@code signature} is
 * the 65-byte secp256k1 signature {@code r || s || v} (v 0 or 1) by the minter's node key.
 *
 * <p>What is signed: the hash of the header with empty extraData ({@link #signingHash}). GoQuorum
 * signs at a slightly earlier point of its block building (before the transaction and receipt
 * roots, the uncle hash and the bloom are filled in) and never verifies a seal; this project signs
 * the finished header, so that any node can check who minted a block.
 */
public record RaftSeal(int raftId, Signature signature) {
    /** Bytes of vanity in front of the seal. */
    public static final int VANITY_LENGTH = 32;

    public RaftSeal {
        if (raftId < 0 || raftId > 0xffff) {
            throw new IllegalArgumentException("raft ids are 16-bit, not " + raftId);
        }
        if (signature == null) {
            throw new IllegalArgumentException("a seal has a signature");
        }
    }

    /** The hash a minter signs: the header's hash with its extraData emptied. */
    public static byte[] signingHash(BlockHeader header) {
        return header.toBuilder().extraData(new byte[0]).build().hash();
    }

    /** The header sealed by {@code minter}: its extraData replaced by the seal. */
    public static BlockHeader seal(BlockHeader header, int raftId, KeyPair minter) {
        RaftSeal seal = new RaftSeal(raftId, minter.sign(signingHash(header)));
        return header.toBuilder().extraData(seal.toExtraData()).build();
    }

    /** The seal of a header. @throws InvalidRaftSealException when its extraData is not a seal */
    public static RaftSeal of(BlockHeader header) {
        return fromExtraData(header.extraData());
    }

    /** The extraData bytes: 32 zero bytes, then RLP([raft id hex, signature]). */
    public byte[] toExtraData() {
        byte[] rlp = Rlp.encodeList(
                Rlp.encodeBytes(Integer.toHexString(raftId).getBytes(StandardCharsets.US_ASCII)),
                Rlp.encodeBytes(signature.toBytes()));
        byte[] extra = new byte[VANITY_LENGTH + rlp.length];
        System.arraycopy(rlp, 0, extra, VANITY_LENGTH, rlp.length);
        return extra;
    }

    /**
     * Reads a seal from extraData (any vanity).
     *
     * @throws InvalidRaftSealException when the bytes after the vanity are not RLP([raft id hex,
     *                                  65-byte signature]) or the raft id is not canonical hex of a
     *                                  16-bit number
     */
    public static RaftSeal fromExtraData(byte[] extra) {
        if (extra.length <= VANITY_LENGTH) {
            throw new InvalidRaftSealException("a Raft seal needs more than " + VANITY_LENGTH + " bytes of extraData, not "
                    + extra.length);
        }
        try {
            RlpItem item = Rlp.decode(extra, VANITY_LENGTH, extra.length - VANITY_LENGTH);
            List<RlpItem> fields = item.items();
            if (fields.size() != 2) {
                throw new InvalidRaftSealException("a Raft seal is RLP([raftId, signature]), found " + fields.size() + " items");
            }
            int raftId = parseRaftId(fields.get(0).bytes());
            Signature signature = Signature.fromBytes(fields.get(1).bytes(65));
            return new RaftSeal(raftId, signature);
        } catch (RlpException | InvalidSignatureException e) {
            throw new InvalidRaftSealException("malformed Raft seal: " + e.getMessage(), e);
        }
    }

    private static int parseRaftId(byte[] ascii) {
        String text = new String(ascii, StandardCharsets.US_ASCII);
        if (text.isEmpty() || text.length() > 4 || !text.chars().allMatch(c -> (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))
                || (text.length() > 1 && text.charAt(0) == '0')) {
            throw new InvalidRaftSealException("the seal's raft id is not minimal lower-case hex of 16 bits: "
                    + Arrays.toString(ascii));
        }
        return Integer.parseInt(text, 16);
    }

    /** The public key (64 bytes) that signed {@code header}. @throws InvalidRaftSealException if none can be recovered */
    public byte[] signerPublicKey(BlockHeader header) {
        try {
            return Secp256k1.recover(signingHash(header), signature);
        } catch (InvalidSignatureException e) {
            throw new InvalidRaftSealException("no signer can be recovered from the Raft seal: " + e.getMessage(), e);
        }
    }

    /** The address of the node key that signed {@code header}. */
    public Address signer(BlockHeader header) {
        return Secp256k1.toAddress(signerPublicKey(header));
    }

    /**
     * Whether {@code header} carries a seal by {@code raftId} signed with the node key
     * {@code publicKey} (64 bytes: the enode id).
     */
    public static boolean isSealedBy(BlockHeader header, int raftId, byte[] publicKey) {
        try {
            RaftSeal seal = of(header);
            return seal.raftId == raftId && Arrays.equals(seal.signerPublicKey(header), publicKey);
        } catch (InvalidRaftSealException e) {
            return false;
        }
    }
}
