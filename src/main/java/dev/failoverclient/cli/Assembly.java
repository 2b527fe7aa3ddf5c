package dev.failoverclient.cli;

import dev.failoverclient.Failure;
import dev.failoverclient.StopSignal;
import dev.failoverclient.census.Census;
import dev.failoverclient.config.ClientConfig;
import dev.failoverclient.config.Durations;
import dev.failoverclient.config.Endpoint;
import dev.failoverclient.history.History;
import dev.failoverclient.http.LiveServer;
import dev.failoverclient.ledger.RunFolder;
import dev.failoverclient.metrics.NodeMetrics;
import dev.failoverclient.metrics.WriterMetrics;
import dev.failoverclient.report.Summary;
import dev.failoverclient.report.TextReport;
import dev.failoverclient.verify.Analysis;
import dev.failoverclient.workload.Workload;
import dev.failoverclient.workload.WriterListener;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * What is assembled around one run of writers, for {@code run} and {@code lab} alike: the workload,
 * with the metrics fed by its listeners; the census watching every node; the live endpoint (started
 * after the first write attempt, see {@link DeferredEndpoint}); and, once the analysis is made, the
 * text report and the outputs. {@link #close()} stops the census and the endpoint.
 */
final class Assembly implements AutoCloseable {
    private final ClientConfig writers;
    private final RunFolder folder;
    private final Consumer<String> log;
    private final Supplier<Verification.Outputs> outputs;
    private final StopSignal stop;
    private final Workload workload;
    private Census census;
    private final DeferredEndpoint endpoint;
    private final AtomicReference<Failure> endpointFailure = new AtomicReference<>();

    /** The nodes the census watches (none: no census), how often, and where it says what it cannot see. */
    record Watch(List<Endpoint> nodes, Duration interval, Consumer<String> warn) {
    }

    /**
     * Starts the census and readies the endpoint; the writers start with {@link #write()}.
     *
     * @param log     where the endpoint's address, the census and the report are told
     * @param outputs the title, parameters and nodes of the reports, and where they go
     * @param stop    ends the writers; also raised when the endpoint cannot start
     */
    Assembly(ClientConfig writers, RunFolder folder, Clock clock, StopSignal stop, Watch watch, Consumer<String> log,
             Supplier<Verification.Outputs> outputs) {
        this.writers = writers;
        this.folder = folder;
        this.log = log;
        this.outputs = outputs;
        this.stop = stop;
        WriterMetrics metrics = writers.httpPort() == null ? null : new WriterMetrics(writers.application().transactionRows());
        this.workload = new Workload(writers, folder, clock, stop,
                metrics == null ? id -> WriterListener.NONE : metrics::listener);
        this.endpoint = metrics == null ? null : new DeferredEndpoint(workload,
                () -> LiveServer.start(writers.httpBind(), writers.httpPort(), metrics.registry(),
                        new LiveRun(workload, () -> History.live(folder, writers.clientIds()), Verification.locating(writers), outputs)),
                s -> log.accept("HTTP endpoint on http://" + writers.httpBind() + ":" + s.port()
                        + "/ (/metrics, /healthz, /status, /verdict)"),
                e -> {
                    endpointFailure.set(e);
                    stop.request();
                });
        if (watch.nodes().isEmpty()) {
            census = null;
        } else {
            census = Census.start(watch.nodes(), writers, watch.interval(), folder.nextCensus(), clock, watch.warn(),
                    metrics == null ? o -> { } : new NodeMetrics(metrics.registry()));
            log.accept("Census: watching " + watch.nodes() + " every " + Durations.format(watch.interval()));
        }
    }

    /** The writers' history as it is now: every ledger of this run's clients. */
    History history() {
        return History.of(folder, writers.clientIds());
    }

    /**
     * Runs the writers on this thread until they stop, then stops the census; the endpoint's failure
     * to start is the run's.
     */
    Workload.Result write() {
        Workload.Result result;
        try {
            result = workload.run();
        } finally {
            stopCensus(true);
        }
        if (endpointFailure.get() != null) {
            throw endpointFailure.get();
        }
        return result;
    }

    /** Asks the writers to finish their statement in flight and stop. */
    void stopWriters() {
        stop.request();
    }

    private synchronized void stopCensus(boolean tell) {
        if (census != null) {
            if (tell) {
                log.accept("Census: " + census.load());
            }
            census.close();
            census = null;
        }
    }

    /** Tells the report and the run folder, and writes every output (the summary with {@code extra} keys). */
    Summary finish(Analysis analysis, Map<String, Object> extra) {
        log.accept(TextReport.format(analysis));
        log.accept("Run folder: " + folder.root());
        return Verification.write(analysis, outputs.get(), extra);
    }

    @Override
    public void close() {
        stopCensus(false);
        if (endpoint != null) {
            endpoint.close();
        }
    }
}
