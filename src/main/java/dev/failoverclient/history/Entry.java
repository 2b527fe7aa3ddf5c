package dev.failoverclient.history;

import dev.failoverclient.ledger.Attempt;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * One entry of a run's history. {@link #micros()} is when it happened (epoch µs); a run's entries,
 * every writer's and the lab's, are replayed in that order ({@link History#replay()}).
 */
public sealed interface Entry permits Entry.Connected, Entry.TlsRefused, Entry.Attempted, Entry.LossFound, Entry.Stopped,
        LabEvent, Observation, Entry.LagObserved, Entry.CensusStarted, Entry.CensusStopped, Entry.Setup, Entry.Warning,
        Entry.StaleRead, Entry.Visibility, Entry.Restarted, Entry.Vanished {

    long micros();

    /**
     * A writer (re)connected to the server with this identity and these durability settings, over
     * TLS with this protocol and cipher ({@code null}: a plain connection, or a ledger from before TLS).
     */
    record Connected(String client, long micros, long serverId, String hostname, String version,
                     Map<String, String> settings, String tlsProtocol, String tlsCipher) implements Entry {
        public Connected {
            settings = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(settings));
        }
    }

    /**
     * The client was started again in its run folder at {@code micros}: it had been down since
     * {@code downSinceMicros} (its previous process's last record), which had {@code stoppedCleanly}
     * (a stop record) or not (killed). Client downtime, not a database outage.
     */
    record Restarted(String client, long micros, long downSinceMicros, boolean stoppedCleanly) implements Entry {
    }

    /** The client's history ends at {@code micros} without a stop record: it was killed, or is still writing. */
    record Vanished(String client, long micros) implements Entry {
    }

    /** A writer's reconnect was refused by TLS; {@code message} says why and what fixes it. */
    record TlsRefused(String client, long micros, String message) implements Entry {
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

    /** How the writer behaves like an application ({@code setup} record). */
    record Setup(String client, long micros, String pool, int poolSize, boolean evictOnReadOnly, int transactionRows,
                 boolean readCheck) implements Entry {
    }

    /** Something that weakens the verdict, said once by the writer (a user that writes through read_only). */
    record Warning(String client, long micros, String message) implements Entry {
    }

    /**
     * An acknowledged write not visible on {@code endpoint} ({@code own}: the writer's own connection)
     * when read; {@code micros} is when it was found so.
     */
    record StaleRead(String client, long micros, String endpoint, long sequence, int rows, long ackedMicros)
            implements Entry {
    }

    /** How long the writer's acknowledged writes took to show on {@code endpoint} since its previous record. */
    record Visibility(String client, long micros, String endpoint, Histogram delayMicros) implements Entry {
    }

    /** The writer stopped: an outage still open lasts until here. */
    record Stopped(String client, long micros) implements Entry {
    }

    /** The census began watching these nodes every {@code intervalMicros}. */
    record CensusStarted(long micros, List<String> nodes, long intervalMicros) implements Entry {
        public CensusStarted {
            nodes = List.copyOf(nodes);
        }
    }

    /** The census stopped watching: its windows still open end here. */
    record CensusStopped(long micros) implements Entry {
    }

    /**
     * A replica's lag since the census's previous lag entry for it, as histograms: seconds behind and
     * GTID transactions behind the primary, one value per observation.
     */
    record LagObserved(long micros, String node, Histogram seconds, Histogram trx) implements Entry {
    }
}
