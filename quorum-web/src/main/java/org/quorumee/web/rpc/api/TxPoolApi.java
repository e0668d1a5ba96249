package org.quorumee.web.rpc.api;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import org.quorumee.core.crypto.Eip55;
import org.quorumee.core.tx.Transaction;
import org.quorumee.core.txpool.PoolContent;
import org.quorumee.core.txpool.PoolStatus;
import org.quorumee.core.types.Address;
import org.quorumee.node.chain.StoredTransaction;
import org.quorumee.node.txpool.TransactionPoolService;
import org.quorumee.web.rpc.JsonRpcNamespace;
import org.quorumee.web.rpc.Quantities;

/** The txpool namespace: what waits to be included, as go-ethereum reports it. */
@ApplicationScoped
public class TxPoolApi implements JsonRpcNamespace {

    @EJB
    TransactionPoolService pool;

    @Override
    public String name() {
        return "txpool";
    }

    public Map<String, String> status() {
        PoolStatus status = pool.status();
        return Map.of("pending", Quantities.encode(status.pending()), "queued", Quantities.encode(status.queued()));
    }

    /** Pending and queued transactions by sender, then by nonce (decimal keys, as go-ethereum). */
    public Map<String, Object> content() {
        PoolContent content = pool.content();
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("pending", bySender(content.pending()));
        json.put("queued", bySender(content.queued()));
        return json;
    }

    private static Map<String, Map<String, Object>> bySender(SortedMap<Address, List<Transaction>> transactions) {
        Map<String, Map<String, Object>> json = new LinkedHashMap<>();
        transactions.forEach((sender, list) -> {
            Map<String, Object> byNonce = new LinkedHashMap<>();
            for (Transaction tx : list) {
                byNonce.put(Long.toUnsignedString(tx.nonce()),
                        RpcViews.transaction(new StoredTransaction(tx, sender, null, 0, 0), null));
            }
            json.put(Eip55.toChecksumString(sender), byNonce);
        });
        return json;
    }
}
