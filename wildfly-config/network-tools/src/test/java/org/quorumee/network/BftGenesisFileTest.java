package org.quorumee.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.quorumee.core.bytes.Hex;
import org.quorumee.core.chain.ChainConfig;
import org.quorumee.core.consensus.ibft.BftGenesis;
import org.quorumee.core.consensus.ibft.BftProtocol;
import org.quorumee.core.consensus.ibft.extra.IstanbulExtraData;
import org.quorumee.core.consensus.ibft.extra.QbftExtraData;
import org.quorumee.core.crypto.Secp256k1;
import org.quorumee.core.types.Address;

class BftGenesisFileTest {
    private static final String TEMPLATE = "{\"config\": {\"chainId\": 10, \"isQuorum\": true}, \"alloc\": {},"
            + " \"extraData\": \"0x\", \"gasLimit\": \"0xe0000000\", \"difficulty\": \"0x0\"}";

    @Test
    void qbftGenesisNamesEveryNodeKeyAsValidatorAndIsSharedByNodesAddedLater(@TempDir Path dir) throws Exception {
        Path template = dir.resolve("template.json");
        Files.writeString(template, TEMPLATE);
        NetworkGenerator generator = new NetworkGenerator(dir.resolve("net"), new NetworkGenerator.Options("127.0.0.1", 26000, 50401),
                new SecureRandom());
        List<NetworkGenerator.GeneratedNode> nodes = generator.generate(4);
        BftGenesisFile file = new BftGenesisFile(BftProtocol.QBFT, 1, 5, 20);
        file.write(dir.resolve("net"), template, nodes);

        JsonNode genesis = new ObjectMapper().readTree(dir.resolve("net/node3/genesis.json").toFile());
        List<Address> expected = nodes.stream().map(n -> Secp256k1.toAddress(n.enode().publicKey())).sorted().toList();
        assertEquals(expected, QbftExtraData.decode(Hex.decode(genesis.get("extraData").asText())).validators());
        JsonNode qbft = genesis.get("config").get("qbft");
        assertEquals(1, qbft.get("blockperiodseconds").asLong());
        assertEquals(5, qbft.get("requesttimeoutseconds").asLong());
        assertEquals(20, qbft.get("maxRequestTimeoutSeconds").asLong());
        assertFalse(genesis.get("config").has("istanbul"));
        @SuppressWarnings("unchecked")
        Map<String, Object> config = new ObjectMapper().convertValue(genesis.get("config"), Map.class);
        assertEquals(BftProtocol.QBFT, BftGenesis.schedule(ChainConfig.fromJson(config)).orElseThrow().at(1).protocol());

        // a fifth node gets the same genesis, and the validators stay the first four
        List<NetworkGenerator.GeneratedNode> five = generator.generate(5);
        file.write(dir.resolve("net"), template, five);
        assertEquals(Files.readString(dir.resolve("net/node1/genesis.json")), Files.readString(dir.resolve("net/node5/genesis.json")));
    }

    @Test
    void ibftGenesisHasTheIstanbulLayoutDigestAndDifficulty() throws Exception {
        Address a = Address.fromHex("0x00000000000000000000000000000000000000bb");
        Address b = Address.fromHex("0x00000000000000000000000000000000000000aa");
        JsonNode genesis = new ObjectMapper().readTree(new BftGenesisFile(BftProtocol.IBFT, 2, 10, 0).render(TEMPLATE, List.of(a, b)));
        assertEquals(List.of(b, a), IstanbulExtraData.decode(Hex.decode(genesis.get("extraData").asText())).validators());
        assertEquals(2, genesis.get("config").get("istanbul").get("blockperiodseconds").asLong());
        assertFalse(genesis.get("config").get("istanbul").has("maxRequestTimeoutSeconds"));
        assertEquals("0x1", genesis.get("difficulty").asText());
        assertTrue(genesis.get("mixHash").asText().startsWith("0x63746963616c"));
    }

    @Test
    void anIbftGenesisWithAQbftBlockMovesTheChainToQbftThere() throws Exception {
        Address a = Address.fromHex("0x00000000000000000000000000000000000000aa");
        JsonNode genesis = new ObjectMapper().readTree(new BftGenesisFile(BftProtocol.IBFT, 1, 10, 0, 3).render(TEMPLATE, List.of(a)));
        JsonNode transitions = genesis.get("config").get("transitions");
        assertEquals("[{\"block\":3,\"algorithm\":\"qbft\"}]", transitions.toString());
        assertEquals(List.of(a), IstanbulExtraData.decode(Hex.decode(genesis.get("extraData").asText())).validators(),
                "block 0 keeps IBFT's extraData");
        @SuppressWarnings("unchecked")
        Map<String, Object> config = new ObjectMapper().convertValue(genesis.get("config"), Map.class);
        var schedule = BftGenesis.schedule(ChainConfig.fromJson(config)).orElseThrow();
        assertEquals(BftProtocol.IBFT, schedule.at(2).protocol());
        assertEquals(BftProtocol.QBFT, schedule.at(3).protocol());
        assertThrows(IllegalArgumentException.class, () -> new BftGenesisFile(BftProtocol.QBFT, 1, 10, 0, 3));
    }
}
