package dev.failoverclient.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.failoverclient.verify.Verdict;
import dev.failoverclient.workload.WriterStats;
import io.prometheus.metrics.instrumentation.jvm.JvmMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadPoolExecutor;

/**
 * The HTTP endpoint of a run (or a lab) while it writes, on the JDK's HTTP server as the Prometheus
 * exporter sets it up: {@code /metrics} (Prometheus text format), {@code /healthz} (200 while the
 * writers start or run), {@code /status} (JSON, per client), {@code /verdict} (the one analysis on
 * everything written so far, as the JSON summary: 200 for PASS, 409 for FAIL, 503 for UNKNOWN, so
 * {@code curl -f} fails unless it passes) and {@code /} (the HTML report so far). At most one
 * analysis runs at a time, on a thread of its own; every request that arrives meanwhile waits for it
 * without holding a thread, and gets its result.
 *
 * <p>The JDK's HTTP server, set up here rather than by the Prometheus exporter (whose server accepts
 * only 3 pending connections and resets the rest), serves the exporter's own {@code /metrics}
 * handler: a fleet's test pod, Prometheus and a few browsers asking at once all get an answer.
 */
public final class LiveServer implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** What the endpoint shows; supplied by the command that runs the writers. */
    public interface Run {
        /** {@code starting}, {@code writing} or {@code stopped}. */
        String state();

        /** Every writer's counters now. */
        List<WriterStats.Snapshot> writers();

        /** The one analysis on everything written so far. */
        Live analyse();
    }

    /** One analysis made for the endpoint. */
    public record Live(Verdict verdict, String summaryJson, String html) {
    }

    private final HttpServer server;
    private final ThreadPoolExecutor pool;
    private final ExecutorService analyst;
    private final Run run;
    private final SingleFlight<Live> analysis;

    private LiveServer(String bind, int port, PrometheusRegistry registry, Run run) throws IOException {
        this.run = run;
        this.analyst = Executors.newSingleThreadExecutor(r -> Exchanges.daemon(r, "http-analysis"));
        this.analysis = new SingleFlight<>(run::analyse, analyst);
        this.pool = Exchanges.pool("http");
        // Registered with the endpoint, not with the writers' metrics: the JVM's MBeans cost a pod
        // limited to 100m CPU more than a second, and the endpoint starts after the first write.
        JvmMetrics.builder().register(registry);
        this.server = Exchanges.serve(bind, port, pool, registry, this::handle);
    }

    /** Starts the endpoint; a port that cannot be bound is a {@link dev.failoverclient.Failure} (exit 2). */
    public static LiveServer start(String bind, int port, PrometheusRegistry registry, Run run) {
        try {
            return new LiveServer(bind, port, registry, run);
        } catch (IOException | RuntimeException e) {
            throw Exchanges.cannotServe(bind, port, e);
        }
    }

    public int port() {
        return server.getAddress().getPort();
    }

    private void handle(HttpExchange x) throws IOException {
        String path = x.getRequestURI().getPath();
        boolean get = x.getRequestMethod().equals("GET") || x.getRequestMethod().equals("HEAD");
        if (get && (path.equals("/verdict") || path.equals("/"))) {
            // Answered when the analysis is done, on a request thread, by no thread waiting for it.
            analysis.get().whenCompleteAsync((live, error) -> answer(x, path, live, error), pool);
            return;
        }
        try (x) {
            try {
                route(x, get, path);
            } catch (RuntimeException e) {
                Exchanges.send(x, 500, "text/plain", "error: " + e.getMessage() + "\n");
            }
        }
    }

    private void route(HttpExchange x, boolean get, String path) throws IOException {
        if (!get) {
            Exchanges.send(x, 405, "text/plain", "only GET\n");
            return;
        }
        switch (path) {
            case "/healthz" -> {
                String state = run.state();
                Exchanges.send(x, state.equals("stopped") ? 503 : 200, "text/plain", state + "\n");
            }
            case "/status" -> Exchanges.send(x, 200, "application/json", JSON.writeValueAsString(status()));
            default -> Exchanges.send(x, 404, "text/plain", "not found: try /metrics, /healthz, /status, /verdict or /\n");
        }
    }

    private static void answer(HttpExchange x, String path, Live live, Throwable error) {
        try (x) {
            if (error != null) {
                Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause()
                        : error;
                Exchanges.send(x, 500, "text/plain", "error: " + cause.getMessage() + "\n");
            } else if (path.equals("/")) {
                Exchanges.send(x, 200, "text/html; charset=utf-8", live.html());
            } else {
                Exchanges.sendVerdict(x, live);
            }
        } catch (IOException e) {
            // the caller went away: nothing to answer
        }
    }

    private Map<String, Object> status() {
        List<Map<String, Object>> clients = new ArrayList<>();
        for (WriterStats.Snapshot s : run.writers()) {
            Map<String, Object> c = new LinkedHashMap<>();
            c.put("client", s.clientId());
            c.put("state", s.stopped() ? "stopped" : s.outageSince() != null ? "in outage"
                    : s.server() == null ? "connecting" : "writing");
            c.put("outage_since", s.outageSince() == null ? null : s.outageSince().toString());
            c.put("sequence", s.currentSequence());
            c.put("writes", Map.of("ok", s.ok(), "failed", s.failed(), "unknown", s.unknown()));
            c.put("online_lost", s.lost());
            Map<String, Object> server = null;
            if (s.server() != null) {
                server = new LinkedHashMap<>();
                server.put("endpoint", s.server().endpoint().toString());
                server.put("hostname", String.valueOf(s.server().hostname()));
                server.put("server_id", s.server().serverId());
                server.put("version", String.valueOf(s.server().version()));
                server.put("tls", s.tls() == null || !s.tls().encrypted() ? null
                        : s.tls().protocol() + ", " + s.tls().cipher());
            }
            c.put("server", server);
            clients.add(c);
        }
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("state", run.state());
        root.put("clients", clients);
        return root;
    }

    @Override
    public void close() {
        server.stop(0);
        pool.shutdownNow();
        analyst.shutdownNow();
    }
}
