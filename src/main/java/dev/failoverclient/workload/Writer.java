package dev.failoverclient.workload;

import dev.failoverclient.StopSignal;
import dev.failoverclient.config.ClientConfig;
import dev.failoverclient.config.Durations;
import dev.failoverclient.conn.Cause;
import dev.failoverclient.conn.Classification;
import dev.failoverclient.conn.ConnectException;
import dev.failoverclient.conn.Connector;
import dev.failoverclient.conn.ErrorClassifier;
import dev.failoverclient.conn.FailoverTable;
import dev.failoverclient.conn.Messages;
import dev.failoverclient.conn.PrimaryLocator;
import dev.failoverclient.conn.ServerIdentity;
import dev.failoverclient.conn.ServerSettings;
import dev.failoverclient.conn.TlsSession;
import dev.failoverclient.ledger.LedgerException;
import dev.failoverclient.ledger.LedgerWriter;
import dev.failoverclient.ledger.Micros;
import dev.failoverclient.ledger.Outcome;
import dev.failoverclient.ledger.SequenceRanges;
import dev.failoverclient.logging.LogConfigurator;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Collections;
import java.util.List;
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
    private final LossCheck lossCheck;
    private final long intervalNanos;
    private final StringBuilder line = new StringBuilder(96);
    private final DateTimeText timestamp = new DateTimeText();
    private final Runnable firstAttempt;
    /** The pool the writer borrows from for each attempt; {@code null}: a connection of its own. */
    private final WriterPool pool;
    /** The physical connections of the pool this writer has used (each one announced once). */
    private final Set<Connection> seen = Collections.newSetFromMap(new WeakHashMap<>());
    private final int rows;
    private final boolean ownReads;
    /** Reads the acknowledged writes back on the read endpoint; {@code null} without one. */
    private final ReadCheck readCheck;

    private long sequence;
    private Connector.Session session;
    /** A connection made before this writer started, used by its first connect. */
    private Connector.Session handedOver;
    private PreparedStatement insert;
    private long nextWriteNanos;
    private boolean everConnected;
    private long retryLoggedAt;
    /** TLS refused a reconnect in the current outage (logged and recorded once per outage). */
    private boolean tlsRefusalRecorded;
    private long attempts;
    /** Whether the attempt in progress has sent what commits it (its INSERT, or its COMMIT). */
    private boolean commitSent;
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
        this.lossCheck = new LossCheck(config.lossCheckWindow());
        this.intervalNanos = config.writeInterval().toNanos();
        this.firstAttempt = firstAttempt;
        this.pool = pool;
        this.rows = config.application().transactionRows();
        this.ownReads = config.application().readCheck();
        this.readCheck = ownReads && !config.application().readHosts().isEmpty()
                ? new ReadCheck(clientId, config, clock) : null;
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
     * application's request does; the writer never reconnects behind the pool's back. When the pool
     * has none to give (its connection timeout passed), no sequence is used and it asks again a probe
     * interval later.
     */
    private void borrowAndWrite() {
        if (!stop.sleepUntil(nextWriteNanos)) {
            return;
        }
        if (!connect()) {
            nextWriteNanos = System.nanoTime() + config.probeInterval().toNanos();
            return;
        }
        try {
            write();
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
            if (handedOver != null) {
                session = handedOver;
                handedOver = null;
            } else {
                session = pool != null ? pool.borrow() : locator.locate();
            }
            insert = session.connection().prepareStatement(FailoverTable.INSERT);
            insert.setString(1, clientId);
            insert.setString(4, session.identity().hostname());
            if (pool != null && !seen.add(WriterPool.physical(session.connection()))) {
                return true; // a pooled connection this writer used before: nothing new to record
            }
        } catch (ConnectException e) {
            if (e.classification().cause() == Cause.TLS && !tlsRefusalRecorded) {
                tlsRefusalRecorded = true;
                ledger.tlsRefused(Micros.now(clock), e.getMessage());
                LOG.error("✗ TLS refused the reconnect: {}", e.getMessage());
            }
            logRetry(now, e.getMessage());
            firstAttempt.run();
            return false;
        } catch (SQLException e) {
            logRetry(now, "cannot prepare the INSERT: " + Messages.errorTuple(e));
            drop();
            return false;
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
            checkForLoss(id);
        }
        everConnected = true;
        retryLoggedAt = 0;
        if (pool == null) {
            nextWriteNanos = System.nanoTime();
        }
        return true;
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

    private void checkForLoss(ServerIdentity id) {
        try {
            List<Long> missing = lossCheck.missing(session.connection(), clientId, id.galera());
            if (!missing.isEmpty()) {
                stats.lost(missing.size());
                listener.lossFound(missing.size());
                ledger.loss(Micros.now(clock), id.serverId(), missing);
                LOG.error("✗ DATA LOSS: {} acknowledged write(s) missing on {} (server_id {}): sequences {}",
                        missing.size(), id.endpoint(), id.serverId(), SequenceRanges.format(missing, 20));
            }
        } catch (SQLException e) {
            LOG.warn("Online loss check failed on {}: {}", id.endpoint(), Messages.errorTuple(e));
        }
    }

    private void write() {
        long seq = sequence + 1;
        sequence += rows;
        long startMicros = Micros.now(clock);
        stats.attempted(sequence);
        ledger.begin(seq, startMicros, rows);
        long t0 = System.nanoTime();
        Outcome outcome;
        Classification cls = null;
        SQLException error = null;
        // A single INSERT commits itself; a transaction's failure before its COMMIT was sent committed nothing.
        commitSent = rows == 1;
        try {
            String text = timestamp.of(startMicros);
            if (rows == 1) {
                insert.setLong(2, seq);
                insert.setString(3, text);
                insert.executeUpdate();
            } else {
                transaction(seq, text);
            }
            outcome = new Outcome.Ok(session.identity().serverId());
        } catch (SQLException e) {
            error = e;
            cls = ErrorClassifier.onStatement(e);
            String message = Messages.clean(e.getMessage());
            outcome = commitSent && cls.maybeCommitted()
                    ? new Outcome.Unknown(e.getErrorCode(), e.getSQLState(), message)
                    : new Outcome.Failed(e.getErrorCode(), e.getSQLState(), message);
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
            if (LOG.isInfoEnabled()) {
                // Built here, not by a {} pattern: this line is printed once per write.
                line.setLength(0);
                line.append(rows == 1 ? "✓ Wrote sequence " : "✓ Wrote sequences ").append(seq);
                if (rows > 1) {
                    line.append('-').append(sequence);
                }
                Fixed.millis(line.append(" (latency: "), latencyNanos);
                stats.appendSuccessRate(line.append(", success_rate: ")).append(')');
                LOG.info(line.toString());
            }
            if (ownReads) {
                readBack(seq, endMicros);
            }
        } else {
            boolean unknown = outcome instanceof Outcome.Unknown;
            stats.failed(startMicros, endMicros, unknown);
            String what = rows == 1 ? "sequence " + seq : "sequences " + seq + "-" + sequence;
            if (unknown) {
                LOG.warn("? Unknown outcome of {} (sent, no answer; it may have committed): {} (latency: {},"
                        + " success_rate: {})", what, Messages.errorTuple(error), ms(latencyNanos), rate());
            } else {
                LOG.error("✗ Failed to write {}: {} (latency: {}, success_rate: {})", what,
                        Messages.errorTuple(error), ms(latencyNanos), rate());
            }
            if (cls.cause() == Cause.READ_ONLY) {
                LOG.warn("⚠ Database is read-only - failover may be in progress!");
            } else if (cls.cause() == Cause.NOT_READY) {
                LOG.warn("⚠ Galera node is not in the Primary component (WSREP not ready) - failover may be in"
                        + " progress!");
            }
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

    /**
     * One transaction of {@link #rows} consecutive sequences from {@code first}, committed once;
     * rolled back when it fails before its COMMIT. {@link #commitSent} is set just before the COMMIT
     * goes out, so a failure of the COMMIT itself is told from one before it.
     */
    private void transaction(long first, String text) throws SQLException {
        Connection c = session.connection();
        c.setAutoCommit(false);
        try {
            for (long s = first; s < first + rows; s++) {
                insert.setLong(2, s);
                insert.setString(3, text);
                insert.executeUpdate();
            }
            commitSent = true;
            c.commit();
        } finally {
            if (!commitSent) {
                quietly(c::rollback);
            }
            quietly(() -> c.setAutoCommit(true));
        }
    }

    /**
     * Reads the acknowledged attempt back on the writer's own connection (read-your-writes: it must
     * be there), then hands it to the read endpoint's check.
     */
    private void readBack(long first, long ackedMicros) {
        int[] found = new int[1];
        try {
            FailoverTable.sequences(session.connection(), clientId, first, sequence, s -> found[0]++);
        } catch (SQLException e) {
            LOG.warn("Cannot read sequence {} back: {}", first, Messages.errorTuple(e));
            return;
        }
        if (found[0] < rows) {
            ledger.staleRead(Micros.now(clock), "own", first, rows, ackedMicros);
            LOG.error("✗ STALE READ: sequence {} was acknowledged but its own connection does not show it", first);
        }
        if (readCheck != null) {
            readCheck.acknowledged(first, rows, ackedMicros);
        }
    }

    private interface SqlAction {
        void run() throws SQLException;
    }

    /** Cleans up a transaction on a connection that may be broken: what fails here changes nothing. */
    private static void quietly(SqlAction action) {
        try {
            action.run();
        } catch (SQLException ignored) {
            // the connection is dropped or given back after the attempt either way
        }
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

    private String rate() {
        return stats.appendSuccessRate(new StringBuilder(8)).toString();
    }

    private static String ms(long nanos) {
        return Fixed.millis(new StringBuilder(12), nanos).toString();
    }

}
