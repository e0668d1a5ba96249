package org.quorumee.core.chain;

import java.math.BigInteger;
import org.quorumee.core.rlp.Rlp;
import org.quorumee.core.rlp.RlpException;
import org.quorumee.core.rlp.RlpItem;
import org.quorumee.core.types.Address;

/**
 * A validator withdrawal (EIP-4895, Shanghai): {@code rlp([index, validatorIndex, address, amount])},
 * the amount in Gwei. Private Quorum networks have none, but Shanghai headers commit to the list.
 *
 * <p>The three numbers are unsigned 64-bit values held in {@code long}s (2^64 - 1 is {@code -1L});
 * read them with {@link Long#toUnsignedString} or {@link #amountWei()}.
 */
public record Withdrawal(long index, long validatorIndex, Address address, long amountGwei) {
    private static final BigInteger WEI_PER_GWEI = BigInteger.valueOf(1_000_000_000L);
    private static final int UINT64_BYTES = 8;

    /** The amount credited to {@link #address}, in wei. */
    public BigInteger amountWei() {
        return new BigInteger(Long.toUnsignedString(amountGwei)).multiply(WEI_PER_GWEI);
    }

    public byte[] encode() {
        return Rlp.encodeList(Rlp.encodeLong(index), Rlp.encodeLong(validatorIndex),
                Rlp.encodeBytes(address.toArray()), Rlp.encodeLong(amountGwei));
    }

    public static Withdrawal decode(byte[] encoded) {
        return fromRlp(Rlp.decode(encoded));
    }

    public static Withdrawal fromRlp(RlpItem item) {
        if (!item.isList() || item.items().size() != 4) {
            throw new RlpException("a withdrawal is an RLP list of 4 items");
        }
        return new Withdrawal(uint64(item.item(0)), uint64(item.item(1)),
                Address.wrap(item.item(2).bytes(Address.SIZE)), uint64(item.item(3)));
    }

    private static long uint64(RlpItem item) {
        return item.asBigInteger(UINT64_BYTES).longValue();
    }
}
