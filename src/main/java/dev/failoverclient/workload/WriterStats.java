package dev.failoverclient.workload;

import java.time.Instant;
import org.HdrHistogram.Histogram;

/**
 * Counters of one writer. Updated by the writer thread, read by anyone: every method is
 * synchronized (uncontended in the write loop). Latencies are of acknowledged writes, in µs.
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

    WriterStats(String clientId) {
        this.clientId = clientId;
    }

    synchronized void attempted(long sequence) {
        currentSequence = sequence;
    }

    synchronized void ok(Instant at, long latencyMicros) {
        ok++;
        lastSuccess = at;
        okLatencyMicros.recordValue(Math.max(0, latencyMicros));
    }

    synchronized void failed(Instant at, boolean maybeCommitted) {
        if (maybeCommitted) {
            unknown++;
        } else {
            failed++;
        }
        lastError = at;
    }

    synchronized void connectionError() {
        connectionErrors++;
    }

    synchronized void lost(int count) {
        lost += count;
    }

    /** Success rate in percent of all attempts; 100 before the first attempt. */
    synchronized double successRate() {
        long total = ok + failed + unknown;
        return total == 0 ? 100.0 : 100.0 * ok / total;
    }

    public synchronized Snapshot snapshot() {
        return new Snapshot(clientId, currentSequence, ok, failed, unknown, connectionErrors, lost, lastSuccess,
                lastError, okLatencyMicros.copy());
    }

    /** A consistent copy of the counters. Times may be {@code null} (never happened). */
    public record Snapshot(String clientId, long currentSequence, long ok, long failed, long unknown,
                           long connectionErrors, long lost, Instant lastSuccess, Instant lastError,
                           Histogram okLatencyMicros) {
        public long total() {
            return ok + failed + unknown;
        }

        public double successRate() {
            return total() == 0 ? 100.0 : 100.0 * ok / total();
        }
    }
}
