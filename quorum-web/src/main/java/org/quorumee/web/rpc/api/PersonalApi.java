package org.quorumee.web.rpc.api;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.quorumee.core.bytes.Hex;
import org.quorumee.core.types.Address;
import org.quorumee.node.account.AccountException;
import org.quorumee.node.account.AccountManager;
import org.quorumee.web.rpc.ExecutionDeadline;
import org.quorumee.web.rpc.JsonRpcException;
import org.quorumee.web.rpc.JsonRpcNamespace;
import org.quorumee.web.rpc.Quantities;
import org.quorumee.web.rpc.RpcSettings;

/** The personal namespace: node-managed accounts in the data folder's keystore. */
@ApplicationScoped
public class PersonalApi implements JsonRpcNamespace {
    /** go-ethereum's bound: the longest duration its clock can count, 2^63 - 1 ns, in whole seconds (~292 years). */
    static final long MAX_UNLOCK_SECONDS = Long.MAX_VALUE / 1_000_000_000L;

    private final RpcSettings settings = RpcSettings.system();

    @EJB
    AccountManager accounts;

    @Inject
    EthApi eth;

    @Override
    public String name() {
        return "personal";
    }

    public String newAccount(String password) {
        return call(() -> accounts.newAccount(requirePassword(password))).toString();
    }

    public String importRawKey(String privateKeyHex, String password) {
        byte[] key = Quantities.decodeData(privateKeyHex.startsWith("0x") ? privateKeyHex : "0x" + privateKeyHex, "key");
        return call(() -> accounts.importRawKey(key, requirePassword(password))).toString();
    }

    public List<String> listAccounts() {
        return accounts.accounts().stream().map(Address::toString).toList();
    }

    /**
     * Unlocks for {@code durationSeconds} (default 300; 0 until the node stops; at most
     * {@link #MAX_UNLOCK_SECONDS}). As go-ethereum, refused while the node serves HTTP (always)
     * unless {@code quorum.rpc.allowInsecureUnlock}: an unlocked account signs for anyone who
     * reaches the endpoint.
     */
    public boolean unlockAccount(String address, String password, Long durationSeconds) {
        if (!settings.allowInsecureUnlock()) {
            throw new JsonRpcException(JsonRpcException.SERVER_ERROR, "account unlock with HTTP access is forbidden");
        }
        Address account = Quantities.decodeAddress(address, "address");
        if (durationSeconds != null && durationSeconds < 0) {
            throw JsonRpcException.invalidParams("duration must not be negative");
        }
        if (durationSeconds != null && durationSeconds > MAX_UNLOCK_SECONDS) {
            throw JsonRpcException.invalidParams("unlock duration too large: at most " + MAX_UNLOCK_SECONDS + " seconds");
        }
        Duration duration = durationSeconds == null ? AccountManager.DEFAULT_UNLOCK : Duration.ofSeconds(durationSeconds);
        call(() -> {
            accounts.unlock(account, requirePassword(password), duration);
            return null;
        });
        return true;
    }

    /**
     * eth_sendTransaction (with GoQuorum's privateFor) signed by an account opened with its password
     * for this transaction only.
     */
    public String sendTransaction(ExecutionDeadline deadline, TransactionArgs args, String password) {
        String checked = requirePassword(password);
        return Hex.encode(eth.submit(eth.signTransaction(deadline, args, true,
                (from, hash) -> accounts.signWithPassword(from, checked, hash))));
    }

    /** eth_signTransaction signed by an account opened with its password for this signature only. */
    public Map<String, Object> signTransaction(ExecutionDeadline deadline, TransactionArgs args, String password) {
        String checked = requirePassword(password);
        return EthApi.signedView(eth.signTransaction(deadline, args, false,
                (from, hash) -> accounts.signWithPassword(from, checked, hash)));
    }

    public boolean lockAccount(String address) {
        accounts.lock(Quantities.decodeAddress(address, "address"));
        return true;
    }

    private static String requirePassword(String password) {
        if (password == null) {
            throw JsonRpcException.invalidParams("missing value for required argument 1 (password)");
        }
        return password;
    }

    interface AccountCall<T> {
        T run() throws AccountException;
    }

    /** Account failures are answered with go-ethereum's code and words. */
    static <T> T call(AccountCall<T> call) {
        try {
            return call.run();
        } catch (AccountException e) {
            throw new JsonRpcException(JsonRpcException.SERVER_ERROR, e.getMessage());
        }
    }
}
