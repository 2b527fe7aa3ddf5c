package dev.failoverclient.workload;

import dev.failoverclient.conn.ServerIdentity;
import java.time.Instant;
import org.HdrHistogram.Histogram;

/**
 * Counters and state of one writer. Updated by the writer thread, read by anyone (the statistics
 * block, the live status): every method is synchronized (uncontended in the write loop). Latencies
 * are of acknowledged writes, in µs.
 */
public final class WriterStats {
    private final String clientId;
    private final Histogram okLatencyMicros = new Histogram(3);
    private long currentSequence;
    private long ok;
    private long failed;
    private long unknown;
    private long connectionErrors;
    private long lost;
    private Instant lastSuccess;
    private Instant lastError;
    private Instant outageSince;
    private ServerIdentity server;
    private boolean stopped;

    WriterStats(String clientId) {
        this.clientId = clientId;
    }

    synchronized void attempted(long sequence) {
        currentSequence = sequence;
    }

    synchronized void ok(Instant at, long latencyMicros) {
        ok++;
        lastSuccess = at;
        outageSince = null;
        okLatencyMicros.recordValue(Math.max(0, latencyMicros));
    }

    /** A non-OK attempt that started at {@code started}: the first after an OK one opens an outage. */
    synchronized void failed(Instant started, Instant at, boolean maybeCommitted) {
        if (maybeCommitted) {
            unknown++;
        } else {
            failed++;
        }
        lastError = at;
        if (outageSince == null) {
            outageSince = lastSuccess != null ? lastSuccess : started;
        }
    }

    synchronized void connected(ServerIdentity identity) {
        server = identity;
    }

    synchronized void disconnected() {
        server = null;
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
    }

    /** Success rate in percent of all attempts; 100 before the first attempt. */
    synchronized double successRate() {
        long total = ok + failed + unknown;
        return total == 0 ? 100.0 : 100.0 * ok / total;
    }

    public synchronized Snapshot snapshot() {
        return new Snapshot(clientId, currentSequence, ok, failed, unknown, connectionErrors, lost, lastSuccess,
                lastError, okLatencyMicros.copy(), outageSince, server, stopped);
    }

    /**
     * A consistent copy of the counters. Times may be {@code null} (never happened).
     *
     * @param outageSince when the current outage began (the end of the last OK write), {@code null} when writing
     * @param server      the server the writer is connected to, {@code null} while it is not
     */
    public record Snapshot(String clientId, long currentSequence, long ok, long failed, long unknown,
                           long connectionErrors, long lost, Instant lastSuccess, Instant lastError,
                           Histogram okLatencyMicros, Instant outageSince, ServerIdentity server, boolean stopped) {
        public long total() {
            return ok + failed + unknown;
        }

        public double successRate() {
            return total() == 0 ? 100.0 : 100.0 * ok / total();
        }
    }
}
