package org.signalbox.conformance;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** {@code signalbox daemon} of an assembled distribution as a child process of a test, and its end. */
final class Daemons {

    private Daemons() {
    }

    /**
     * {@code bin/signalbox --config CONFIG daemon --no-receive-stdout ARGS}, stdin empty, stdout and stderr to
     * {@code log}; {@code wrapper} (e.g. {@code sh -c 'ulimit …; exec "$0" "$@"'}) runs before it if not empty.
     */
    static Process start(Path distribution, Path config, Path log, List<String> wrapper, String... args)
            throws IOException {
        List<String> command = new ArrayList<>(wrapper);
        command.addAll(List.of(distribution.resolve("bin/signalbox").toString(), "--config", config.toString(),
                "daemon", "--no-receive-stdout"));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
    }

    /** SIGTERM, and SIGKILL if it has not ended within 30 s. */
    static void stop(Process p) throws InterruptedException {
        p.destroy();
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
        }
    }
}
