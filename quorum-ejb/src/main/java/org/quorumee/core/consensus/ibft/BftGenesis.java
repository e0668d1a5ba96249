package org.quorumee.core.consensus.ibft;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.quorumee.core.chain.ChainConfig;
import org.quorumee.core.chain.InvalidGenesisException;
import org.quorumee.core.chain.JsonFields;
import org.quorumee.core.types.Address;

/**
 * The {@link ForkSchedule} a genesis {@code config} describes, read as GoQuorum reads it:
 * {@code config.qbft} (a chain on QBFT from block 0) or {@code config.istanbul} (legacy IBFT), with
 * {@code epoch}/{@code epochlength}, {@code blockperiodseconds}, {@code emptyblockperiodseconds},
 * {@code requesttimeoutseconds}, {@code maxRequestTimeoutSeconds}, {@code policy},
 * {@code ceil2Nby3Block}, and the {@code transitions} list ({@code block}, {@code algorithm},
 * {@code epochlength}, {@code blockperiodseconds}, {@code emptyblockperiodseconds},
 * {@code requesttimeoutseconds}, {@code maxRequestTimeoutSeconds}, {@code 2FPlus1Enabled},
 * {@code validators}), and {@code istanbul.testQBFTBlock} (GoQuorum's older way to move IBFT to
 * QBFT at a block). Absent values take GoQuorum's defaults (epoch 30000, block period 1 s, request
 * timeout 10 s, round robin, ceil(2N/3) from block 0).
 */
public final class BftGenesis {
    /** GoQuorum's documented default block period. */
    public static final long DEFAULT_BLOCK_PERIOD_SECONDS = 1;

    private BftGenesis() {
    }

    /** The schedule of a chain whose genesis names IBFT or QBFT; empty for any other chain. */
    public static Optional<ForkSchedule> schedule(ChainConfig config) {
        List<BftTransition> transitions = transitions(config);
        if (config.qbft().isPresent()) {
            Map<String, Object> q = config.qbft().get();
            return Optional.of(ForkSchedule.qbft(new QbftConfig(epoch(q), period(q), orZero(q, "emptyblockperiodseconds"),
                    timeoutMillis(q), orZero(q, "maxRequestTimeoutSeconds"), policy(q), ceil2Nby3(q)), transitions));
        }
        if (config.istanbul().isPresent()) {
            Map<String, Object> i = config.istanbul().get();
            Long testQbftBlock = JsonFields.longValue(i, "testQBFTBlock");
            if (testQbftBlock != null) {
                // GoQuorum's first form of the move to QBFT; it refuses both forms together
                if (transitions.stream().anyMatch(t -> t.algorithm() != null)) {
                    throw new InvalidGenesisException("istanbul.testQBFTBlock and a transitions algorithm cannot be used together");
                }
                transitions.add(BftTransition.toQbft(testQbftBlock));
            }
            return Optional.of(ForkSchedule.ibft(new IbftConfig(epoch(i), period(i), orZero(i, "emptyblockperiodseconds"),
                    timeoutMillis(i), orZero(i, "maxRequestTimeoutSeconds"), policy(i), ceil2Nby3(i)), transitions));
        }
        return Optional.empty();
    }

    private static long epoch(Map<String, Object> section) {
        Long value = JsonFields.longValue(section, "epochlength");
        if (value == null) {
            value = JsonFields.longValue(section, "epoch");
        }
        return value == null || value == 0 ? IbftConfig.DEFAULT_EPOCH : value;
    }

    private static long period(Map<String, Object> section) {
        Long value = JsonFields.longValue(section, "blockperiodseconds");
        return value == null ? DEFAULT_BLOCK_PERIOD_SECONDS : value;
    }

    private static long timeoutMillis(Map<String, Object> section) {
        Long value = JsonFields.longValue(section, "requesttimeoutseconds");
        return value == null || value == 0 ? 10_000 : value * 1000;
    }

    private static long orZero(Map<String, Object> section, String name) {
        Long value = JsonFields.longValue(section, name);
        return value == null ? 0 : value;
    }

    private static ProposerPolicy policy(Map<String, Object> section) {
        Long value = JsonFields.longValue(section, "policy");
        try {
            return value == null ? ProposerPolicy.ROUND_ROBIN : ProposerPolicy.fromId(value);
        } catch (IllegalArgumentException e) {
            throw new InvalidGenesisException(e.getMessage());
        }
    }

    /** GoQuorum: absent means block 0 (ceil(2N/3) throughout). */
    private static Long ceil2Nby3(Map<String, Object> section) {
        Long value = JsonFields.longValue(section, "ceil2Nby3Block");
        return value == null ? 0L : value;
    }

    private static List<BftTransition> transitions(ChainConfig config) {
        List<BftTransition> out = new ArrayList<>();
        for (Object entry : config.transitions().orElse(List.of())) {
            if (JsonFields.object(entry) == null) {
                throw new InvalidGenesisException("each of transitions is an object, found " + entry);
            }
            Long block = JsonFields.longValue(entry, "block");
            if (block == null) {
                throw new InvalidGenesisException("a transition needs its block");
            }
            BftProtocol algorithm = null;
            Object name = JsonFields.field(entry, "algorithm");
            if (name != null) {
                algorithm = switch (name.toString().toLowerCase()) {
                    case "qbft" -> BftProtocol.QBFT;
                    case "ibft" -> BftProtocol.IBFT;
                    default -> throw new InvalidGenesisException("transition algorithm is ibft or qbft, not " + name);
                };
            }
            Object twoF = JsonFields.field(entry, "2FPlus1Enabled");
            List<Address> validators = new ArrayList<>();
            for (Object v : Optional.ofNullable(JsonFields.list(JsonFields.field(entry, "validators"))).orElse(List.of())) {
                validators.add(Address.fromHex(v.toString()));
            }
            out.add(new BftTransition(block, algorithm, JsonFields.longValue(entry, "epochlength"),
                    JsonFields.longValue(entry, "blockperiodseconds"), JsonFields.longValue(entry, "emptyblockperiodseconds"),
                    JsonFields.longValue(entry, "requesttimeoutseconds"), JsonFields.longValue(entry, "maxRequestTimeoutSeconds"),
                    twoF == null ? null : JsonFields.bool(entry, "2FPlus1Enabled"), validators));
        }
        return out;
    }
}
