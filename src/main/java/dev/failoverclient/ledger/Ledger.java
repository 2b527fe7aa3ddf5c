package dev.failoverclient.ledger;

import java.util.List;

/**
 * Everything one client's ledger says, in attempt order.
 *
 * @param attempts      every attempt; a {@code begin} without {@code end} is {@link Outcome.Unknown}
 * @param losses        sequences the online check found missing after a reconnect
 * @param truncatedTail the last line was cut short (client killed mid-write) and was ignored
 * @param stoppedMicros when the writer stopped (its {@code stop} record), -1 when it has none
 */
public record Ledger(String clientId, List<Attempt> attempts, List<Long> losses, boolean truncatedTail,
                     long stoppedMicros) {
    public Ledger {
        attempts = List.copyOf(attempts);
        losses = List.copyOf(losses);
    }

    /** A ledger without a {@code stop} record. */
    public Ledger(String clientId, List<Attempt> attempts, List<Long> losses, boolean truncatedTail) {
        this(clientId, attempts, losses, truncatedTail, -1);
    }

    /**
     * The end of the run in epoch µs: the latest {@code stop} record or attempt end (a writer that
     * could not reconnect records no attempts while it probes, so open outages last until here).
     */
    public static long runEndMicros(List<Ledger> ledgers) {
        long end = 0;
        for (Ledger l : ledgers) {
            end = Math.max(end, l.stoppedMicros());
            for (Attempt a : l.attempts()) {
                end = Math.max(end, a.endMicros());
            }
        }
        return end;
    }
}
