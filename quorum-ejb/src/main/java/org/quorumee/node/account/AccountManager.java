package org.quorumee.node.account;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.DependsOn;
import jakarta.ejb.EJB;
import jakarta.ejb.Lock;
import jakarta.ejb.LockType;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;
import org.quorumee.core.crypto.KeyPair;
import org.quorumee.core.crypto.Keystore;
import org.quorumee.core.crypto.KeystoreException;
import org.quorumee.core.crypto.Secp256k1;
import org.quorumee.core.crypto.Signature;
import org.quorumee.core.types.Address;
import org.quorumee.node.NodeService;

/**
 * Node-managed accounts: key files in the data folder's {@code keystore/}, unlocked in memory for a
 * while (or until the node stops) to sign on a client's behalf.
 *
 * <p>At start the node unlocks the accounts named by {@code quorum.unlock} (comma-separated
 * addresses) with the passwords in {@code quorum.password.file} (default: {@code password} in the
 * data folder; one line per account, or one line for all), as geth's {@code --unlock --password}.
 * As geth, it refuses to (and so does not start) while its JSON-RPC is served over HTTP, which it
 * always is, unless {@code quorum.rpc.allowInsecureUnlock=true} says that the endpoint is private
 * (loopback, as the launcher's network). An empty password is warned about.
 */
@Singleton
@Startup
@DependsOn("NodeService")
@Lock(LockType.READ)
@TransactionAttribute(TransactionAttributeType.SUPPORTS)
public class AccountManager {
    private static final Logger LOG = Logger.getLogger(AccountManager.class.getName());
    /** geth's default for personal_unlockAccount without a duration. */
    public static final Duration DEFAULT_UNLOCK = Duration.ofMinutes(5);
    /**
     * Light scrypt (N=4096), as geth's --lightkdf: a standard-strength key (N=2^18) needs 256 MiB
     * for every unlock, too much for a node's heap. Key files of either strength are read.
     */
    private static final Keystore.Kdf NEW_KEY_KDF = Keystore.LIGHT_SCRYPT;

    @EJB
    private NodeService node;

    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final Map<Address, Unlocked> unlocked = new ConcurrentHashMap<>();
    private KeystoreDirectory keystore;

    /** The bean: the keystore is the data folder's, opened at start. */
    public AccountManager() {
        this.clock = Clock.systemUTC();
    }

    /** Over a given keystore and clock, outside the container (tests); nothing is unlocked at start. */
    public AccountManager(KeystoreDirectory keystore, Clock clock) {
        this.keystore = keystore;
        this.clock = clock;
    }

    /** An unlocked key and until when (null: until the node stops). */
    private record Unlocked(KeyPair key, Instant until) {
    }

    @PostConstruct
    void start() {
        keystore = new KeystoreDirectory(node.config().nodeDir().resolve("keystore"), clock);
        String unlock = System.getProperty("quorum.unlock", "").trim();
        if (unlock.isEmpty()) {
            return;
        }
        if (!Boolean.getBoolean("quorum.rpc.allowInsecureUnlock")) {
            throw new IllegalStateException("account unlock with HTTP access is forbidden: quorum.unlock names accounts "
                    + "but quorum.rpc.allowInsecureUnlock is not true (set it only for a node whose JSON-RPC "
                    + "nobody else can reach)");
        }
        List<String> addresses = Arrays.stream(unlock.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
        List<String> passwords = readPasswords(Path.of(System.getProperty("quorum.password.file",
                node.config().nodeDir().resolve("password").toString())));
        for (int i = 0; i < addresses.size(); i++) {
            String password = passwords.isEmpty() ? "" : passwords.get(Math.min(i, passwords.size() - 1));
            Address address = Address.fromHex(addresses.get(i));
            if (password.isEmpty()) {
                LOG.warning(() -> "account " + address + " has an empty password: anyone who can read its key file "
                        + "can spend from it");
            }
            try {
                unlock(address, password, null);
                LOG.info(() -> "account " + address + " unlocked until the node stops");
            } catch (AccountException e) {
                throw new IllegalStateException("cannot unlock " + address + " at start: " + e.getMessage(), e);
            }
        }
    }

    private static List<String> readPasswords(Path file) {
        if (!Files.exists(file)) {
            return List.of();
        }
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the password file " + file, e);
        }
    }

    public List<Address> accounts() {
        return keystore.addresses();
    }

    public Address newAccount(String password) throws AccountException {
        return keystore.store(Secp256k1.generateKeyPair(random), password, NEW_KEY_KDF, random);
    }

    public Address importRawKey(byte[] privateKey, String password) throws AccountException {
        KeyPair key;
        try {
            key = KeyPair.fromPrivateKey(privateKey);
        } catch (RuntimeException e) {
            throw new AccountException("invalid private key: " + e.getMessage());
        }
        return keystore.store(key, password, NEW_KEY_KDF, random);
    }

    /** Unlocks for {@code duration}, or until the node stops when it is null or zero. */
    public void unlock(Address address, String password, Duration duration) throws AccountException {
        String json = keystore.keyFile(address).orElseThrow(() -> new AccountException("no key for given address or file"));
        KeyPair key;
        try {
            key = KeystoreJson.decryptKeyPair(json, password);
        } catch (KeystoreException e) {
            throw new AccountException("could not decrypt key with given password");
        }
        Instant until = duration == null || duration.isZero() ? null : clock.instant().plus(duration);
        unlocked.put(address, new Unlocked(key, until));
    }

    public void lock(Address address) {
        unlocked.remove(address);
    }

    public boolean isUnlocked(Address address) {
        return key(address) != null;
    }

    /**
     * Signs a 32-byte hash with an account's key opened by its password for this signature only
     * (go-ethereum's personal_sendTransaction): the account's lock state is left as it was.
     */
    public Signature signWithPassword(Address address, String password, byte[] hash) throws AccountException {
        String json = keystore.keyFile(address).orElseThrow(() -> new AccountException("no key for given address or file"));
        try {
            return KeystoreJson.decryptKeyPair(json, password).sign(hash);
        } catch (KeystoreException e) {
            throw new AccountException("could not decrypt key with given password");
        }
    }

    /** Signs a 32-byte hash with an unlocked account's key. */
    public Signature sign(Address address, byte[] hash) throws AccountException {
        KeyPair key = key(address);
        if (key == null) {
            throw new AccountException(keystore.keyFile(address).isPresent()
                    ? "authentication needed: password or unlock" : "unknown account");
        }
        return key.sign(hash);
    }

    private KeyPair key(Address address) {
        Unlocked entry = unlocked.get(address);
        if (entry == null) {
            return null;
        }
        if (entry.until() != null && !clock.instant().isBefore(entry.until())) {
            unlocked.remove(address, entry);
            return null;
        }
        return entry.key();
    }
}
