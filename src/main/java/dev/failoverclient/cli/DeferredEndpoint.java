package dev.failoverclient.cli;

import dev.failoverclient.Failure;
import dev.failoverclient.http.LiveServer;
import dev.failoverclient.workload.Workload;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Starts the HTTP endpoint of a run on a thread of its own once the first write was attempted:
 * loading the HTTP server, the exporter and JSON costs a pod limited to 100m CPU about two seconds,
 * which would otherwise come before the first write. Kubernetes' startup probe allows minutes.
 */
final class DeferredEndpoint implements AutoCloseable {
    /** Starts anyway if the first attempt takes this long (a writer stuck connecting). */
    private static final long MAX_WAIT_SECONDS = 10;

    private final Thread thread;
    private LiveServer server;
    private boolean closed;

    /**
     * @param started told the started server (to log its address)
     * @param failed  told when the server cannot start (the port is taken): the run must stop
     */
    DeferredEndpoint(Workload workload, Supplier<LiveServer> start, Consumer<LiveServer> started,
                     Consumer<Failure> failed) {
        thread = new Thread(() -> {
            try {
                workload.awaitFirstAttempt(MAX_WAIT_SECONDS, TimeUnit.SECONDS);
                LiveServer s;
                synchronized (this) {
                    if (closed) {
                        return;
                    }
                    s = start.get();
                    server = s;
                }
                started.accept(s);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (Failure e) {
                failed.accept(e);
            }
        }, "http-start");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void close() {
        synchronized (this) {
            closed = true;
            if (server != null) {
                server.close();
            }
        }
        thread.interrupt();
    }
}
