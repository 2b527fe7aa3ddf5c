package dev.failoverclient.ledger;

import java.util.List;

/**
 * Everything one client's ledger says, in attempt order.
 *
 * @param attempts      every attempt; a {@code begin} without {@code end} is {@link Outcome.Unknown}
 * @param losses        sequences the online check found missing after a reconnect
 * @param truncatedTail the last line was cut short (client killed mid-write) and was ignored
 */
public record Ledger(String clientId, List<Attempt> attempts, List<Long> losses, boolean truncatedTail) {
    public Ledger {
        attempts = List.copyOf(attempts);
        losses = List.copyOf(losses);
    }
}
