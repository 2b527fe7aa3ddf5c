package dev.failoverclient.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import dev.failoverclient.ExitCode;
import dev.failoverclient.Failure;
import io.prometheus.metrics.exporter.httpserver.MetricsHandler;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What the tool's HTTP servers share: the JDK's server with a real accept backlog and a queue for
 * requests waiting for a thread (a burst of hundreds of callers is answered, not reset), and one way
 * to answer.
 */
final class Exchanges {
    /** Connections the kernel keeps waiting for accept(2): more than any burst an endpoint here sees. */
    private static final int BACKLOG = 1_024;
    /** Requests waiting for a thread; beyond it a connection is closed unanswered. */
    private static final int QUEUED = 10_000;
    private static final int THREADS = 4;

    private Exchanges() {
    }

    /**
     * A started server on {@code bind:port} (0: any free port) with its request threads: {@code /metrics}
     * from {@code registry} by the Prometheus exporter's handler, every other path to {@code handler}.
     */
    static HttpServer serve(String bind, int port, ThreadPoolExecutor pool, PrometheusRegistry registry,
                            HttpHandler handler) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getByName(bind), port), BACKLOG);
        server.setExecutor(pool);
        server.createContext("/metrics", new MetricsHandler(registry));
        server.createContext("/", handler);
        server.start();
        return server;
    }

    /** A port that cannot be bound: the user chose it, so exit 2 with what to change. */
    static Failure cannotServe(String bind, int port, Exception e) {
        return new Failure(ExitCode.USAGE, "cannot serve HTTP on " + bind + ":" + port + ": " + e.getMessage()
                + " (choose another --http-port / --http-bind)", e);
    }

    /** A live verdict as {@code /verdict} answers it: the summary, its status 200 PASS, 409 FAIL, 503 UNKNOWN. */
    static void sendVerdict(HttpExchange x, LiveServer.Live live) throws IOException {
        send(x, switch (live.verdict()) {
            case PASS -> 200;
            case FAIL -> 409;
            case UNKNOWN -> 503;
        }, "application/json", live.summaryJson());
    }

    /** The request threads, {@code <name>-1} …, daemons that end when idle. */
    static ThreadPoolExecutor pool(String name) {
        AtomicInteger n = new AtomicInteger();
        ThreadPoolExecutor pool = new ThreadPoolExecutor(THREADS, THREADS, 60, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(QUEUED), r -> daemon(r, name + "-" + n.incrementAndGet()));
        pool.allowCoreThreadTimeOut(true);
        return pool;
    }

    static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    /** Sends {@code body} with {@code status}; for HEAD, the headers only. */
    static void send(HttpExchange x, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        x.getResponseHeaders().set("Content-Type", type);
        x.getResponseHeaders().set("Cache-Control", "no-store");
        boolean head = x.getRequestMethod().equals("HEAD");
        x.sendResponseHeaders(status, head ? -1 : bytes.length);
        if (!head) {
            try (OutputStream out = x.getResponseBody()) {
                out.write(bytes);
            }
        }
    }
}
