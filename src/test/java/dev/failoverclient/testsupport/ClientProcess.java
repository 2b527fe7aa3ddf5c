package dev.failoverclient.testsupport;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The packaged jar run as a user runs it: a separate JVM, with its stdout and stderr collected
 * line by line. {@link #terminate()} sends SIGTERM, like {@code kubectl delete pod}.
 */
public final class ClientProcess implements AutoCloseable {
    private final Process process;
    private final List<String> out = new ArrayList<>();
    private final List<String> err = new ArrayList<>();
    private final Thread outPump;
    private final Thread errPump;

    private ClientProcess(Process process) {
        this.process = process;
        this.outPump = pump(process.getInputStream(), out, "client-stdout");
        this.errPump = pump(process.getErrorStream(), err, "client-stderr");
    }

    public static Path jar() {
        String jar = System.getProperty("failoverclient.jar");
        if (jar == null) {
            throw new IllegalStateException("system property failoverclient.jar is not set (run with mvn verify)");
        }
        return Path.of(jar);
    }

    /** Starts {@code java -jar <jar> args...} with {@code env} added to a minimal environment. */
    public static ClientProcess start(List<String> args, Map<String, String> env) throws IOException {
        return start(List.of("-Xmx128m"), args, env);
    }

    /** The same with these JVM options (heap size and the like). */
    public static ClientProcess start(List<String> jvmOptions, List<String> args, Map<String, String> env)
            throws IOException {
        List<String> cmd = new ArrayList<>(List.of(java()));
        cmd.addAll(jvmOptions);
        cmd.addAll(List.of("-jar", jar().toString()));
        cmd.addAll(args);
        return start(new ProcessBuilder(cmd), env);
    }

    /**
     * Runs {@code commandLine} with bash in {@code dir}, as a user types it into a terminal there
     * ({@code java} is this JVM's). The client's own environment variables are cleared first.
     */
    public static ClientProcess shell(Path dir, String commandLine, Map<String, String> env) throws IOException {
        ProcessBuilder pb = new ProcessBuilder("bash", "-c", commandLine).directory(dir.toFile());
        pb.environment().put("PATH", Path.of(java()).getParent() + ":" + pb.environment().getOrDefault("PATH", ""));
        return start(pb, env);
    }

    private static ClientProcess start(ProcessBuilder pb, Map<String, String> env) throws IOException {
        pb.environment().keySet().removeIf(k -> k.startsWith("MARIADB_") || List.of("WRITE_INTERVAL", "CLIENT_ID",
                "CLIENTS", "DURATION", "RUN_DIR", "JSON_SUMMARY", "JDK_JAVA_OPTIONS").contains(k));
        pb.environment().putAll(env);
        return new ClientProcess(pb.start());
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** Runs to completion (at most {@code timeout}) and returns the exit code. */
    public static ClientProcess run(List<String> args, Map<String, String> env, Duration timeout)
            throws IOException, InterruptedException {
        ClientProcess p = start(args, env);
        p.waitFor(timeout);
        return p;
    }

    public int waitFor(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("client did not exit within " + timeout + "; output:\n" + output());
        }
        outPump.join(5_000);
        errPump.join(5_000);
        return process.exitValue();
    }

    public long pid() {
        return process.pid();
    }

    public int exitCode() {
        return process.exitValue();
    }

    /**
     * SIGINT to the JVM (the process itself, or the {@code java} a shell started), as Ctrl-C in a
     * terminal sends it, then waits for the exit code.
     */
    public int interrupt(Duration timeout) throws IOException, InterruptedException {
        ProcessHandle jvm = java(process.toHandle()) ? process.toHandle()
                : process.descendants().filter(ClientProcess::java).findFirst()
                .orElseThrow(() -> new AssertionError("no java process under " + process.pid() + "\n" + output()));
        new ProcessBuilder("kill", "-INT", Long.toString(jvm.pid())).start().waitFor();
        return waitFor(timeout);
    }

    private static boolean java(ProcessHandle p) {
        return p.info().command().map(c -> c.endsWith("/java")).orElse(false);
    }

    /**
     * SIGTERM, then waits for the exit code. Sent with kill(1): {@link Process#destroy()} would also
     * close our ends of the pipes, losing what the client prints while it shuts down.
     */
    public int terminate(Duration timeout) throws IOException, InterruptedException {
        new ProcessBuilder("kill", "-TERM", Long.toString(process.pid())).start().waitFor();
        return waitFor(timeout);
    }

    /** SIGKILL, as the kernel's OOM killer or a drained node does: no stop record, no summary. */
    public int kill(Duration timeout) throws IOException, InterruptedException {
        new ProcessBuilder("kill", "-KILL", Long.toString(process.pid())).start().waitFor();
        return waitFor(timeout);
    }

    public synchronized List<String> stdout() {
        return List.copyOf(out);
    }

    public synchronized List<String> stderr() {
        return List.copyOf(err);
    }

    public synchronized String output() {
        return String.join("\n", out) + "\n--- stderr ---\n" + String.join("\n", err);
    }

    public synchronized boolean printed(String fragment) {
        return out.stream().anyMatch(l -> l.contains(fragment)) || err.stream().anyMatch(l -> l.contains(fragment));
    }

    /**
     * SIGTERM first, so that a lab the process runs stops its servers (a test that failed half-way
     * would otherwise leave them running: SIGKILL skips the JVM's shutdown hooks); SIGKILL after 30 s.
     */
    @Override
    public void close() {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private Thread pump(InputStream in, List<String> sink, String name) {
        Thread t = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    synchronized (this) {
                        sink.add(line);
                    }
                }
            } catch (IOException ignored) {
                // the process ended
            }
        }, name);
        t.setDaemon(true);
        t.start();
        return t;
    }
}
