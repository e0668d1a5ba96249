package org.quorumee.core.consensus.ibft;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.quorumee.core.types.Address;

/**
 * Which engine and parameters hold at block N: the genesis configuration with GoQuorum's
 * {@code transitions} applied in block order (an entry at block B counts for B and every later
 * block). A pure function of its inputs; the driver asks it for each height it works on.
 */
public final class ForkSchedule {
    private final BftParameters genesis;
    private final Long ceil2Nby3Block;
    private final List<BftTransition> transitions;

    private ForkSchedule(BftParameters genesis, Long ceil2Nby3Block, List<BftTransition> transitions) {
        this.genesis = genesis;
        this.ceil2Nby3Block = ceil2Nby3Block;
        List<BftTransition> sorted = new ArrayList<>(transitions);
        sorted.sort(Comparator.comparingLong(BftTransition::block));
        this.transitions = List.copyOf(sorted);
        boolean qbft = genesis.protocol() == BftProtocol.QBFT;
        for (BftTransition t : this.transitions) {
            if (t.algorithm() == BftProtocol.IBFT && qbft) {
                throw new IllegalArgumentException("a chain cannot go back from QBFT to IBFT (transition at block " + t.block() + ")");
            }
            qbft |= t.algorithm() == BftProtocol.QBFT;
        }
    }

    /** A chain that starts on IBFT (and may move to QBFT through a transition). */
    public static ForkSchedule ibft(IbftConfig config, List<BftTransition> transitions) {
        return new ForkSchedule(new BftParameters(BftProtocol.IBFT, config.epochLength(), config.blockPeriodSeconds(),
                config.emptyBlockPeriodSeconds(), config.requestTimeoutMillis(), config.maxRequestTimeoutSeconds(),
                config.policy(), QuorumMode.CEIL_2N_BY_3), config.ceil2Nby3Block(), transitions);
    }

    /** A chain that runs QBFT from genesis. */
    public static ForkSchedule qbft(QbftConfig config, List<BftTransition> transitions) {
        return new ForkSchedule(new BftParameters(BftProtocol.QBFT, config.epochLength(), config.blockPeriodSeconds(),
                config.emptyBlockPeriodSeconds(), config.requestTimeoutMillis(), config.maxRequestTimeoutSeconds(),
                config.policy(), QuorumMode.CEIL_2N_BY_3), config.ceil2Nby3Block(), transitions);
    }

    /** The parameters that hold at {@code blockNumber}. */
    public BftParameters at(long blockNumber) {
        BftProtocol protocol = genesis.protocol();
        long epoch = genesis.epochLength();
        long period = genesis.blockPeriodSeconds();
        long emptyPeriod = genesis.emptyBlockPeriodSeconds();
        long timeout = genesis.requestTimeoutMillis();
        long maxTimeout = genesis.maxRequestTimeoutSeconds();
        boolean twoFPlusOne = false;
        for (BftTransition t : transitions) {
            if (t.block() > blockNumber) {
                break;
            }
            if (t.algorithm() != null) {
                protocol = t.algorithm();
            }
            if (t.epochLength() != null && t.epochLength() > 0) {
                epoch = t.epochLength();
            }
            if (t.blockPeriodSeconds() != null && t.blockPeriodSeconds() > 0) {
                period = t.blockPeriodSeconds();
            }
            if (t.emptyBlockPeriodSeconds() != null) {
                emptyPeriod = t.emptyBlockPeriodSeconds();
            }
            if (t.requestTimeoutSeconds() != null && t.requestTimeoutSeconds() > 0) {
                timeout = t.requestTimeoutSeconds() * 1000;
            }
            if (t.maxRequestTimeoutSeconds() != null) {
                maxTimeout = t.maxRequestTimeoutSeconds();
            }
            if (t.twoFPlusOneEnabled() != null) {
                twoFPlusOne = t.twoFPlusOneEnabled();
            }
        }
        boolean ceil = !twoFPlusOne && ceil2Nby3Block != null && blockNumber >= ceil2Nby3Block;
        return new BftParameters(protocol, epoch, period, Math.max(period, emptyPeriod), timeout, maxTimeout,
                genesis.policy(), ceil ? QuorumMode.CEIL_2N_BY_3 : QuorumMode.TWO_F_PLUS_ONE);
    }

    /** The validators a transition sets after block {@code blockNumber}, if one does at exactly that block. */
    public Optional<List<Address>> validatorsAfter(long blockNumber) {
        Optional<List<Address>> found = Optional.empty();
        for (BftTransition t : transitions) {
            if (t.block() == blockNumber && !t.validators().isEmpty()) {
                found = Optional.of(t.validators());
            }
        }
        return found;
    }

    /** The transitions, sorted by block. */
    public List<BftTransition> transitions() {
        return transitions;
    }
}
