package dev.failoverclient.history;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;

/**
 * A run's entries in time order: a merge of its files (the ledgers, the census, the lab's events),
 * each already in time order. Holds one entry per file in memory. Entries with the same time keep
 * file order.
 */
public final class Replay implements AutoCloseable {
    private record Head(Entry entry, int source) {
    }

    private final List<Source> sources;
    private final List<ClientLedger> ledgers;
    private final PriorityQueue<Head> heads = new PriorityQueue<>(
            Comparator.comparingLong((Head h) -> h.entry().micros()).thenComparingInt(Head::source));

    Replay(List<ClientLedger> ledgers, List<Source> others) {
        this.ledgers = ledgers;
        this.sources = new ArrayList<>(ledgers);
        this.sources.addAll(others);
        for (int i = 0; i < sources.size(); i++) {
            advance(i);
        }
    }

    /** The next entry, or {@code null} when every file is exhausted. */
    public Entry next() {
        Head h = heads.poll();
        if (h == null) {
            return null;
        }
        advance(h.source());
        return h.entry();
    }

    /** Clients whose ledger ended in a cut-short line (known once the replay reached the end). */
    public List<String> truncatedTails() {
        List<String> ids = new ArrayList<>();
        for (ClientLedger s : ledgers) {
            if (s.truncatedTail()) {
                ids.add(s.clientId());
            }
        }
        return ids;
    }

    private void advance(int source) {
        Entry next = sources.get(source).next();
        if (next != null) {
            heads.add(new Head(next, source));
        }
    }

    @Override
    public void close() {
        sources.forEach(Source::close);
    }
}
