package org.quorumee.web.rpc.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.quorumee.core.tx.AccessListEntry;
import org.quorumee.core.types.Address;
import org.quorumee.web.rpc.JsonRpcException;
import org.quorumee.web.rpc.Quantities;

/**
 * The transaction/call object of eth_call, eth_estimateGas, eth_sendTransaction and
 * eth_signTransaction, as go-ethereum reads it (every field optional; "input" wins over "data"),
 * with GoQuorum's private transaction fields ({@link PrivateTxArgs}; calls ignore them, as GoQuorum's).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public class TransactionArgs extends PrivateTxArgs {
    public String from;
    public String to;
    public String gas;
    public String gasPrice;
    public String maxFeePerGas;
    public String maxPriorityFeePerGas;
    public String value;
    public String nonce;
    public String data;
    public String input;
    public List<AccessListArg> accessList;
    public String chainId;
    public String type;

    @JsonIgnoreProperties(ignoreUnknown = true)
    public static class AccessListArg {
        public String address;
        @JsonProperty("storageKeys")
        public List<String> storageKeys;
    }

    Optional<Address> fromAddress() {
        return Optional.ofNullable(from).map(a -> Quantities.decodeAddress(a, "from"));
    }

    Optional<Address> toAddress() {
        return Optional.ofNullable(to).map(a -> Quantities.decodeAddress(a, "to"));
    }

    /**
     * The gas given, a 64-bit quantity as in go-ethereum (more is -32602); values of 2^63 and more,
     * beyond any gas a node grants, read as {@link Long#MAX_VALUE}.
     */
    Optional<Long> gasLimit() {
        return Optional.ofNullable(gas).map(g -> {
            BigInteger value = uint64(g, "gas");
            return value.bitLength() > 63 ? Long.MAX_VALUE : value.longValue();
        });
    }

    /** The nonce given: a 64-bit quantity (more is -32602), held as an unsigned long. */
    Optional<Long> nonceValue() {
        return Optional.ofNullable(nonce).map(n -> uint64(n, "nonce").longValue());
    }

    private static BigInteger uint64(String text, String what) {
        BigInteger value = quantity(text, what);
        if (value.bitLength() > 64) {
            throw JsonRpcException.invalidParams(what + ": hex number > 64 bits: " + JsonRpcException.echo(text));
        }
        return value;
    }

    Optional<BigInteger> gasPriceValue() {
        return Optional.ofNullable(gasPrice).map(p -> quantity(p, "gasPrice"));
    }

    Optional<BigInteger> maxFeePerGasValue() {
        return Optional.ofNullable(maxFeePerGas).map(p -> quantity(p, "maxFeePerGas"));
    }

    Optional<BigInteger> maxPriorityFeePerGasValue() {
        return Optional.ofNullable(maxPriorityFeePerGas).map(p -> quantity(p, "maxPriorityFeePerGas"));
    }

    BigInteger valueOrZero() {
        return value == null ? BigInteger.ZERO : quantity(value, "value");
    }

    byte[] payload() {
        if (input != null && data != null && !input.equals(data)) {
            throw JsonRpcException.invalidParams("both \"data\" and \"input\" are set and not equal. Please use \"input\" "
                    + "to pass transaction call data");
        }
        String hex = input != null ? input : data;
        return hex == null ? new byte[0] : Quantities.decodeData(hex, "input");
    }

    List<AccessListEntry> accessListEntries() {
        List<AccessListEntry> entries = new ArrayList<>();
        if (accessList != null) {
            for (AccessListArg arg : accessList) {
                List<byte[]> keys = arg.storageKeys == null ? List.of()
                        : arg.storageKeys.stream().map(k -> Quantities.decodeHash(k, "storage key")).toList();
                entries.add(new AccessListEntry(Quantities.decodeAddress(arg.address, "access list address"), keys));
            }
        }
        return entries;
    }

    private static BigInteger quantity(String text, String what) {
        return Quantities.decode(text, what);
    }
}
