package dev.failoverclient.history;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.PriorityQueue;

/**
 * A run's entries in time order: a merge of the ledgers (each already in time order) and the lab's
 * events. Holds one entry per source in memory. Entries with the same time keep source order.
 */
public final class Replay implements AutoCloseable {
    private record Head(Entry entry, int source) {
    }

    private final List<LedgerStream> ledgers;
    private final Iterator<LabEvent> events;
    private final PriorityQueue<Head> heads = new PriorityQueue<>(
            Comparator.comparingLong((Head h) -> h.entry().micros()).thenComparingInt(Head::source));

    Replay(List<LedgerStream> ledgers, List<LabEvent> events) {
        this.ledgers = ledgers;
        this.events = events.iterator();
        for (int i = 0; i <= ledgers.size(); i++) {
            advance(i);
        }
    }

    /** The next entry, or {@code null} when every source is exhausted. */
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
        for (LedgerStream s : ledgers) {
            if (s.truncatedTail()) {
                ids.add(s.clientId());
            }
        }
        return ids;
    }

    private void advance(int source) {
        Entry next = source == ledgers.size() ? (events.hasNext() ? events.next() : null)
                : ledgers.get(source).next();
        if (next != null) {
            heads.add(new Head(next, source));
        }
    }

    @Override
    public void close() {
        ledgers.forEach(LedgerStream::close);
    }
}
