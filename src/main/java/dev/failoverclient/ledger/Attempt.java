package dev.failoverclient.ledger;

/**
 * One INSERT of one {@code (clientId, sequence)} and its outcome. Times are epoch microseconds
 * (UTC, wall clock); {@code startMicros} is also the row's {@code write_timestamp}.
 */
public record Attempt(String clientId, long sequence, long startMicros, long endMicros, Outcome outcome) {

    public boolean ok() {
        return outcome instanceof Outcome.Ok;
    }

    public long latencyMicros() {
        return endMicros - startMicros;
    }
}
