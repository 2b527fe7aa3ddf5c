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
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
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
    private volatile String fatal;

    Writer(String clientId, String logTag, long lastSequence, ClientConfig config, PrimaryLocator locator,
           LedgerWriter ledger, Clock clock, StopSignal stop, WriterListener listener, Runnable firstAttempt) {
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
            stats.stopped();
            MDC.remove("client");
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
                session = locator.locate();
            }
            insert = session.connection().prepareStatement(FailoverTable.INSERT);
            insert.setString(1, clientId);
            insert.setString(4, session.identity().hostname());
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
        nextWriteNanos = System.nanoTime();
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
        long seq = ++sequence;
        long startMicros = Micros.now(clock);
        stats.attempted(seq);
        ledger.begin(seq, startMicros);
        long t0 = System.nanoTime();
        Outcome outcome;
        Classification cls = null;
        SQLException error = null;
        try {
            insert.setLong(2, seq);
            insert.setString(3, timestamp.of(startMicros));
            insert.executeUpdate();
            outcome = new Outcome.Ok(session.identity().serverId());
        } catch (SQLException e) {
            error = e;
            cls = ErrorClassifier.onStatement(e);
            String message = Messages.clean(e.getMessage());
            outcome = cls.maybeCommitted()
                    ? new Outcome.Unknown(e.getErrorCode(), e.getSQLState(), message)
                    : new Outcome.Failed(e.getErrorCode(), e.getSQLState(), message);
        }
        long latencyNanos = System.nanoTime() - t0;
        long latencyMicros = latencyNanos / 1_000;
        long endMicros = startMicros + latencyMicros;
        ledger.end(seq, endMicros, outcome);
        listener.attempted(seq, startMicros, latencyNanos, outcome);
        if (error == null) {
            stats.ok(endMicros, latencyMicros);
            lossCheck.acknowledged(seq);
            if (LOG.isInfoEnabled()) {
                // Built here, not by a {} pattern: this line is printed once per write.
                line.setLength(0);
                Fixed.millis(line.append("✓ Wrote sequence ").append(seq).append(" (latency: "), latencyNanos);
                stats.appendSuccessRate(line.append(", success_rate: ")).append(')');
                LOG.info(line.toString());
            }
        } else {
            stats.failed(startMicros, endMicros, cls.maybeCommitted());
            if (cls.maybeCommitted()) {
                LOG.warn("? Unknown outcome of sequence {} (sent, no answer; it may have committed): {} (latency: {},"
                        + " success_rate: {})", seq, Messages.errorTuple(error), ms(latencyNanos), rate());
            } else {
                LOG.error("✗ Failed to write sequence {}: {} (latency: {}, success_rate: {})", seq,
                        Messages.errorTuple(error), ms(latencyNanos), rate());
            }
            if (cls.cause() == Cause.READ_ONLY) {
                LOG.warn("⚠ Database is read-only - failover may be in progress!");
            } else if (cls.cause() == Cause.NOT_READY) {
                LOG.warn("⚠ Galera node is not in the Primary component (WSREP not ready) - failover may be in"
                        + " progress!");
            }
            if (cls.dropConnection()) {
                stats.connectionError();
                drop();
                LOG.warn("Connection lost, attempting to reconnect...");
            }
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

    private void drop() {
        if (session != null) {
            session.close();
            stats.disconnected();
            listener.disconnected();
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
