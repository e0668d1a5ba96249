package org.quorumee.node.consensus;

import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Local;
import jakarta.ejb.LocalBean;
import jakarta.ejb.Singleton;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import org.quorumee.core.chain.ConsensusRules;

/**
 * A node that never makes blocks: it imports those its peers make (block sync) and passes the
 * transactions it receives on to them (gossip). On a network whose one producer runs the single-node
 * engine, every other node runs this one ({@code quorum.consensus=follower}).
 */
@Singleton
@LocalBean
@Local(ConsensusEngine.class)
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class FollowerEngine implements ConsensusEngine {

    @Override
    public String name() {
        return "follower";
    }

    @Override
    public ConsensusRules rules() {
        return ConsensusRules.NONE;
    }

    @Override
    public void start() {
    }

    @Override
    public void stop() {
    }

    @Override
    public void transactionsPending() {
    }
}
