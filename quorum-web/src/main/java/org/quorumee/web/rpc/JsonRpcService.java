package org.quorumee.web.rpc;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.logging.Logger;

/**
 * The node's one JSON-RPC dispatcher, built from the {@link JsonRpcNamespace} beans deployed whose
 * namespace the node exposes ({@code quorum.rpc.api}), with the node's {@link RpcSettings}.
 */
@ApplicationScoped
public class JsonRpcService {
    private static final Logger LOG = Logger.getLogger(JsonRpcService.class.getName());

    @Inject
    @Any
    Instance<JsonRpcNamespace> namespaces;

    private JsonRpcDispatcher dispatcher;
    private RpcSettings settings;

    @PostConstruct
    void init() {
        settings = RpcSettings.system();
        ObjectMapper mapper = new ObjectMapper()
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT);
        Map<Class<?>, JsonRpcNamespace> beans = new LinkedHashMap<>();
        namespaces.handles().forEach(handle -> beans.put(handle.getBean().getBeanClass(), handle.get()));
        dispatcher = new JsonRpcDispatcher(mapper, beans, JsonRpcDispatcher.Limits.of(settings));
        LOG.info(() -> "JSON-RPC namespaces served (quorum.rpc.api): " + dispatcher.namespaces()
                + "; methods: " + dispatcher.methodNames());
    }

    public JsonRpcDispatcher dispatcher() {
        return dispatcher;
    }

    public RpcSettings settings() {
        return settings;
    }

    /** Requests larger than this are answered with an error without being read whole. */
    public long maxRequestBytes() {
        return settings.maxRequestBytes();
    }
}
