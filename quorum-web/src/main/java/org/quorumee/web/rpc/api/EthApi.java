package org.quorumee.web.rpc.api;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.quorumee.core.bytes.Hex;
import org.quorumee.core.crypto.Keccak;
import org.quorumee.core.types.Address;
import org.quorumee.node.NodeService;
import org.quorumee.node.account.AccountManager;
import org.quorumee.node.chain.ChainService;
import org.quorumee.web.rpc.JsonRpcNamespace;
import org.quorumee.web.rpc.Quantities;

/** The eth namespace. */
@ApplicationScoped
public class EthApi implements JsonRpcNamespace {

    @EJB
    NodeService node;

    @EJB
    ChainService chain;

    @EJB
    AccountManager accounts;

    @Override
    public String name() {
        return "eth";
    }

    public String chainId() {
        return Quantities.encode(node.chainId());
    }

    /** The node-managed accounts. */
    public List<String> accounts() {
        return accounts.accounts().stream().map(Address::toString).toList();
    }

    /**
     * Signs {@code keccak256("\x19Ethereum Signed Message:\n" + len(data) + data)} with an unlocked
     * account: 65 bytes r || s || v, v = 27 or 28 (as go-ethereum's eth_sign).
     */
    public String sign(String address, String data) {
        Address account = Quantities.decodeAddress(address, "address");
        byte[] message = Quantities.decodeData(data, "data");
        byte[] prefix = ("\u0019Ethereum Signed Message:\n" + message.length).getBytes(StandardCharsets.UTF_8);
        byte[] prefixed = new byte[prefix.length + message.length];
        System.arraycopy(prefix, 0, prefixed, 0, prefix.length);
        System.arraycopy(message, 0, prefixed, prefix.length, message.length);
        byte[] signature = PersonalApi.call(() -> accounts.sign(account, Keccak.keccak256(prefixed))).toBytes();
        signature[64] += 27;
        return Hex.encode(signature);
    }

    /** The number of the last stored block. */
    public String blockNumber() {
        return Quantities.encode(chain.head().number());
    }

    /** False: a node imports only blocks consensus has finalised and does not sync from a remote head. */
    public Object syncing() {
        return Boolean.FALSE;
    }
}
