package dev.failoverclient.census;

import dev.failoverclient.StopSignal;
import dev.failoverclient.config.ClientConfig;
import dev.failoverclient.config.Endpoint;
import dev.failoverclient.history.Observation;
import dev.failoverclient.ledger.Micros;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Watches every node of the cluster while the writers run: one thread per node polls it every
 * interval on a connection of its own with short timeouts, as the configured user, and writes what
 * changed (plus a heartbeat) to {@code census.jsonl}, so a day-long run stays small. It has nothing
 * to do with the write loop: its own threads, its own connections.
 */
public final class Census implements AutoCloseable {
    /** Every node is written at least this often, even when nothing changed; lag histograms too. */
    static final Duration HEARTBEAT = Duration.ofSeconds(10);
    /** A node that does not answer within this long counts as unreachable for that poll. */
    static final Duration TIMEOUT = Duration.ofSeconds(1);

    private final CensusLog log;
    private final Clock clock;
    private final Consumer<Observation> listener;
    private final StopSignal stop = new StopSignal();
    private final List<Thread> threads = new ArrayList<>();
    private final Map<String, Observation> latest = new ConcurrentHashMap<>();
    /** When each node now writable was first seen so (absent while it is not). */
    private final Map<String, Long> writableSince = new ConcurrentHashMap<>();
    private final AtomicLong queries = new AtomicLong();
    private final long startedNanos = System.nanoTime();
    private int nodes;
    /** The last node seen as the only writable one, kept when it dies: a replica's lag is measured against it. */
    private volatile Observation primary;

    private Census(CensusLog log, Clock clock, Consumer<Observation> listener) {
        this.log = log;
        this.clock = clock;
        this.listener = listener;
    }

    /**
     * Starts watching {@code nodes}.
     *
     * @param credentials the user, password and database to connect with (timeouts are the census's own)
     * @param warn        told once per node and missing privilege what cannot be observed
     * @param listener    told every poll of every node, on that node's thread (the metrics)
     */
    public static Census start(List<Endpoint> nodes, ClientConfig credentials, Duration interval, Path file, Clock clock,
                               Consumer<String> warn, Consumer<Observation> listener) {
        Census c = new Census(new CensusLog(file), clock, listener);
        Duration connect = credentials.connectTimeout().compareTo(TIMEOUT) < 0 ? credentials.connectTimeout() : TIMEOUT;
        ClientConfig quick = credentials.withTimeouts(connect, TIMEOUT);
        c.log.started(Micros.now(clock), nodes.stream().map(Endpoint::toString).toList(), interval.toNanos() / 1_000);
        c.nodes = nodes.size();
        for (Endpoint n : nodes) {
            Thread t = new Thread(new NodeWatch(n, quick, interval, c, warn), "census-" + n);
            t.setDaemon(true);
            c.threads.add(t);
            t.start();
        }
        return c;
    }

    /** How busy the census kept the nodes: {@code 1203 queries, 30.1 per second and node}. */
    public String load() {
        double seconds = Math.max(1e-9, (System.nanoTime() - startedNanos) / 1e9);
        return String.format(java.util.Locale.ROOT, "%d queries, %.1f per second and node", queries.get(),
                queries.get() / seconds / Math.max(1, nodes));
    }

    long nowMicros() {
        return Micros.now(clock);
    }

    StopSignal stopSignal() {
        return stop;
    }

    CensusLog log() {
        return log;
    }

    void count(int n) {
        queries.addAndGet(n);
    }

    void seen(Observation o) {
        listener.accept(o);
        latest.put(o.node(), o);
        if (o.writable()) {
            writableSince.putIfAbsent(o.node(), o.micros());
        } else {
            writableSince.remove(o.node());
        }
        if (o.writable() && latest.values().stream().filter(Observation::writable).count() == 1) {
            primary = o;
        }
    }

    /** Whether a node other than {@code self} became writable after {@code micros}. */
    boolean anotherWritableSince(String self, long micros) {
        for (Map.Entry<String, Long> e : writableSince.entrySet()) {
            if (!e.getKey().equals(self) && e.getValue() > micros) {
                return true;
            }
        }
        return false;
    }

    /**
     * The primary as last seen, even if it is gone since (its last binary log position is what a
     * replica promoted after its death lacks); {@code null} when none was seen or it is {@code self}.
     */
    Observation primaryBesides(String self) {
        Observation p = primary;
        return p == null || p.node().equals(self) ? null : p;
    }

    @Override
    public void close() {
        stop.request();
        for (Thread t : threads) {
            try {
                t.join(TIMEOUT.toMillis() * 5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        log.stopped(nowMicros());
        log.close();
    }
}
