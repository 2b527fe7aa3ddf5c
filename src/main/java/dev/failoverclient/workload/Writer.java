package dev.failoverclient.workload;

import dev.failoverclient.StopSignal;
import dev.failoverclient.config.ClientConfig;
import dev.failoverclient.config.Durations;
import dev.failoverclient.conn.Cause;
import dev.failoverclient.conn.Classification;
import dev.failoverclient.conn.ConnectException;
import dev.failoverclient.conn.Connector;
import dev.failoverclient.conn.ErrorClassifier;
import dev.failoverclient.conn.Messages;
import dev.failoverclient.conn.PrimaryLocator;
import dev.failoverclient.conn.ServerIdentity;
import dev.failoverclient.conn.ServerSettings;
import dev.failoverclient.conn.TlsSession;
import dev.failoverclient.ledger.LedgerException;
import dev.failoverclient.ledger.LedgerWriter;
import dev.failoverclient.ledger.Micros;
import dev.failoverclient.ledger.Outcome;
import dev.failoverclient.logging.LogConfigurator;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Collections;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * One client's write loop: every attempt takes the next sequence, is recorded in the ledger before
 * and after the INSERT, and ends OK, FAILED or UNKNOWN. After an error that drops the connection
 * the writer probes for a writable server every probe interval (no sequence consumed) and writes
 * as soon as one answers, then runs the online loss check.
 */
final class Writer implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger("dev.failoverclient.writer");
    private static final Logger STATS = LoggerFactory.getLogger(LogConfigurator.STATS);
    /** How often a still-failing reconnect is logged again. */
    private static final long RETRY_LOG_NANOS = TimeUnit.SECONDS.toNanos(5);

    private final String clientId;
    private final String logTag;
    private final ClientConfig config;
    private final PrimaryLocator locator;
    private final LedgerWriter ledger;
    private final Clock clock;
    private final StopSignal stop;
    private final WriterListener listener;
    private final WriterStats stats;
    private final AttemptLog log;
    private final LossCheck lossCheck;
    private final long intervalNanos;
    private final DateTimeText timestamp = new DateTimeText();
    private final Runnable firstAttempt;
    /** The pool the writer borrows from for each attempt; {@code null}: a connection of its own. */
    private final WriterPool pool;
    /** The physical connections of the pool this writer has used (each one announced once). */
    private final Set<Connection> seen = Collections.newSetFromMap(new WeakHashMap<>());
    private final int rows;
    /** Reads the acknowledged writes back ({@code --read-check}); {@code null} without it. */
    private final ReadCheck readCheck;

    private long sequence;
    private Connector.Session session;
    /** A connection made before this writer started, used by its first connect. */
    private Connector.Session handedOver;
    private Insert insert;
    private long nextWriteNanos;
    private boolean everConnected;
    private long retryLoggedAt;
    /** TLS refused a reconnect in the current outage (logged and recorded once per outage). */
    private boolean tlsRefusalRecorded;
    private long attempts;
    private volatile String fatal;

    /** @param pool the pool to borrow from for each attempt; {@code null}: a connection of its own */
    Writer(String clientId, String logTag, long lastSequence, ClientConfig config, PrimaryLocator locator,
           WriterPool pool, LedgerWriter ledger, Clock clock, StopSignal stop, WriterListener listener,
           Runnable firstAttempt) {
        this.clientId = clientId;
        this.logTag = logTag;
        this.sequence = lastSequence;
        this.config = config;
        this.locator = locator;
        this.ledger = ledger;
        this.clock = clock;
        this.stop = stop;
        this.listener = listener;
        this.stats = new WriterStats(clientId);
        this.log = new AttemptLog(stats);
        this.lossCheck = new LossCheck(config.lossCheckWindow(), clientId);
        this.intervalNanos = config.writeInterval().toNanos();
        this.firstAttempt = firstAttempt;
        this.pool = pool;
        this.rows = config.application().transactionRows();
        this.readCheck = config.application().readCheck() ? new ReadCheck(clientId, config, clock, listener) : null;
    }

    /** The first connect uses {@code session} (may be null) instead of locating the primary. */
    void startWith(Connector.Session session) {
        this.handedOver = session;
    }

    WriterStats stats() {
        return stats;
    }

    /** Why this writer stopped the run, or {@code null}. */
    String fatal() {
        return fatal;
    }

    @Override
    public void run() {
        MDC.put("client", logTag);
        try {
            while (!stop.requested()) {
                try {
                    if (pool != null) {
                        borrowAndWrite();
                        continue;
                    }
                    if (session == null && !connect()) {
                        stop.sleepUntil(System.nanoTime() + config.probeInterval().toNanos());
                        continue;
                    }
                    if (stop.sleepUntil(nextWriteNanos)) {
                        write();
                    }
                } catch (LedgerException e) {
                    fatal = e.getMessage();
                    LOG.error("{}; stopping", e.getMessage());
                    stop.request();
                } catch (RuntimeException e) {
                    LOG.error("Unexpected error in the write loop, reconnecting: {}", e.toString());
                    drop();
                }
            }
        } finally {
            if (handedOver != null) {
                handedOver.close();
            }
            drop();
            if (readCheck != null) {
                readCheck.close();
                drainReads();
            }
            stats.stopped();
            MDC.remove("client");
        }
    }

    /**
     * With a pool, an attempt borrows a connection when it is due and gives it back after, as an
     * application's request does; the writer never reconnects behind the pool's back. The wait for
     * the connection is part of the attempt, which starts when it was due; when the pool's connection
     * timeout passes without one, the attempt is FAILED, as the application's request would be.
     */
    private void borrowAndWrite() {
        if (!stop.sleepUntil(nextWriteNanos)) {
            return;
        }
        long due = System.nanoTime();
        long startMicros = Micros.now(clock);
        ConnectException refused = null;
        try {
            if (!borrow()) {
                return; // the run stopped while the pool had none to give
            }
        } catch (ConnectException e) {
            refused = e;
        }
        try {
            attempt(startMicros, System.nanoTime() - due, refused);
        } finally {
            drop();
        }
    }

    private void drainReads() {
        try {
            readCheck.drainInto(ledger);
        } catch (LedgerException e) {
            fatal = fatal == null ? e.getMessage() : fatal;
        }
    }

    /** One probe: returns {@code true} when a writable server accepted the connection. */
    private boolean connect() {
        long now = System.nanoTime();
        try {
            session = handedOver != null ? handedOver : locator.locate();
            handedOver = null;
            opened();
            return true;
        } catch (ConnectException e) {
            tlsRefused(e);
            logRetry(now, e.getMessage());
            firstAttempt.run();
            return false;
        } catch (SQLException e) {
            logRetry(now, "cannot prepare the INSERT: " + Messages.errorTuple(e));
            drop();
            return false;
        }
    }

    /**
     * A connection from the pool, waited for as long as the pool's connection timeout: {@code false}
     * when the run stopped first.
     */
    private boolean borrow() throws ConnectException {
        try {
            session = pool.borrow(stop);
            if (session == null) {
                return false;
            }
            opened();
            return true;
        } catch (ConnectException e) {
            tlsRefused(e);
            throw e;
        } catch (SQLException e) {
            drop();
            throw new ConnectException("cannot prepare the INSERT: " + Messages.errorTuple(e),
                    ErrorClassifier.onConnect(e), e);
        }
    }

    /** TLS refused a (re)connect: recorded and logged once per outage. */
    private void tlsRefused(ConnectException e) {
        if (e.classification().cause() == Cause.TLS && !tlsRefusalRecorded) {
            tlsRefusalRecorded = true;
            ledger.tlsRefused(Micros.now(clock), e.getMessage());
            LOG.error("✗ TLS refused the reconnect: {}", e.getMessage());
        }
    }

    /** A connection was opened or borrowed: its INSERT prepared, and a new one recorded and announced. */
    private void opened() throws SQLException {
        insert = new Insert(session.connection(), clientId, session.identity().hostname(), rows);
        if (pool != null && !seen.add(WriterPool.physical(session.connection()))) {
            return; // a pooled connection this writer used before: nothing new to record
        }
        ServerIdentity id = session.identity();
        ServerSettings settings = settings(id);
        TlsSession tls = settings.tls();
        ledger.connected(Micros.now(clock), id.serverId(), id.hostname(), id.version(), settings.durability(),
                tls.protocol(), tls.cipher());
        tlsRefusalRecorded = false;
        stats.connected(id, tls);
        listener.connected(id, tls);
        if (everConnected) {
            // The first connection was announced at startup; the seed logs each reconnect.
            LOG.info("Successfully connected to MariaDB (server version: {})", id.version());
            lossCheck.afterReconnect(session.connection(), id, stats, listener, ledger, clock);
        }
        everConnected = true;
        retryLoggedAt = 0;
        if (pool == null) {
            nextWriteNanos = System.nanoTime();
        }
    }

    /** Durability settings and the session's TLS; a server that will not tell is recorded without them. */
    private ServerSettings settings(ServerIdentity id) {
        try {
            return ServerSettings.read(session.connection());
        } catch (SQLException e) {
            LOG.warn("Cannot read the durability settings of {}: {}", id.endpoint(), Messages.errorTuple(e));
            return ServerSettings.UNKNOWN;
        }
    }

    private void logRetry(long now, String why) {
        if (retryLoggedAt == 0 || now - retryLoggedAt >= RETRY_LOG_NANOS) {
            LOG.warn("Reconnect failed, retrying every {}: {}", Durations.format(config.probeInterval()), why);
            retryLoggedAt = now;
        }
    }

    private void write() {
        attempt(Micros.now(clock), 0, null);
    }

    /**
     * One attempt, from {@code startMicros} (its rows' write_timestamp): its sequences, the ledger's
     * begin and end, its outcome and its log line.
     *
     * @param waitedNanos how long it waited for the pool's connection before this, part of its latency
     * @param refused     why the pool gave no connection: the attempt is FAILED, nothing was sent
     */
    private void attempt(long startMicros, long waitedNanos, ConnectException refused) {
        long seq = sequence + 1;
        sequence += rows;
        stats.attempted(sequence);
        ledger.begin(seq, startMicros, rows);
        long t0 = System.nanoTime() - waitedNanos;
        Outcome outcome;
        Classification cls;
        SQLException error = null;
        if (refused != null) {
            SQLException cause = (SQLException) refused.getCause();
            error = new SQLException(refused.getMessage(), cause.getSQLState(), cause.getErrorCode());
            cls = refused.classification();
            outcome = new Outcome.Failed(error.getErrorCode(), error.getSQLState(), Messages.clean(error.getMessage()));
        } else {
            cls = null;
            try {
                insert.write(seq, timestamp.of(startMicros));
                outcome = new Outcome.Ok(session.identity().serverId());
            } catch (SQLException e) {
                error = e;
                cls = ErrorClassifier.onStatement(e);
                String message = Messages.clean(e.getMessage());
                outcome = insert.commitSent() && cls.maybeCommitted()
                        ? new Outcome.Unknown(e.getErrorCode(), e.getSQLState(), message)
                        : new Outcome.Failed(e.getErrorCode(), e.getSQLState(), message);
            }
        }
        long latencyNanos = System.nanoTime() - t0;
        long latencyMicros = latencyNanos / 1_000;
        long endMicros = startMicros + latencyMicros;
        ledger.end(seq, endMicros, outcome);
        listener.attempted(sequence, startMicros, latencyNanos, outcome);
        if (error == null) {
            stats.ok(endMicros, latencyMicros);
            for (long s = seq; s <= sequence; s++) {
                lossCheck.acknowledged(s);
            }
            log.ok(seq, sequence, latencyNanos);
            if (readCheck != null) {
                readCheck.acknowledged(insert, seq, endMicros, ledger);
            }
        } else {
            boolean unknown = outcome instanceof Outcome.Unknown;
            stats.failed(startMicros, endMicros, unknown);
            if (!unknown) {
                for (long s = seq; s <= sequence; s++) {
                    lossCheck.refused(s);
                }
            }
            log.notOk(seq, sequence, unknown, error, cls.cause(), latencyNanos);
            if (cls.dropConnection() && pool == null) {
                stats.connectionError();
                drop();
                LOG.warn("Connection lost, attempting to reconnect...");
            }
        }
        if (readCheck != null) {
            readCheck.drainInto(ledger);
        }
        if (++attempts == 1) {
            firstAttempt.run();
        }
        if (attempts % config.statsEvery() == 0) {
            STATS.info(StatisticsBlock.format(stats.snapshot(), clock.getZone()));
        }
        scheduleNext();
    }

    private void scheduleNext() {
        long now = System.nanoTime();
        nextWriteNanos += intervalNanos;
        // After a stall, resume the cadence from now instead of bursting to catch up.
        if (nextWriteNanos < now - intervalNanos) {
            nextWriteNanos = now;
        }
    }

    /** Closes the connection; with a pool, gives it back (the pool decides whether to keep it). */
    private void drop() {
        if (session != null) {
            session.close();
            if (pool == null) {
                stats.disconnected();
                listener.disconnected();
            }
        }
        session = null;
        insert = null;
    }
}
