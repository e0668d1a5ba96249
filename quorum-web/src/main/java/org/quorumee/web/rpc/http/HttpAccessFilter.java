package org.quorumee.web.rpc.http;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.logging.Logger;
import org.quorumee.web.rpc.RpcSettings;

/**
 * Who may use the HTTP endpoint, checked before JSON-RPC sees a request, as go-ethereum's HTTP
 * server does: a Host header that names a host not in {@code quorum.rpc.vhosts} is refused (403;
 * defeats DNS rebinding), a request from a browser Origin not in {@code quorum.rpc.corsDomains} is
 * refused (403) and gets no CORS headers, and a POST whose content type is not JSON is refused
 * (415; a web page can send {@code text/plain} without a CORS preflight; the transaction manager's
 * API under {@code /tm} also takes raw bytes, and refuses only what a browser sends without a
 * preflight). Allowed origins get CORS
 * headers and preflight {@code OPTIONS} answers. WebSocket handshakes follow their own origin rule
 * ({@code quorum.ws.origins}, also checked by the endpoint's {@link
 * org.quorumee.web.rpc.ws.WebSocketAccess}): a refused one gets 403 here.
 */
@WebFilter(urlPatterns = "/*", asyncSupported = true)
public class HttpAccessFilter extends HttpFilter {
    private static final Logger LOG = Logger.getLogger(HttpAccessFilter.class.getName());
    /** How long a browser may keep a preflight's answer (seconds), as geth. */
    private static final String PREFLIGHT_MAX_AGE = "600";

    private final RpcSettings settings = RpcSettings.system();

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if ("websocket".equalsIgnoreCase(request.getHeader("Upgrade"))) {
            // A handshake the endpoint refuses (WebSocketAccess) is not upgraded and would reach
            // JAX-RS as a GET: answer it here with what it is, a forbidden origin.
            if (!settings.isWebSocketOriginAllowed(request.getHeader("Origin"))) {
                refuse(response, HttpServletResponse.SC_FORBIDDEN, "origin not allowed");
                return;
            }
            chain.doFilter(request, response);
            return;
        }
        if (!settings.isHostAllowed(request.getHeader("Host"))) {
            LOG.fine(() -> "refused an HTTP request for host " + request.getHeader("Host"));
            refuse(response, HttpServletResponse.SC_FORBIDDEN, "invalid host specified");
            return;
        }
        String origin = request.getHeader("Origin");
        if (origin != null) {
            if (!settings.isCorsOriginAllowed(origin)) {
                LOG.fine(() -> "refused an HTTP request from origin " + origin);
                refuse(response, HttpServletResponse.SC_FORBIDDEN, "origin not allowed");
                return;
            }
            response.setHeader("Access-Control-Allow-Origin", settings.isCorsOriginAllowed("*") ? "*" : origin);
            response.addHeader("Vary", "Origin");
            if ("OPTIONS".equals(request.getMethod()) && request.getHeader("Access-Control-Request-Method") != null) {
                response.setHeader("Access-Control-Allow-Methods", "POST, GET, OPTIONS");
                String headers = request.getHeader("Access-Control-Request-Headers");
                if (headers != null) {
                    response.setHeader("Access-Control-Allow-Headers", headers);
                }
                response.setHeader("Access-Control-Max-Age", PREFLIGHT_MAX_AGE);
                response.setStatus(HttpServletResponse.SC_NO_CONTENT);
                return;
            }
        }
        if ("POST".equals(request.getMethod()) && !acceptableContentType(request)) {
            refuse(response, HttpServletResponse.SC_UNSUPPORTED_MEDIA_TYPE, isTransactionManager(request)
                    ? "invalid content type" : "invalid content type, only application/json is supported");
            return;
        }
        chain.doFilter(request, response);
    }

    /**
     * JSON-RPC takes JSON only. The transaction manager's API (Tessera's) also takes raw bytes
     * ({@code application/octet-stream}): what it refuses is what a browser sends without a preflight.
     */
    private static boolean acceptableContentType(HttpServletRequest request) {
        return isTransactionManager(request)
                ? !RpcSettings.isSentWithoutPreflight(request.getContentType())
                : RpcSettings.isJsonContentType(request.getContentType());
    }

    private static boolean isTransactionManager(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return path.equals("/tm") || path.startsWith("/tm/");
    }

    private static void refuse(HttpServletResponse response, int status, String message) throws IOException {
        response.setStatus(status);
        response.setContentType("text/plain;charset=utf-8");
        response.getOutputStream().write((message + "\n").getBytes(StandardCharsets.UTF_8));
    }
}
