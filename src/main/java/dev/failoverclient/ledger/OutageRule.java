package dev.failoverclient.ledger;

/**
 * When an outage of one client starts and ends: the one rule that the analysis, the metrics and the
 * statistics block share. An outage starts at the end of the last acknowledged attempt before the
 * first non-OK one (at that attempt's start when none was acknowledged yet) and ends at the end of
 * the first acknowledged attempt after it. An attempt the client itself never saw the end of (it was
 * killed during the statement) says nothing of the database and is no part of an outage; an outage
 * the client's stop cut short ends when the client stopped ({@link #clientStopped}). Fed attempts in
 * order; nothing is allocated unless an outage ends, so the write loop can feed it. Not thread-safe:
 * one per client.
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
        if (!(a.outcome() instanceof Outcome.Unknown u && u.unanswered())) {
            notOk(a.startMicros(), a.endMicros());
        }
        return null;
    }

    /**
     * The client stopped at {@code atMicros} (it was killed, or restarted): the outage in progress,
     * if any, ends there, for the database was refusing until then at least; the client's own
     * downtime is no outage, and the next one starts afresh.
     *
     * @return the outage the stop cut short, or {@code null}
     */
    public Outage clientStopped(long atMicros) {
        Outage cut = failures > 0 ? new Outage(clientId, start, Math.max(atMicros, firstFailureEnd), failures,
                firstFailureEnd) : null;
        failures = 0;
        start = -1;
        lastOkEnd = -1;
        return cut;
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
