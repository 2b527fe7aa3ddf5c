package dev.failoverclient.history;

import dev.failoverclient.ledger.Attempt;
import java.util.List;

/**
 * One entry of a run's history. {@link #micros()} is when it happened (epoch µs); a run's entries,
 * every writer's and the lab's, are replayed in that order ({@link History#replay()}).
 */
public sealed interface Entry permits Entry.Connected, Entry.Attempted, Entry.LossFound, Entry.Stopped, LabEvent {

    long micros();

    /** A writer (re)connected to the server with this identity. */
    record Connected(String client, long micros, long serverId, String hostname, String version) implements Entry {
    }

    /** One attempt and its outcome, entered when the outcome was known (a missing outcome: at its start). */
    record Attempted(Attempt attempt) implements Entry {
        @Override
        public long micros() {
            return attempt.endMicros();
        }
    }

    /** The online check found these acknowledged sequences missing on {@code serverId} after a reconnect. */
    record LossFound(String client, long micros, long serverId, List<Long> sequences) implements Entry {
        public LossFound {
            sequences = List.copyOf(sequences);
        }
    }

    /** The writer stopped: an outage still open lasts until here. */
    record Stopped(String client, long micros) implements Entry {
    }
}
