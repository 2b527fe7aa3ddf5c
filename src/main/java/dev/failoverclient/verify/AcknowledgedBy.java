package dev.failoverclient.verify;

import dev.failoverclient.history.Entry;
import dev.failoverclient.ledger.Outcome;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which servers acknowledged each client's writes, in turn: one stint per server until the client
 * wrote to another, so a failover shows as the switch to the new primary and a client that never
 * found it as one stint that stops. Only informs; memory grows with the switches.
 */
public record AcknowledgedBy(Map<String, List<Stint>> clients) implements Finding {
    /** Stints kept per client; a client switching more often than this is summarised by the last one. */
    static final int MAX_STINTS = 1_000;

    public AcknowledgedBy {
        Map<String, List<Stint>> copy = new LinkedHashMap<>();
        clients.forEach((c, s) -> copy.put(c, List.copyOf(s)));
        clients = java.util.Collections.unmodifiableMap(copy);
    }

    /** Consecutive acknowledged writes of one client by one server, epoch µs of the first and last one's end. */
    public record Stint(long serverId, String hostname, long firstMicros, long lastMicros, long writes) {
    }

    static final class Collector implements Check {
        private final Map<String, List<Stint>> stints = new LinkedHashMap<>();
        private final Map<Long, String> hostnames = new HashMap<>();

        Collector(List<String> clients) {
            clients.forEach(c -> stints.put(c, new ArrayList<>()));
        }

        @Override
        public void accept(Entry e) {
            if (e instanceof Entry.Connected c) {
                hostnames.putIfAbsent(c.serverId(), c.hostname());
            } else if (e instanceof Entry.Attempted a && a.attempt().outcome() instanceof Outcome.Ok ok) {
                List<Stint> list = stints.get(a.attempt().clientId());
                Stint last = list.isEmpty() ? null : list.get(list.size() - 1);
                long at = a.attempt().endMicros();
                if (last != null && last.serverId() == ok.serverId()) {
                    list.set(list.size() - 1, new Stint(last.serverId(), last.hostname(), last.firstMicros(), at,
                            last.writes() + 1));
                } else {
                    if (list.size() == MAX_STINTS) {
                        list.remove(0);
                    }
                    list.add(new Stint(ok.serverId(), hostnames.get(ok.serverId()), at, at, 1));
                }
            }
        }

        @Override
        public AcknowledgedBy finish(long runEndMicros) {
            return new AcknowledgedBy(stints);
        }
    }
}
