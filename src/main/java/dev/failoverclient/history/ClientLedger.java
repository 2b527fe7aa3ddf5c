package dev.failoverclient.history;

import java.nio.file.Path;
import java.util.List;

/**
 * One client's ledger segments read as one history: a client started again in its run folder wrote
 * a segment per process ({@code ledger-<client>+2.jsonl}, …). Between two segments it enters a
 * {@link Entry.Restarted} with the downtime; after the last, a {@link Entry.Vanished} when that
 * segment has no stop record (unless the history is read live, while the client still writes).
 * Opens one segment at a time.
 */
final class ClientLedger implements Source {
    private final String clientId;
    private final List<Path> segments;
    private final List<Long> lengths;
    private final boolean live;
    private LedgerStream current;
    private int index;
    private boolean truncated;
    private boolean ended;

    ClientLedger(String clientId, List<Path> segments, List<Long> lengths, boolean live) {
        this.clientId = clientId;
        this.segments = List.copyOf(segments);
        this.lengths = List.copyOf(lengths);
        this.live = live;
        this.current = new LedgerStream(segments.get(0), lengths.get(0));
    }

    String clientId() {
        return clientId;
    }

    /** Whether a segment ended in a cut-short line (known once the replay read it). */
    boolean truncatedTail() {
        return truncated;
    }

    @Override
    public Entry next() {
        if (ended) {
            return null;
        }
        Entry e = current.next();
        if (e != null) {
            return e;
        }
        truncated |= current.truncatedTail();
        long down = current.lastMicros();
        boolean stopped = current.stopped();
        current.close();
        if (++index == segments.size()) {
            ended = true;
            return stopped || live ? null : new Entry.Vanished(clientId, down);
        }
        current = new LedgerStream(segments.get(index), lengths.get(index));
        return new Entry.Restarted(clientId, current.startMicros(), down, stopped);
    }

    @Override
    public void close() {
        current.close();
    }
}
