package dev.failoverclient.workload;

import dev.failoverclient.conn.ServerIdentity;
import dev.failoverclient.conn.TlsSession;
import dev.failoverclient.ledger.Micros;
import dev.failoverclient.ledger.OutageRule;
import java.time.Instant;
import org.HdrHistogram.Histogram;

/**
 * Counters and state of one writer. Updated by the writer thread, read by anyone (the statistics
 * block, the live status): every method is synchronized (uncontended in the write loop). Latencies
 * are of acknowledged writes, in µs.
 */
public final class WriterStats {
    private final String clientId;
    /**
     * Two significant digits (quantiles within 1%): the statistics block reads p50 and p99 every
     * ten writes by default, and each read walks the buckets below them; with three digits that
     * walk cost a throttled pod more CPU than the write. The analysis keeps its own exact histogram.
     */
    private final Histogram okLatencyMicros = new Histogram(2);
    private long currentSequence;
    private long ok;
    private long failed;
    private long unknown;
    private long connectionErrors;
    private long lost;
    /** Epoch µs of the last acknowledged and the last refused or unanswered attempt's end; -1: none yet. */
    private long lastSuccess = -1;
    private long lastError = -1;
    private final OutageRule outage;
    private ServerIdentity server;
    private TlsSession tls;
    private boolean stopped;

    WriterStats(String clientId) {
        this.clientId = clientId;
        this.outage = new OutageRule(clientId);
    }

    synchronized void attempted(long sequence) {
        currentSequence = sequence;
    }

    /** An acknowledged attempt that ended at {@code endMicros} (epoch µs). */
    synchronized void ok(long endMicros, long latencyMicros) {
        ok++;
        lastSuccess = endMicros;
        outage.ok(endMicros);
        okLatencyMicros.recordValue(Math.max(0, latencyMicros));
    }

    /** A refused or unanswered attempt (epoch µs); the first after an OK one opens an outage. */
    synchronized void failed(long startMicros, long endMicros, boolean maybeCommitted) {
        if (maybeCommitted) {
            unknown++;
        } else {
            failed++;
        }
        lastError = endMicros;
        outage.notOk(startMicros, endMicros);
    }

    synchronized void connected(ServerIdentity identity, TlsSession tls) {
        server = identity;
        this.tls = tls;
    }

    synchronized void disconnected() {
        server = null;
        tls = null;
    }

    synchronized void connectionError() {
        connectionErrors++;
    }

    synchronized void lost(int count) {
        lost += count;
    }

    synchronized void stopped() {
        stopped = true;
        server = null;
        tls = null;
    }

    /** Appends the success rate, {@code 99.3%}, as the seed's log line shows it. */
    synchronized StringBuilder appendSuccessRate(StringBuilder b) {
        return Fixed.percent(b, ok, ok + failed + unknown, 1);
    }

    /** The counters now, with the latency quantiles read here: a copy of the histogram would cost more than them. */
    public synchronized Snapshot snapshot() {
        Latency latency = okLatencyMicros.getTotalCount() == 0 ? null : new Latency(
                okLatencyMicros.getValueAtPercentile(50), okLatencyMicros.getValueAtPercentile(99),
                okLatencyMicros.getMaxValue());
        long since = outage.openSinceMicros();
        return new Snapshot(clientId, currentSequence, ok, failed, unknown, connectionErrors, lost, instant(lastSuccess),
                instant(lastError), latency, instant(since), server, tls, stopped);
    }

    private static Instant instant(long micros) {
        return micros < 0 ? null : Micros.toInstant(micros);
    }

    /** Latency of acknowledged writes in µs: median, 99th percentile, maximum. */
    public record Latency(long p50Micros, long p99Micros, long maxMicros) {
    }

    /**
     * A consistent copy of the counters. Times may be {@code null} (never happened).
     *
     * @param okLatency   of the acknowledged writes, {@code null} before the first
     * @param outageSince when the current outage began (the end of the last OK write), {@code null} when writing
     * @param server      the server the writer is connected to, {@code null} while it is not
     * @param tls         how that connection is protected, {@code null} while there is none
     */
    public record Snapshot(String clientId, long currentSequence, long ok, long failed, long unknown,
                           long connectionErrors, long lost, Instant lastSuccess, Instant lastError,
                           Latency okLatency, Instant outageSince, ServerIdentity server, TlsSession tls,
                           boolean stopped) {
        public long total() {
            return ok + failed + unknown;
        }

        /** Appends {@code 99.30%}, as the statistics block shows it. */
        StringBuilder appendSuccessRate(StringBuilder b) {
            return Fixed.percent(b, ok, total(), 2);
        }
    }
}
