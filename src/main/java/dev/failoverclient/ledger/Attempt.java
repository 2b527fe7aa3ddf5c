package dev.failoverclient.ledger;

/**
 * One attempt of a client and its outcome: one INSERT of one {@code (clientId, sequence)}, or with
 * {@code rows} above 1 one transaction of the consecutive sequences from {@code sequence}, committed
 * once. Times are epoch microseconds (UTC, wall clock); {@code startMicros} is also the rows'
 * {@code write_timestamp}.
 */
public record Attempt(String clientId, long sequence, long startMicros, long endMicros, Outcome outcome, int rows) {

    /** One INSERT of one row. */
    public Attempt(String clientId, long sequence, long startMicros, long endMicros, Outcome outcome) {
        this(clientId, sequence, startMicros, endMicros, outcome, 1);
    }

    /** The last sequence of the attempt. */
    public long lastSequence() {
        return sequence + rows - 1;
    }

    public boolean ok() {
        return outcome instanceof Outcome.Ok;
    }

    public long latencyMicros() {
        return endMicros - startMicros;
    }
}
