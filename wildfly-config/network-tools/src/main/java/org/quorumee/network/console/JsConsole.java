package org.quorumee.network.console;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.PriorityQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.mozilla.javascript.Context;
import org.mozilla.javascript.ContextFactory;
import org.mozilla.javascript.Function;
import org.mozilla.javascript.RhinoException;
import org.mozilla.javascript.Scriptable;
import org.mozilla.javascript.ScriptableObject;

/**
 * geth's {@code attach}: a JavaScript console on a node's JSON-RPC, with web3.js 0.20 (the API of
 * GoQuorum's 7-node scripts) running in Rhino on one thread. The host gives the script a synchronous
 * provider ({@link #send}), timers ({@link #schedule}) and {@code loadScript}; callbacks of timers run
 * on the same thread between statements, as in geth's event loop.
 *
 * <pre>JsConsole --url URL [--exec JS] [--wait SECONDS]</pre>
 * With {@code --exec} it runs the statement, prints its value, then runs the timers the statement left
 * (e.g. a contract's "mined" callback) until none is left or {@code --wait} seconds passed (default 120).
 */
public final class JsConsole {
    private static final String RESOURCES = "/org/quorumee/network/console/";

    private final URI url;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final PrintStream out;
    private final PriorityQueue<Timer> timers = new PriorityQueue<>();
    private long nextTimerId = 1;
    private boolean failed;
    private Context context;
    private Scriptable scope;

    /** A pending setTimeout/setInterval: due time (ns, monotonic), then insertion order. */
    private record Timer(long id, long dueNanos, long periodMillis, Function callback) implements Comparable<Timer> {
        @Override
        public int compareTo(Timer other) {
            int byTime = Long.compare(dueNanos, other.dueNanos);
            return byTime != 0 ? byTime : Long.compare(id, other.id);
        }
    }

    /** Rhino allowing Java's reserved words as names: geth's scripts call a contract {@code private}. */
    private static final class ConsoleContextFactory extends ContextFactory {
        @Override
        protected boolean hasFeature(Context cx, int featureIndex) {
            if (featureIndex == Context.FEATURE_RESERVED_KEYWORD_AS_IDENTIFIER) {
                return true;
            }
            return super.hasFeature(cx, featureIndex);
        }
    }

    public JsConsole(URI url, PrintStream out) {
        this.url = url;
        this.out = out;
    }

    /** Enters Rhino on this thread and loads web3.js and the console's bindings. */
    public void open() {
        context = new ConsoleContextFactory().enterContext();
        context.setLanguageVersion(Context.VERSION_ES6);
        // web3.js is too large for Rhino's bytecode compiler (64 KB methods): interpret it.
        context.setOptimizationLevel(-1);
        scope = context.initStandardObjects();
        ScriptableObject.putProperty(scope, "__host", Context.javaToJS(this, scope));
        evaluate(resource("web3.min.js"), "web3.min.js");
        evaluate(resource("console.js"), "console.js");
    }

    public void close() {
        Context.exit();
    }

    // ---- called by console.js ------------------------------------------------------------------

    /** The synchronous provider: one JSON-RPC request (or batch) as JSON text, the answer as JSON text. */
    public String send(String payload) {
        HttpRequest request = HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(payload, StandardCharsets.UTF_8)).build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            if (response.statusCode() != 200) {
                throw new IllegalStateException("the node answered HTTP " + response.statusCode() + ": " + response.body());
            }
            return response.body();
        } catch (IOException e) {
            throw new IllegalStateException("cannot reach the node at " + url + " (" + (e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName()) + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted");
        }
    }

    public long schedule(Function callback, double delayMillis, boolean repeat) {
        long delay = Math.max(0, (long) delayMillis);
        long id = nextTimerId++;
        timers.add(new Timer(id, System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(delay), repeat ? Math.max(1, delay) : 0,
                callback));
        return id;
    }

    public void cancel(double id) {
        timers.removeIf(t -> t.id() == (long) id);
    }

    public void print(String text) {
        out.println(text);
        out.flush();
    }

    public String readFile(String file) {
        try {
            return Files.readString(Path.of(file), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read " + file + ": " + e.getMessage());
        }
    }

    public String url() {
        return url.toString();
    }

    // ---- running code --------------------------------------------------------------------------

    /** Runs source in the global scope (also loadScript's way in). */
    public Object evaluate(String source, String name) {
        return context.evaluateString(scope, source, name, 1, null);
    }

    /** Runs one input in the global scope; its value as geth prints it, or the error as geth prints it. */
    public String run(String source, String name) {
        try {
            Object value = evaluate(source, name);
            return pretty(value);
        } catch (RhinoException e) {
            failed = true;
            return errorText(e);
        } catch (RuntimeException e) {
            failed = true;
            return "Error: " + e.getMessage();
        }
    }

    private String pretty(Object value) {
        Function pretty = (Function) ScriptableObject.getProperty(scope, "__pretty");
        return Context.toString(pretty.call(context, scope, scope, new Object[] {value}));
    }

    private static String errorText(RhinoException e) {
        String details = e.details();
        if (e instanceof org.mozilla.javascript.WrappedException wrapped) {
            details = "Error: " + wrapped.getWrappedException().getMessage();
        } else if (e instanceof org.mozilla.javascript.EvaluatorException) {
            details = "SyntaxError: " + details;
        }
        return details;
    }

    /** Runs the timers due now; true while any is pending. */
    private boolean runDueTimers() {
        Timer timer;
        while ((timer = timers.peek()) != null && timer.dueNanos() <= System.nanoTime()) {
            timers.poll();
            if (timer.periodMillis() > 0) {
                timers.add(new Timer(timer.id(), System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timer.periodMillis()),
                        timer.periodMillis(), timer.callback()));
            }
            try {
                timer.callback().call(context, scope, scope, new Object[0]);
            } catch (RhinoException e) {
                print(errorText(e));
            } catch (RuntimeException e) {
                print("Error: " + e.getMessage());
            }
        }
        return !timers.isEmpty();
    }

    private long nanosToNextTimer() {
        Timer next = timers.peek();
        return next == null ? Long.MAX_VALUE : Math.max(0, next.dueNanos() - System.nanoTime());
    }

    /** Runs timers until none is left or the deadline passes. */
    public void drainTimers(Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (runDueTimers() && System.nanoTime() < deadline) {
            TimeUnit.NANOSECONDS.sleep(Math.min(nanosToNextTimer(), Math.max(0, deadline - System.nanoTime())));
        }
    }

    /** The interactive console: lines from {@code in}, timers between them; ends at "exit" or end of input. */
    public void interactive(InputStream in) throws InterruptedException {
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        String end = new String("end of input"); // a unique object marks the end
        Thread reader = new Thread(() -> {
            try (BufferedReader input = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                String line;
                while ((line = input.readLine()) != null) {
                    lines.put(line);
                }
            } catch (IOException | InterruptedException e) {
                // end of input
            } finally {
                lines.add(end);
            }
        }, "console-input");
        reader.setDaemon(true);
        reader.start();
        run("__welcome()", "welcome");
        StringBuilder pending = new StringBuilder();
        prompt(pending);
        while (true) {
            runDueTimers();
            long wait = Math.min(nanosToNextTimer(), TimeUnit.MILLISECONDS.toNanos(200));
            String line = lines.poll(wait, TimeUnit.NANOSECONDS);
            if (line == null) {
                continue;
            }
            if (line == end || (pending.length() == 0 && line.trim().equals("exit"))) {
                return;
            }
            pending.append(line).append('\n');
            String source = pending.toString();
            if (source.isBlank()) {
                pending.setLength(0);
            } else if (context.stringIsCompilableUnit(source)) {
                pending.setLength(0);
                print(run(source, "console"));
            }
            prompt(pending);
        }
    }

    private void prompt(StringBuilder pending) {
        out.print(pending.length() == 0 ? "> " : "... ");
        out.flush();
    }

    private static String resource(String name) {
        try (InputStream in = JsConsole.class.getResourceAsStream(RESOURCES + name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static void main(String[] args) throws InterruptedException {
        String url = null;
        String exec = null;
        long waitSeconds = 120;
        try {
            for (int i = 0; i < args.length; i++) {
                String value = i + 1 < args.length ? args[i + 1] : null;
                if (value == null) {
                    throw new IllegalArgumentException(args[i] + " needs a value");
                }
                switch (args[i]) {
                    case "--url" -> url = value;
                    case "--exec" -> exec = value;
                    case "--wait" -> waitSeconds = Long.parseLong(value);
                    default -> throw new IllegalArgumentException("unknown option " + args[i]);
                }
                i++;
            }
            if (url == null) {
                throw new IllegalArgumentException("--url is required");
            }
        } catch (IllegalArgumentException e) {
            System.err.println("console: " + e.getMessage());
            System.err.println("usage: JsConsole --url URL [--exec JS] [--wait SECONDS]");
            System.exit(2);
            return;
        }
        JsConsole console = new JsConsole(URI.create(url), System.out);
        console.open();
        try {
            if (exec != null) {
                String result = console.run(exec, "exec");
                console.print(result);
                console.drainTimers(Duration.ofSeconds(waitSeconds));
                if (console.failed) {
                    System.exit(1);
                }
            } else {
                console.interactive(System.in);
            }
        } finally {
            console.close();
        }
    }
}
