package org.quorumee.core.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.quorumee.core.types.Address;

class Eip55Test {
    /** The examples of EIP-55. */
    private static final List<String> EIP55 = List.of(
            "0x52908400098527886E0F7030069857D2E4169EE7",
            "0x8617E340B3D01FA5F11F306F4090FD50E238070D",
            "0xde709f2102306220921060314715629080e2fb77",
            "0x27b1fdb04752bbc536007a920d24acb045561c26",
            "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed",
            "0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359",
            "0xdbF03B407c01E7cD3CBea99509d93f8DDDC8C6FB",
            "0xD1220A0cf47c7B9Be7A2E6BA89F429762e7b9aDb");

    @Test
    void checksumMatchesEip55() {
        for (String text : EIP55) {
            Address address = Address.fromHex(text);
            assertEquals(text, Eip55.toChecksumString(address));
            assertEquals(address, Eip55.fromChecksumHex(text));
            assertEquals(text.toLowerCase(Locale.ROOT), address.toString());
        }
    }

    @Test
    void parserChecksMixedCaseOnly() {
        String good = "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed";
        String bad = "0x5aaeb6053F3E94C9b9A09f33669435E7Ef1BeAed";
        assertThrows(IllegalArgumentException.class, () -> Eip55.fromChecksumHex(bad));
        assertEquals(Address.fromHex(good), Eip55.fromChecksumHex(good.toLowerCase(Locale.ROOT)));
        assertEquals(Address.fromHex(good), Eip55.fromChecksumHex("0x" + good.substring(2).toUpperCase(Locale.ROOT)));
        assertEquals(Address.fromHex(good), Eip55.fromChecksumHex(good.substring(2)));
        assertThrows(IllegalArgumentException.class, () -> Eip55.fromChecksumHex("0x1234"));
        assertThrows(IllegalArgumentException.class, () -> Eip55.fromChecksumHex("0xzz"));
    }
}
