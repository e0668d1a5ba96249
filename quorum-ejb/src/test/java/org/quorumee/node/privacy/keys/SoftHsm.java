package org.quorumee.node.privacy.keys;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * A SoftHSM2 token made for the tests in {@code quorum.softhsm.dir} (the folder Surefire's
 * {@code SOFTHSM2_CONF} points into; SoftHSM reads that variable once per process). SoftHSM2
 * missing fails the tests, unless {@code -Dquorum.hsm.optional=true}.
 */
final class SoftHsm {
    static final String USER_PIN = "1234";
    private static final List<String> LIBRARIES = List.of("/usr/lib/softhsm/libsofthsm2.so",
            "/usr/lib/x86_64-linux-gnu/softhsm/libsofthsm2.so", "/usr/lib/aarch64-linux-gnu/softhsm/libsofthsm2.so",
            "/usr/lib64/pkcs11/libsofthsm2.so", "/usr/local/lib/softhsm/libsofthsm2.so");
    private static Pkcs11Settings token;

    private SoftHsm() {
    }

    /** Settings of the tests' token (made once per test run), with this key label. */
    static synchronized Pkcs11Settings token(String keyLabel) throws IOException, InterruptedException {
        if (token == null) {
            token = initialise();
        }
        return new Pkcs11Settings(token.library(), token.slotListIndex(), token.pinFile(), keyLabel);
    }

    private static Pkcs11Settings initialise() throws IOException, InterruptedException {
        Path library = Stream.concat(Stream.ofNullable(System.getProperty("quorum.hsm.library")), LIBRARIES.stream())
                .map(Path::of).filter(Files::isRegularFile).findFirst().orElse(null);
        Path util = Stream.of("/usr/bin/softhsm2-util", "/usr/local/bin/softhsm2-util").map(Path::of)
                .filter(Files::isExecutable).findFirst().orElse(null);
        if (library == null || util == null) {
            String message = "SoftHSM2 is not installed (apt-get install -y softhsm2; library looked for in " + LIBRARIES + ")";
            if (Boolean.getBoolean("quorum.hsm.optional")) {
                Assumptions.abort(message + "; quorum.hsm.optional=true");
            }
            throw new IllegalStateException(message + ": the PKCS#11 tests need it (-Dquorum.hsm.optional=true skips them)");
        }
        String dirProperty = System.getProperty("quorum.softhsm.dir");
        String conf = System.getenv("SOFTHSM2_CONF");
        if (dirProperty == null || conf == null || !Path.of(conf).equals(Path.of(dirProperty, "softhsm2.conf"))) {
            throw new IllegalStateException("run through Maven: Surefire sets SOFTHSM2_CONF and quorum.softhsm.dir (found "
                    + conf + ", " + dirProperty + ")");
        }
        Path dir = Path.of(dirProperty).toAbsolutePath();
        Path tokens = dir.resolve("tokens");
        if (Files.exists(tokens)) {
            try (Stream<Path> old = Files.walk(tokens)) {
                for (Path p : old.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
        Files.createDirectories(tokens);
        Files.writeString(Path.of(conf), "directories.tokendir = " + tokens + "\nobjectstore.backend = file\nlog.level = ERROR\n",
                StandardCharsets.US_ASCII);
        Process init = new ProcessBuilder(util.toString(), "--init-token", "--free", "--label", "quorum-test",
                "--so-pin", "5678", "--pin", USER_PIN).redirectErrorStream(true).start();
        init.getOutputStream().close();
        if (!init.waitFor(60, TimeUnit.SECONDS)) {
            init.destroyForcibly();
            throw new IllegalStateException("softhsm2-util --init-token did not finish within 60 s");
        }
        String output = new String(init.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (init.exitValue() != 0) {
            throw new IllegalStateException("softhsm2-util --init-token failed: " + output);
        }
        Path pinFile = dir.resolve("user.pin");
        Files.writeString(pinFile, USER_PIN + "\n", StandardCharsets.US_ASCII);
        // an initialised token is listed before the free slot: slot index 0
        return new Pkcs11Settings(library, 0, pinFile, Pkcs11Settings.DEFAULT_KEY_LABEL);
    }
}
