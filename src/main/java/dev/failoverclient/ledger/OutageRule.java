package dev.failoverclient.ledger;

/**
 * When an outage of one client starts and ends: the one rule that the analysis, the metrics and the
 * statistics block share. An outage starts at the end of the last acknowledged attempt before the
 * first non-OK one (at that attempt's start when none was acknowledged yet) and ends at the end of
 * the first acknowledged attempt after it. Fed attempts in order; nothing is allocated unless an
 * outage ends, so the write loop can feed it. Not thread-safe: one per client.
 */
public final class OutageRule {
    private final String clientId;
    private long lastOkEnd = -1;
    private long start = -1;
    private long firstFailureEnd;
    private int failures;

    public OutageRule(String clientId) {
        this.clientId = clientId;
    }

    /**
     * An acknowledged attempt that ended at {@code endMicros}.
     *
     * @return the outage it ended, or {@code null} when there was none
     */
    public Outage ok(long endMicros) {
        Outage ended = null;
        if (failures > 0) {
            ended = new Outage(clientId, start, endMicros, failures, firstFailureEnd);
            failures = 0;
            start = -1;
        }
        lastOkEnd = endMicros;
        return ended;
    }

    /**
     * A FAILED or UNKNOWN attempt.
     *
     * @return {@code true} when it opened an outage
     */
    public boolean notOk(long startMicros, long endMicros) {
        failures++;
        if (failures > 1) {
            return false;
        }
        start = lastOkEnd >= 0 ? lastOkEnd : startMicros;
        firstFailureEnd = endMicros;
        return true;
    }

    /** Feeds one attempt: {@link #ok} or {@link #notOk}; returns the outage it ended, if any. */
    public Outage add(Attempt a) {
        if (a.ok()) {
            return ok(a.endMicros());
        }
        notOk(a.startMicros(), a.endMicros());
        return null;
    }

    /** When the outage in progress started (epoch µs), or {@code -1} while the client writes. */
    public long openSinceMicros() {
        return failures > 0 ? start : -1;
    }

    /** The outage in progress, still open, or {@code null}. */
    public Outage open() {
        return failures > 0 ? new Outage(clientId, start, -1, failures, firstFailureEnd) : null;
    }
}
