package dev.failoverclient.verify;

import dev.failoverclient.history.Entry;
import java.util.ArrayList;
import java.util.List;

/**
 * When the clients themselves were down: a client started again in its run folder (a restarted pod,
 * a killed process) continues its history, and the time between its previous process's last record
 * and the new one's start is client downtime, never a database outage. A history that ends without
 * a stop record names a client killed (or still writing when its ledger was read).
 *
 * @param restarts every client downtime, in time order
 * @param killed   clients whose last segment has no stop record, and when they went quiet
 */
public record ClientRestarts(List<Restart> restarts, List<Killed> killed) implements Finding {

    public ClientRestarts {
        restarts = List.copyOf(restarts);
        killed = List.copyOf(killed);
    }

    /** One client down from {@code downMicros} to {@code upMicros}; {@code killed}: no stop record before. */
    public record Restart(String client, long downMicros, long upMicros, boolean killed) {
        public long durationMillis() {
            return (upMicros - downMicros) / 1_000;
        }
    }

    /** A client whose history ends at {@code micros} without a stop record. */
    public record Killed(String client, long micros) {
    }

    static final class Collector implements Check {
        private final List<Restart> restarts = new ArrayList<>();
        private final List<Killed> killed = new ArrayList<>();

        @Override
        public void accept(Entry e) {
            if (e instanceof Entry.Restarted r) {
                restarts.add(new Restart(r.client(), r.downSinceMicros(), r.micros(), !r.stoppedCleanly()));
            } else if (e instanceof Entry.Vanished v) {
                killed.add(new Killed(v.client(), v.micros()));
            }
        }

        @Override
        public ClientRestarts finish(long runEndMicros) {
            return new ClientRestarts(restarts, killed);
        }
    }
}
