package org.quorumee.node.account;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.signers.ECDSASigner;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.quorumee.core.bytes.Hex;
import org.quorumee.core.crypto.Keccak;
import org.quorumee.core.crypto.KeyPair;
import org.quorumee.core.crypto.Signature;
import org.quorumee.core.types.Address;

class AccountManagerTest {
    private static final byte[] WEB3_KEY = Hex.decode("0x4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318");
    private static final Address WEB3_ADDRESS = Address.fromHex("0x2c7536E3605D9C16a7a3D7b1898e529396a65c23");

    @TempDir
    Path dir;

    private MovableClock clock;
    private AccountManager accounts;

    @BeforeEach
    void manager() {
        clock = new MovableClock();
        accounts = new AccountManager(new KeystoreDirectory(dir, clock), clock);
    }

    @Test
    void importedKeysGetTheirKnownAddressAndAreListed() throws Exception {
        assertEquals(WEB3_ADDRESS, accounts.importRawKey(WEB3_KEY, "pw"));
        assertEquals(List.of(WEB3_ADDRESS), accounts.accounts());
        assertEquals("account already exists",
                assertThrows(AccountException.class, () -> accounts.importRawKey(WEB3_KEY, "other")).getMessage());
        AccountException invalid = assertThrows(AccountException.class, () -> accounts.importRawKey(new byte[32], "pw"));
        assertTrue(invalid.getMessage().startsWith("invalid private key"), invalid.getMessage());
    }

    @Test
    void signsOnlyWhileUnlockedAndWithTheAccountsKey() throws Exception {
        Address account = accounts.importRawKey(WEB3_KEY, "s3cret");
        byte[] hash = Keccak.keccak256("hello".getBytes());
        assertEquals("authentication needed: password or unlock",
                assertThrows(AccountException.class, () -> accounts.sign(account, hash)).getMessage());
        assertEquals("unknown account",
                assertThrows(AccountException.class, () -> accounts.sign(Address.ZERO, hash)).getMessage());
        assertEquals("could not decrypt key with given password",
                assertThrows(AccountException.class, () -> accounts.unlock(account, "wrong", null)).getMessage());
        assertEquals("no key for given address or file",
                assertThrows(AccountException.class, () -> accounts.unlock(Address.ZERO, "x", null)).getMessage());

        accounts.unlock(account, "s3cret", null);
        assertTrue(accounts.isUnlocked(account));
        Signature signature = accounts.sign(account, hash);
        assertTrue(verifiesWithBouncyCastle(KeyPair.fromPrivateKey(WEB3_KEY).publicKey(), hash, signature),
                "Bouncy Castle's ECDSA verifies the signature under the account's public key");
        accounts.lock(account);
        assertFalse(accounts.isUnlocked(account));
        assertThrows(AccountException.class, () -> accounts.sign(account, hash));
    }

    @Test
    void anUnlockWithADurationEndsWhenItRunsOut() throws Exception {
        Address account = accounts.newAccount("pw");
        assertEquals(List.of(account), accounts.accounts());
        accounts.unlock(account, "pw", Duration.ofSeconds(60));
        clock.advance(Duration.ofSeconds(59));
        assertTrue(accounts.isUnlocked(account));
        clock.advance(Duration.ofSeconds(1));
        assertFalse(accounts.isUnlocked(account), "locked again at 60 s");
        // zero, like null, is until the node stops
        accounts.unlock(account, "pw", Duration.ZERO);
        clock.advance(Duration.ofDays(365));
        assertTrue(accounts.isUnlocked(account));
    }

    /** ECDSA verification of (r, s) over {@code hash} by Bouncy Castle, with the 64-byte x || y public key. */
    private static boolean verifiesWithBouncyCastle(byte[] publicKey, byte[] hash, Signature signature) {
        X9ECParameters curve = CustomNamedCurves.getByName("secp256k1");
        ECDomainParameters domain = new ECDomainParameters(curve.getCurve(), curve.getG(), curve.getN(), curve.getH());
        byte[] encoded = new byte[65];
        encoded[0] = 4;
        System.arraycopy(publicKey, 0, encoded, 1, 64);
        ECDSASigner verifier = new ECDSASigner();
        verifier.init(false, new ECPublicKeyParameters(curve.getCurve().decodePoint(encoded), domain));
        return verifier.verifySignature(hash, signature.r(), signature.s());
    }
}
