package dev.failoverclient.verify;

import dev.failoverclient.history.Entry;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * What reading the acknowledged writes back found ({@code --read-check}): every stale read (a write
 * not shown by the read endpoint within the read-check timeout, or, worse, not by the writer's own
 * connection), and per read endpoint how long the writes took to show. A write its own connection
 * did not show is an anomaly (STALE_READ): read-your-writes is what an application relies on.
 *
 * @param stale       stale reads, at most {@link #KEPT} kept (the counts are exact)
 * @param visibility  per read endpoint, the delay from acknowledgement to visible, µs
 */
public record Reads(long staleOwn, long staleEndpoint, List<Entry.StaleRead> stale, Map<String, Histogram> visibility)
        implements Finding {
    static final int KEPT = 1_000;
    /** Where the writer's own connection is named in the stale reads. */
    public static final String OWN = "own";

    public Reads {
        stale = List.copyOf(stale);
        visibility = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(visibility));
    }

    public long staleReads() {
        return staleOwn + staleEndpoint;
    }

    /** Every endpoint's delays together. */
    public Histogram allVisibility() {
        Histogram all = new Histogram(3);
        visibility.values().forEach(all::add);
        return all;
    }

    @Override
    public List<Reason> reasons() {
        return staleOwn == 0 ? List.of() : List.of(Reason.fails("stale_read", "stale reads of own writes", staleOwn));
    }

    /** Collects the writers' read-check records; nothing when no writer read back. */
    static final class Collector implements Check {
        private boolean readCheck;
        private long staleOwn;
        private long staleEndpoint;
        private final List<Entry.StaleRead> stale = new ArrayList<>();
        private final Map<String, Histogram> visibility = new LinkedHashMap<>();

        @Override
        public void accept(Entry e) {
            if (e instanceof Entry.Setup s) {
                readCheck |= s.readCheck();
            } else if (e instanceof Entry.StaleRead r) {
                if (r.endpoint().equals(OWN)) {
                    staleOwn++;
                } else {
                    staleEndpoint++;
                }
                if (stale.size() < KEPT) {
                    stale.add(r);
                }
            } else if (e instanceof Entry.Visibility v) {
                visibility.computeIfAbsent(v.endpoint(), k -> new Histogram(3)).add(v.delayMicros());
            }
        }

        @Override
        public Reads finish(long runEndMicros) {
            return readCheck ? new Reads(staleOwn, staleEndpoint, stale, visibility) : null;
        }
    }
}
