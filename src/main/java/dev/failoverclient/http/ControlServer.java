package dev.failoverclient.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadPoolExecutor;

/**
 * The HTTP control of {@code lab serve}: a cluster that fails on demand for any client. {@code GET
 * /status} (what a client needs to connect, and every node's state), {@code POST /faults/<scenario>}
 * ({@code ?duration=}: any lab fault, once; answered when it was injected), {@code POST /heal} (the
 * nodes the faults left out brought back), {@code GET /events} (the ground truth, JSON lines), {@code
 * GET /metrics} (the census's gauges), {@code GET /healthz}, and with the lab's own writers {@code GET
 * /verdict}.
 */
public final class ControlServer implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** What the control acts on; supplied by the command that runs the cluster. */
    public interface Plane {
        Map<String, Object> status();

        /** Injects {@code fault} once; {@code duration} is how long a lasting one lasts ({@code null}: the default). */
        Answer inject(String fault, String duration);

        Answer heal();

        /** The ground truth so far, one JSON object a line. */
        String events();

        /** The lab's writers' verdict so far, or {@code null} when it runs none. */
        LiveServer.Live verdict();
    }

    /** An answer: its HTTP status and its JSON body. */
    public record Answer(int status, Map<String, Object> body) {
        public static Answer of(int status, String key, Object value) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put(key, value);
            return new Answer(status, body);
        }
    }

    private final HttpServer server;
    private final ThreadPoolExecutor pool;
    private final ExecutorService analyst;
    private final SingleFlight<LiveServer.Live> verdicts;
    private final Plane plane;

    private ControlServer(String bind, int port, PrometheusRegistry registry, Plane plane) throws IOException {
        this.plane = plane;
        this.analyst = Executors.newSingleThreadExecutor(r -> Exchanges.daemon(r, "control-analysis"));
        this.verdicts = new SingleFlight<>(plane::verdict, analyst);
        this.pool = Exchanges.pool("control");
        this.server = Exchanges.serve(bind, port, pool, registry, this::handle);
    }

    /** Starts the control; a port that cannot be bound is a {@link dev.failoverclient.Failure} (exit 2). */
    public static ControlServer start(String bind, int port, PrometheusRegistry registry, Plane plane) {
        try {
            return new ControlServer(bind, port, registry, plane);
        } catch (IOException | RuntimeException e) {
            throw Exchanges.cannotServe(bind, port, e);
        }
    }

    public int port() {
        return server.getAddress().getPort();
    }

    private void handle(HttpExchange x) throws IOException {
        String path = x.getRequestURI().getPath();
        String method = x.getRequestMethod();
        if (method.equals("GET") && path.equals("/verdict")) {
            // Answered when the analysis is done, by no thread waiting for it (as the live endpoint's).
            verdicts.get().whenCompleteAsync((live, error) -> verdict(x, live, error), pool);
            return;
        }
        try (x) {
            try {
                route(x, method, path);
            } catch (RuntimeException e) {
                json(x, Answer.of(500, "error", String.valueOf(e.getMessage())));
            }
        }
    }

    private void route(HttpExchange x, String method, String path) throws IOException {
        if (path.startsWith("/faults/")) {
            json(x, method.equals("POST") ? plane.inject(path.substring("/faults/".length()), query(x, "duration"))
                    : Answer.of(405, "error", "POST /faults/<scenario> injects a fault"));
            return;
        }
        switch (method + " " + path) {
            case "GET /status" -> json(x, new Answer(200, plane.status()));
            case "POST /heal" -> json(x, plane.heal());
            case "GET /events" -> Exchanges.send(x, 200, "application/x-ndjson", plane.events());
            case "GET /healthz" -> Exchanges.send(x, 200, "text/plain", "serving\n");
            default -> json(x, Answer.of(404, "error", "not found: GET /status, POST /faults/<scenario>[?duration=2s],"
                    + " POST /heal, GET /events, GET /metrics, GET /healthz, GET /verdict"));
        }
    }

    private static void verdict(HttpExchange x, LiveServer.Live live, Throwable error) {
        try (x) {
            if (error != null) {
                Throwable cause = error.getCause() != null ? error.getCause() : error;
                json(x, Answer.of(500, "error", String.valueOf(cause.getMessage())));
            } else if (live == null) {
                json(x, Answer.of(404, "error", "no writers: start lab serve with --clients N for a verdict"));
            } else {
                Exchanges.sendVerdict(x, live);
            }
        } catch (IOException e) {
            // the caller went away: nothing to answer
        }
    }

    private static String query(HttpExchange x, String name) {
        String q = x.getRequestURI().getRawQuery();
        if (q == null) {
            return null;
        }
        for (String pair : q.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0 && URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8).equals(name)) {
                return URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            }
        }
        return null;
    }

    private static void json(HttpExchange x, Answer a) throws IOException {
        Exchanges.send(x, a.status(), "application/json", JSON.writeValueAsString(a.body()) + "\n");
    }

    @Override
    public void close() {
        server.stop(0);
        pool.shutdownNow();
        analyst.shutdownNow();
    }
}
