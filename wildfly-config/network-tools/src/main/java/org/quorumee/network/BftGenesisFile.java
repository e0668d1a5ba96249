package org.quorumee.network;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.quorumee.core.bytes.Hex;
import org.quorumee.core.consensus.ibft.BftProtocol;
import org.quorumee.core.consensus.ibft.IbftConfig;
import org.quorumee.core.consensus.ibft.IstanbulHeaders;
import org.quorumee.core.consensus.ibft.extra.IstanbulBlockHash;
import org.quorumee.core.crypto.Secp256k1;
import org.quorumee.core.types.Address;

/**
 * The genesis of an IBFT or QBFT network: the launcher's template with GoQuorum's
 * {@code config.istanbul} or {@code config.qbft} section and the extraData that names the first
 * validators — the node keys' addresses. Written once to {@code genesis.json} in the network folder
 * (the validators are those of the first run) and copied to every node folder that has none: a node
 * added later shares the genesis and starts as a non-validator, to be voted in with istanbul_propose.
 *
 * @param blockPeriodSeconds {@code blockperiodseconds}
 * @param requestTimeoutSeconds {@code requesttimeoutseconds}: round 0's timeout, doubled each round
 * @param maxRequestTimeoutSeconds {@code maxRequestTimeoutSeconds}: the cap of the round timeout; 0 = none
 * @param qbftBlock an IBFT chain moves to QBFT from this block (GoQuorum's
 *     {@code config.transitions: [{"block": N, "algorithm": "qbft"}]}); 0 = never
 */
public record BftGenesisFile(BftProtocol protocol, long blockPeriodSeconds, long requestTimeoutSeconds,
        long maxRequestTimeoutSeconds, long qbftBlock) {

    public BftGenesisFile {
        if (qbftBlock < 0) {
            throw new IllegalArgumentException("the QBFT transition block must not be negative: " + qbftBlock);
        }
        if (qbftBlock > 0 && protocol != BftProtocol.IBFT) {
            throw new IllegalArgumentException("a transition to QBFT needs a chain that starts on IBFT");
        }
    }

    /** A genesis without a transition. */
    public BftGenesisFile(BftProtocol protocol, long blockPeriodSeconds, long requestTimeoutSeconds,
            long maxRequestTimeoutSeconds) {
        this(protocol, blockPeriodSeconds, requestTimeoutSeconds, maxRequestTimeoutSeconds, 0);
    }

    /** Writes the network's genesis if it has none yet, then gives it to every node lacking one. */
    public void write(Path networkDir, Path template, List<NetworkGenerator.GeneratedNode> nodes) {
        Path genesis = networkDir.resolve("genesis.json");
        if (!Files.exists(genesis)) {
            List<Address> validators = nodes.stream().map(n -> Secp256k1.toAddress(n.enode().publicKey())).toList();
            SecureFiles.writeText(genesis, render(SecureFiles.readText(template), validators));
        }
        String text = SecureFiles.readText(genesis);
        for (NetworkGenerator.GeneratedNode node : nodes) {
            Path own = node.dir().resolve("genesis.json");
            if (!Files.exists(own)) {
                SecureFiles.writeText(own, text + "\n");
            }
        }
    }

    /** The template with the consensus section and the validators' extraData. */
    String render(String templateJson, List<Address> validators) {
        ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        try {
            ObjectNode root = (ObjectNode) mapper.readTree(templateJson);
            ObjectNode config = (ObjectNode) root.get("config");
            ObjectNode section = mapper.createObjectNode();
            if (protocol == BftProtocol.QBFT) {
                section.put("epochlength", IbftConfig.DEFAULT_EPOCH);
            } else {
                section.put("epoch", IbftConfig.DEFAULT_EPOCH);
            }
            section.put("blockperiodseconds", blockPeriodSeconds);
            section.put("requesttimeoutseconds", requestTimeoutSeconds);
            if (maxRequestTimeoutSeconds > 0) {
                section.put("maxRequestTimeoutSeconds", maxRequestTimeoutSeconds);
            }
            section.put("policy", 0);
            section.put("ceil2Nby3Block", 0);
            config.remove(List.of("istanbul", "qbft", "transitions"));
            config.set(protocol == BftProtocol.QBFT ? "qbft" : "istanbul", section);
            if (qbftBlock > 0) {
                // genesis extraData stays IBFT's: block 0 is read with the algorithm in force there
                ObjectNode transition = config.putArray("transitions").addObject();
                transition.put("block", qbftBlock);
                transition.put("algorithm", "qbft");
            }
            root.put("extraData", Hex.encode(IstanbulHeaders.genesisExtraData(protocol, validators)));
            root.put("mixHash", Hex.encode(IstanbulBlockHash.digest()));
            root.put("difficulty", "0x1");
            return mapper.writeValueAsString(root);
        } catch (IOException | ClassCastException e) {
            throw new UncheckedIOException(new IOException("cannot make the genesis from the template: " + e.getMessage(), e));
        }
    }
}
