package dev.failoverclient.verify;

import dev.failoverclient.history.Entry;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The durability settings of every server the writers wrote to, as first seen when they connected. */
public record Durabilities(List<Durability> servers) implements Finding {

    public Durabilities {
        servers = List.copyOf(servers);
    }

    /** Collects the writers' connect records during the analysis's one replay. */
    static final class Collector implements Check {
        private final Map<Long, Durability> byServer = new LinkedHashMap<>();

        @Override
        public void accept(Entry e) {
            if (e instanceof Entry.Connected c) {
                byServer.computeIfAbsent(c.serverId(), id -> Durability.of(id, c.hostname(), c.settings()));
            }
        }

        @Override
        public Durabilities finish(long runEndMicros) {
            return new Durabilities(List.copyOf(byServer.values()));
        }
    }
}
