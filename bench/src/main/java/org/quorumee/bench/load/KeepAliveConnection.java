package org.quorumee.bench.load;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.quorumee.bench.load.JsonRpc.RpcError;

/**
 * One blocking HTTP/1.1 keep-alive connection to a node, for the load generator's send loop: a
 * pre-encoded JSON-RPC body written, the answer read, nothing else. Owned by one thread.
 *
 * <p>Why not {@link java.net.http.HttpClient}: on this 2-core machine the load generator shares the
 * cores with the node it measures, and the JDK client's asynchronous machinery cost about as much
 * CPU per request as the node's own request handling, so it lowered the figure it was measuring.
 */
final class KeepAliveConnection implements AutoCloseable {
    private static final int TIMEOUT_MILLIS = 60_000;
    private static final byte[] ERROR_KEY = "\"error\"".getBytes(StandardCharsets.US_ASCII);

    private final URI endpoint;
    private final byte[] head;
    private Socket socket;
    private OutputStream out;
    private InputStream in;

    KeepAliveConnection(URI endpoint) {
        this.endpoint = endpoint;
        String path = endpoint.getRawPath() == null || endpoint.getRawPath().isEmpty() ? "/" : endpoint.getRawPath();
        this.head = ("POST " + path + " HTTP/1.1\r\nHost: " + endpoint.getHost() + ":" + endpoint.getPort()
                + "\r\nContent-Type: application/json\r\nConnection: keep-alive\r\nContent-Length: ")
                .getBytes(StandardCharsets.US_ASCII);
    }

    /** The JSON-RPC request for one raw transaction, encoded once while pre-signing. */
    static byte[] sendRawTransactionBody(String raw) {
        return ("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"eth_sendRawTransaction\",\"params\":[\"" + raw + "\"]}")
                .getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * Posts a single JSON-RPC request and checks its answer: returns normally on a result, throws
     * {@link RpcError} with the node's code and message on an error answer or a transport failure.
     * A connection that fails is dropped and opened again on the next call.
     */
    void call(byte[] body) throws RpcError {
        byte[] answer;
        try {
            answer = exchange(body);
        } catch (IOException e) {
            close();
            throw new RpcError(0, e.getClass().getSimpleName() + ": " + e.getMessage());
        }
        // Only an error answer needs parsing; a result is a hash the block watcher already knows.
        if (indexOf(answer, ERROR_KEY) >= 0) {
            try {
                JsonRpc.resultOf(JsonRpc.JSON.readTree(answer));
            } catch (IOException e) {
                throw new RpcError(0, "unreadable answer: " + e.getMessage());
            }
        }
    }

    private byte[] exchange(byte[] body) throws IOException {
        if (socket == null) {
            socket = new Socket();
            socket.setTcpNoDelay(true);
            socket.setSoTimeout(TIMEOUT_MILLIS);
            socket.connect(new InetSocketAddress(endpoint.getHost(), endpoint.getPort()), 10_000);
            out = socket.getOutputStream();
            in = new BufferedInputStream(socket.getInputStream(), 8192);
        }
        byte[] length = (body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        byte[] request = new byte[head.length + length.length + body.length];
        System.arraycopy(head, 0, request, 0, head.length);
        System.arraycopy(length, 0, request, head.length, length.length);
        System.arraycopy(body, 0, request, head.length + length.length, body.length);
        out.write(request);
        out.flush();
        return readResponse();
    }

    private byte[] readResponse() throws IOException {
        String status = readLine();
        if (!status.startsWith("HTTP/1.1 ")) {
            throw new IOException("not an HTTP/1.1 answer: " + status);
        }
        int contentLength = -1;
        boolean chunked = false;
        boolean closeAfter = false;
        for (String line = readLine(); !line.isEmpty(); line = readLine()) {
            String lower = line.toLowerCase(Locale.ROOT);
            if (lower.startsWith("content-length:")) {
                contentLength = Integer.parseInt(lower.substring(15).trim());
            } else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
                chunked = true;
            } else if (lower.startsWith("connection:") && lower.contains("close")) {
                closeAfter = true;
            }
        }
        byte[] body;
        if (chunked) {
            ByteArrayOutputStream collected = new ByteArrayOutputStream();
            for (int size = Integer.parseInt(readLine().split(";")[0].trim(), 16); size > 0;
                    size = Integer.parseInt(readLine().split(";")[0].trim(), 16)) {
                collected.write(in.readNBytes(size));
                readLine();
            }
            readLine();
            body = collected.toByteArray();
        } else if (contentLength >= 0) {
            body = in.readNBytes(contentLength);
        } else {
            throw new IOException("an answer without a length (status " + status + ")");
        }
        if (closeAfter) {
            close();
        }
        if (!status.startsWith("HTTP/1.1 200") && body.length == 0) {
            throw new IOException(status);
        }
        return body;
    }

    private String readLine() throws IOException {
        StringBuilder line = new StringBuilder(64);
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                throw new IOException("connection closed by the node");
            }
            if (b != '\r') {
                line.append((char) b);
            }
        }
        return line.toString();
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    @Override
    public void close() {
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing a broken connection: nothing left to do
            }
            socket = null;
        }
    }
}
