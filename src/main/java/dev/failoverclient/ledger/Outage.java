package dev.failoverclient.ledger;

/**
 * A maximal run of non-OK attempts of one client, as {@link OutageRule} finds it. Times are epoch
 * microseconds: {@code startMicros} is the end of the last OK attempt before it (or the start of its
 * first attempt when none), {@code endMicros} the end of the first OK attempt after it, or {@code -1}
 * when the run ended first.
 *
 * @param attempts              the number of non-OK attempts in it
 * @param firstFailureEndMicros when its first non-OK attempt ended (the client noticed)
 */
public record Outage(String clientId, long startMicros, long endMicros, int attempts, long firstFailureEndMicros) {

    public boolean open() {
        return endMicros < 0;
    }

    /** Duration in milliseconds; for an open outage, up to {@code runEndMicros}. */
    public long durationMillis(long runEndMicros) {
        return ((open() ? runEndMicros : endMicros) - startMicros) / 1_000;
    }
}
