package org.quorumee.node.consensus;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.ejb.DependsOn;
import jakarta.ejb.EJB;
import jakarta.ejb.EJBException;
import jakarta.ejb.Lock;
import jakarta.ejb.LockType;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Logger;
import org.quorumee.node.NodeService;
import org.quorumee.node.chain.BlockImporter;
import org.quorumee.node.chain.NewBlockEvent;
import org.quorumee.node.chain.NewPendingTransactionsEvent;

/**
 * Starts the consensus engine the configuration names — never just the bean that happens to start —
 * and relays the node's happenings to it. GoQuorum's rule: a genesis with {@code config.istanbul} or
 * {@code config.qbft} runs that engine; otherwise the node's setting ({@code quorum.consensus}) does.
 * It writes nothing itself (the engines store through the block importer, which runs its own
 * transactions): relaying a client's transaction begins no container transaction.
 */
@Singleton
@Startup
@DependsOn({"BlockImporter", "TransactionPoolService"})
@Lock(LockType.READ)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class ConsensusService {
    private static final Logger LOG = Logger.getLogger(ConsensusService.class.getName());

    @Inject
    @Any
    private Instance<ConsensusEngine> engines;

    @EJB
    private NodeService node;

    @EJB
    private BlockImporter importer;

    private ConsensusEngine active;

    @PostConstruct
    void start() {
        String name = node.consensusName();
        List<String> known = new ArrayList<>();
        for (ConsensusEngine engine : engines) {
            known.add(engine.name());
            if (engine.name().equals(name)) {
                active = engine;
            }
        }
        if (active == null) {
            throw new IllegalStateException("no consensus engine named \"" + name + "\"; this node knows " + known);
        }
        importer.useConsensusRules(active.rules());
        active.start();
        LOG.info(() -> "consensus engine " + active.name() + " started");
    }

    @PreDestroy
    void stop() {
        if (active != null) {
            try {
                active.stop();
            } catch (EJBException e) {
                // the engine bean went down first: its own @PreDestroy stopped it
                LOG.fine(() -> "the consensus engine was already stopped: " + e.getMessage());
            }
        }
    }

    /** The running engine. */
    public ConsensusEngine active() {
        return active;
    }

    public void onPending(@Observes NewPendingTransactionsEvent event) {
        if (active != null) {
            active.transactionsPending();
        }
    }

    public void onNewBlock(@Observes NewBlockEvent event) {
        if (active != null) {
            active.headChanged();
        }
    }
}
