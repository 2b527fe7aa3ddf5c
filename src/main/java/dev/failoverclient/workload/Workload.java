package dev.failoverclient.workload;

import dev.failoverclient.StopSignal;
import dev.failoverclient.config.ClientConfig;
import dev.failoverclient.config.Durations;
import dev.failoverclient.conn.Cause;
import dev.failoverclient.conn.ConnectException;
import dev.failoverclient.conn.Connector;
import dev.failoverclient.conn.FailoverTable;
import dev.failoverclient.conn.Grants;
import dev.failoverclient.conn.Messages;
import dev.failoverclient.conn.PrimaryLocator;
import dev.failoverclient.ledger.Continuation;
import dev.failoverclient.ledger.LedgerException;
import dev.failoverclient.ledger.LedgerWriter;
import dev.failoverclient.ledger.Micros;
import dev.failoverclient.ledger.RunFolder;
import java.math.BigDecimal;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the configured writers: checks the server once (retrying an unreachable one for the startup
 * timeout), creates the table, resumes every client after its highest stored sequence, then writes
 * until the duration ends or {@link StopSignal} is raised, and waits for every writer to finish
 * its in-flight statement (bounded by the socket timeout).
 */
public final class Workload {
    private static final Logger LOG = LoggerFactory.getLogger("dev.failoverclient.writer");
    private static final long STARTUP_RETRY_MILLIS = 1_000;

    private final ClientConfig config;
    private final RunFolder folder;
    private final Clock clock;
    private final StopSignal stop;
    private final PrimaryLocator locator;
    /** With writers spread over the endpoints, each writer's own locator. */
    private final List<PrimaryLocator> spreadLocators = new ArrayList<>();
    /** What the run folder already holds of these clients: their histories continue. */
    private final Continuation continuation;
    /** With {@code --pool hikari}, the pool every writer borrows from. */
    private WriterPool pool;
    private final Function<String, WriterListener> listeners;
    private volatile List<Writer> running = List.of();
    private volatile State state = State.STARTING;
    private final CountDownLatch firstAttempt = new CountDownLatch(1);

    /** Where the workload is: waiting for the server, writing, or done. */
    public enum State { STARTING, WRITING, STOPPED }

    public Workload(ClientConfig config, RunFolder folder, Clock clock, StopSignal stop) {
        this(config, folder, clock, stop, id -> WriterListener.NONE);
    }

    /** @param listeners a listener per client id (called on that writer's thread) */
    public Workload(ClientConfig config, RunFolder folder, Clock clock, StopSignal stop,
                    Function<String, WriterListener> listeners) {
        this.config = config;
        this.folder = folder;
        this.clock = clock;
        this.stop = stop;
        this.listeners = listeners;
        // Read before anything connects: a folder this run may not continue is refused at once.
        this.continuation = Continuation.of(folder, config.clientIds());
        this.locator = new PrimaryLocator(new Connector(config), config);
    }

    public State state() {
        return state;
    }

    /** Every writer's counters now; empty until the server was reached and the writers started. */
    public List<WriterStats.Snapshot> status() {
        return running.stream().map(w -> w.stats().snapshot()).toList();
    }

    /**
     * Waits until the first write was attempted, the server was found unreachable once, or the
     * workload ended: what is not needed for the first write can start then without delaying it.
     */
    public boolean awaitFirstAttempt(long timeout, TimeUnit unit) throws InterruptedException {
        return firstAttempt.await(timeout, unit);
    }

    /** What the writers did. {@code fatal} is non-null when a writer had to stop the run. */
    public record Result(List<WriterStats.Snapshot> clients, String fatal) {
    }

    public Result run() {
        LOG.info("Starting failover test client (ID: {})", config.clientId()
                + (config.clients() == 1 ? "" : ", " + config.clients() + " writers"));
        LOG.info("Write interval: {}s", seconds(config));
        List<Writer> writers = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        List<LedgerWriter> ledgers = new ArrayList<>();
        Connector.Session startup = null;
        try {
            startup = connectForStartup();
            Map<String, Long> resume = prepareServer(startup);
            String privilege = Grants.writesThroughReadOnly(startup.connection(), startup.identity().version());
            String warning = privilege == null ? null : "the user " + config.user() + " has " + privilege
                    + ": it writes through read_only, so a demoted primary keeps accepting its writes and the verdict"
                    + " cannot see them; test with a user without READ_ONLY ADMIN (or SUPER before MariaDB 10.11)";
            if (warning != null) {
                LOG.warn("⚠ {}", warning);
            }
            ClientConfig.Application app = config.application();
            pool = app.pooled() ? new WriterPool(config, locator) : null;
            for (String id : config.clientIds()) {
                int segment = continuation.segment(id);
                LedgerWriter ledger = new LedgerWriter(folder.ledger(id, segment), id, Micros.now(clock), segment);
                ledgers.add(ledger);
                ledger.setup(Micros.now(clock), app.pool(), app.pooled() ? app.poolSize() : 0, app.evictOnReadOnly(),
                        app.transactionRows(), app.readCheck());
                if (warning != null) {
                    ledger.warning(Micros.now(clock), warning);
                }
                String tag = config.clients() == 1 ? "" : "[" + id + "] ";
                PrimaryLocator own = config.spread()
                        ? new PrimaryLocator(new Connector(config), config, config.endpointsOf(writers.size())) : locator;
                Writer w = new Writer(id, tag, resume.get(id), config, own, pool, ledger, clock, stop,
                        listeners.apply(id), firstAttempt::countDown);
                if (own != locator) {
                    spreadLocators.add(own);
                } else if (pool == null) {
                    // The first writer keeps the startup connection: under a small CPU quota a second
                    // handshake would delay the first write by a few hundred milliseconds.
                    w.startWith(startup);
                    startup = null;
                }
                writers.add(w);
                Thread t = new Thread(w, "writer-" + id);
                threads.add(t);
                t.start();
            }
            running = List.copyOf(writers);
            state = State.WRITING;
            if (config.duration() == null) {
                stop.await();
            } else {
                stop.sleepUntil(System.nanoTime() + config.duration().toNanos());
            }
        } finally {
            if (startup != null) {
                startup.close();
            }
            stop.request();
            joinAll(threads);
            if (pool != null) {
                pool.close();
            }
            locator.close();
            spreadLocators.forEach(PrimaryLocator::close);
            state = State.STOPPED;
            firstAttempt.countDown();
        }
        String fatal = writers.stream().map(Writer::fatal).filter(Objects::nonNull).findFirst().orElse(null);
        long end = Micros.now(clock);
        for (LedgerWriter l : ledgers) {
            try {
                l.stopped(end);
                l.close();
            } catch (LedgerException e) {
                // A ledger that cannot take its stop record (disk full) still holds every attempt before it.
                fatal = fatal == null ? e.getMessage() : fatal;
            }
        }
        return new Result(writers.stream().map(w -> w.stats().snapshot()).toList(), fatal);
    }

    /** Creates the table and returns the last stored sequence of every client. */
    private Map<String, Long> prepareServer(Connector.Session session) {
        try {
            LOG.info("Successfully connected to MariaDB (server version: {})", session.identity().version());
            FailoverTable.ensure(session.connection(), config.database());
            LOG.info("Table '{}' initialized", FailoverTable.NAME);
            Map<String, Long> resume = new LinkedHashMap<>();
            for (String id : config.clientIds()) {
                long stored = FailoverTable.maxSequence(session.connection(), id);
                // Sequences ascend through every segment: after the highest stored or attempted one.
                long last = Math.max(stored, continuation.lastSequence(id));
                Continuation.Previous p = continuation.previous().get(id);
                if (p != null) {
                    LOG.info("Continuing client {} in segment {} of its ledger after sequence {}: the previous process"
                            + " {} at {}", id, p.segments() + 1, last, p.stopped() ? "stopped"
                            : "ended without a stop record (killed?)", Micros.iso(p.lastMicros()));
                } else if (last > 0) {
                    LOG.info("Resuming client {} after its highest stored sequence {}", id, last);
                }
                resume.put(id, last);
            }
            return resume;
        } catch (FailoverTable.SchemaException e) {
            throw new StartupException(e.getMessage(), e);
        } catch (SQLException e) {
            String hint = e.getErrorCode() == 1142 || e.getErrorCode() == 1044
                    ? ": grant the user CREATE, INSERT and SELECT on " + config.database() + ".*"
                    : "";
            throw new StartupException("cannot prepare table " + config.database() + "." + FailoverTable.NAME + ": "
                    + Messages.errorTuple(e) + hint, e);
        }
    }

    private Connector.Session connectForStartup() {
        long deadline = System.nanoTime() + config.startupTimeout().toNanos();
        while (true) {
            try {
                return locator.locate();
            } catch (ConnectException e) {
                Cause cause = e.classification().cause();
                if (cause == Cause.ACCESS_DENIED || cause == Cause.UNKNOWN_DATABASE || cause == Cause.TLS) {
                    throw new StartupException(e.getMessage(), e);
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new StartupException(e.getMessage() + "; gave up after "
                            + Durations.format(config.startupTimeout()) + " (--startup-timeout)", e);
                }
                LOG.warn("{}; retrying for up to {}", e.getMessage(), Durations.format(java.time.Duration.ofNanos(left)));
                firstAttempt.countDown();
                if (!stop.sleepUntil(System.nanoTime() + Math.min(left, STARTUP_RETRY_MILLIS * 1_000_000))) {
                    throw new StartupException("stopped while waiting for the server: " + e.getMessage(), e);
                }
            }
        }
    }

    private void joinAll(List<Thread> threads) {
        for (Thread t : threads) {
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** The seed prints the interval as a Python float: 1.0, 0.5, 0.05. */
    static String seconds(ClientConfig config) {
        BigDecimal s = BigDecimal.valueOf(config.writeInterval().toNanos(), 9).stripTrailingZeros();
        return s.scale() <= 0 ? s.setScale(1).toPlainString() : s.toPlainString();
    }
}
