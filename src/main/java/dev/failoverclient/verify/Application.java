package dev.failoverclient.verify;

import dev.failoverclient.conn.ErrorClassifier;
import dev.failoverclient.history.Entry;
import dev.failoverclient.ledger.Attempt;
import dev.failoverclient.ledger.Outcome;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How the writers behaved like an application (their {@code setup} records), and what a pool did in
 * a failover: the longest run of writes each client's pool answered with connections to a read-only
 * node (1290, 1836, or Galera's 1047), from the first refusal to the last, the mariadb-operator #1509
 * pattern of a pool that keeps connections to a demoted primary.
 *
 * @param pool            {@code none} or {@code hikari}; {@code null} in a ledger from before the setup record
 * @param evictOnReadOnly the pool retired read-only connections
 * @param transactionRows rows per attempt
 * @param readCheck       acknowledged writes were read back
 * @param stuck           per client in a pool, the longest run of read-only refusals; empty without a pool
 */
public record Application(String pool, int poolSize, boolean evictOnReadOnly, int transactionRows, boolean readCheck,
                          List<Stuck> stuck) implements Finding {

    public Application {
        stuck = List.copyOf(stuck);
    }

    /** Writes of one client refused read-only, one after another, from the first's start to the last's end (µs). */
    public record Stuck(String client, long fromMicros, long toMicros, long attempts) {
        public long durationMillis() {
            return (toMicros - fromMicros) / 1_000;
        }
    }

    public boolean pooled() {
        return "hikari".equals(pool);
    }

    static final class Collector implements Check {
        private Entry.Setup setup;
        private final Map<String, Stuck> running = new LinkedHashMap<>();
        private final Map<String, Stuck> longest = new LinkedHashMap<>();

        @Override
        public void accept(Entry e) {
            if (e instanceof Entry.Setup s) {
                setup = setup == null ? s : setup;
            } else if (e instanceof Entry.Attempted a && setup != null && "hikari".equals(setup.pool())) {
                refused(a.attempt());
            }
        }

        private void refused(Attempt a) {
            Stuck now = running.get(a.clientId());
            if (a.outcome() instanceof Outcome.Failed f && ErrorClassifier.refusesAsNoPrimary(f.code())) {
                Stuck grown = now == null ? new Stuck(a.clientId(), a.startMicros(), a.endMicros(), 1)
                        : new Stuck(a.clientId(), now.fromMicros(), a.endMicros(), now.attempts() + 1);
                running.put(a.clientId(), grown);
                Stuck best = longest.get(a.clientId());
                if (best == null || grown.durationMillis() > best.durationMillis()) {
                    longest.put(a.clientId(), grown);
                }
            } else {
                running.remove(a.clientId());
            }
        }

        @Override
        public Application finish(long runEndMicros) {
            if (setup == null) {
                return new Application(null, 0, false, 1, false, List.of());
            }
            return new Application(setup.pool(), setup.poolSize(), setup.evictOnReadOnly(), setup.transactionRows(),
                    setup.readCheck(), new ArrayList<>(longest.values()));
        }
    }
}
