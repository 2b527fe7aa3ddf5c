package dev.failoverclient.workload;

import dev.failoverclient.conn.Cause;
import dev.failoverclient.conn.Messages;
import java.sql.SQLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The seed's log line of every attempt ({@code ✓ Wrote sequence 42 (latency: 1.52ms, success_rate:
 * 100.0%)}, {@code ✗ Failed to write ...}, {@code ? Unknown outcome of ...}) and the warnings that
 * name a failover in progress. The OK line is built by hand: it is printed once per write.
 */
final class AttemptLog {
    private static final Logger LOG = LoggerFactory.getLogger("dev.failoverclient.writer");

    private final WriterStats stats;
    private final StringBuilder line = new StringBuilder(96);

    AttemptLog(WriterStats stats) {
        this.stats = stats;
    }

    /** Sequences {@code first} to {@code last} were acknowledged. */
    void ok(long first, long last, long latencyNanos) {
        if (!LOG.isInfoEnabled()) {
            return;
        }
        line.setLength(0);
        line.append(first == last ? "✓ Wrote sequence " : "✓ Wrote sequences ").append(first);
        if (first != last) {
            line.append('-').append(last);
        }
        Fixed.millis(line.append(" (latency: "), latencyNanos);
        stats.appendSuccessRate(line.append(", success_rate: ")).append(')');
        LOG.info(line.toString());
    }

    /** The attempt of sequences {@code first} to {@code last} failed, or its outcome is unknown. */
    void notOk(long first, long last, boolean unknown, SQLException error, Cause cause, long latencyNanos) {
        String what = first == last ? "sequence " + first : "sequences " + first + "-" + last;
        String rate = stats.appendSuccessRate(new StringBuilder(8)).toString();
        String latency = Fixed.millis(new StringBuilder(12), latencyNanos).toString();
        if (unknown) {
            LOG.warn("? Unknown outcome of {} (sent, no answer; it may have committed): {} (latency: {},"
                    + " success_rate: {})", what, Messages.errorTuple(error), latency, rate);
        } else {
            LOG.error("✗ Failed to write {}: {} (latency: {}, success_rate: {})", what, Messages.errorTuple(error),
                    latency, rate);
        }
        if (cause == Cause.READ_ONLY) {
            LOG.warn("⚠ Database is read-only - failover may be in progress!");
        } else if (cause == Cause.NOT_READY) {
            LOG.warn("⚠ Galera node is not in the Primary component (WSREP not ready) - failover may be in"
                    + " progress!");
        }
    }
}
