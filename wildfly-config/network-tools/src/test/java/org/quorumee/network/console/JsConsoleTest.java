package org.quorumee.network.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The console without a node: web3.js loads, values print as geth prints them, timers and loadScript run. */
class JsConsoleTest {
    private static final ByteArrayOutputStream printed = new ByteArrayOutputStream();
    private static JsConsole console;

    @BeforeAll
    static void open() {
        // nothing listens on port 1: calls that reach for the node fail with a clear error
        console = new JsConsole(URI.create("http://127.0.0.1:1/"), new PrintStream(printed, true, StandardCharsets.UTF_8));
        console.open();
    }

    @AfterAll
    static void close() {
        console.close();
    }

    @Test
    void valuesPrintAsGethPrintsThem() {
        assertEquals("\"0xab\"", console.run("'0xab'", "t"));
        assertEquals("42", console.run("web3.toBigNumber('0x2a')", "t"));
        assertEquals("undefined", console.run("var x = 1", "t"));
        assertEquals("{\n  a: [1, \"b\"],\n  f: function()\n}", console.run("({a: [1, 'b'], f: function () {}})", "t"));
        assertEquals("\"0x48656c6c6f\"", console.run("web3.fromAscii('Hello')", "t"));
    }

    @Test
    void privateIsAName() {
        // the walkthrough names its contract "private", a reserved word in Java and in ES strict mode
        assertEquals("7", console.run("var private = {get: function () { return 7; }}; private.get()", "t"));
    }

    @Test
    void theNamespacesOfGethsConsoleExist() {
        for (String name : new String[] {"eth", "net", "personal", "admin", "txpool", "debug", "raft", "istanbul"}) {
            assertEquals("\"object\"", console.run("typeof " + name, "t"), name);
        }
        assertEquals("\"function\"", console.run("typeof raft.addPeer", "t"));
        assertEquals("\"function\"", console.run("typeof eth.contract([]).at", "t"));
    }

    @Test
    void blockTimesInSecondsAndInRaftNanosecondsGiveTheSameDate() {
        assertEquals("\"2023-11-14T22:13:20.000Z\"", console.run("__blockDate(1700000000).toISOString()", "t"));
        assertEquals("\"2023-11-14T22:13:20.123Z\"", console.run("__blockDate(1700000000123456789).toISOString()", "t"));
    }

    @Test
    void anUnreachableNodeIsAClearError() {
        String answer = console.run("eth.blockNumber", "t");
        assertTrue(answer.startsWith("Error: cannot reach the node at http://127.0.0.1:1/"), answer);
    }

    @Test
    void aCallbackIsAnsweredFromTheEventLoopNotInsideTheCall() throws Exception {
        assertEquals("\"before\"", console.run("var order = []; eth.getBlockNumber(function (e) { order.push(e ? 'error' : 'ok'); });"
                + " order.push('before'); order.join()", "t"));
        console.drainTimers(Duration.ofSeconds(10));
        assertEquals("\"before,error\"", console.run("order.join()", "t"));
    }

    @Test
    void timersRunAfterTheStatementAndLoadScriptRunsAFile(@TempDir Path dir) throws Exception {
        Path script = dir.resolve("s.js");
        Files.writeString(script, "var loaded = 'yes'; setTimeout(function () { console.log('timer', loaded); }, 10);");
        assertEquals("true", console.run("loadScript(" + "'" + script + "')", "t"));
        console.drainTimers(Duration.ofSeconds(10));
        assertTrue(printed.toString(StandardCharsets.UTF_8).contains("timer yes"), printed.toString(StandardCharsets.UTF_8));
    }
}
