package dev.failoverclient.verify;

import dev.failoverclient.history.Entry;
import dev.failoverclient.ledger.Attempt;
import dev.failoverclient.ledger.Outcome;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every client's attempts over time in at most {@link #BUCKETS} buckets (a plot's pixel columns):
 * per bucket how many of each outcome and the latency range. The bucket width starts at a
 * millisecond and doubles, merging neighbours, whenever the run outgrows it, so memory is fixed
 * whatever the run's length and the attempts are seen once, in time order.
 */
public final class Timeline implements Check, Finding {
    public static final int BUCKETS = 1_000;
    private static final long FIRST_WIDTH_MICROS = 1_000;

    private final Map<String, Series> series = new LinkedHashMap<>();
    private long startMicros = -1;
    private long widthMicros = FIRST_WIDTH_MICROS;

    /** One client's buckets; latencies in milliseconds, NaN where a bucket has none. */
    public static final class Series {
        final int[] ok = new int[BUCKETS];
        final int[] failed = new int[BUCKETS];
        final int[] unknown = new int[BUCKETS];
        final float[] okMin = new float[BUCKETS];
        final float[] okMax = new float[BUCKETS];
        final float[] otherMax = new float[BUCKETS];

        Series() {
            java.util.Arrays.fill(okMin, Float.NaN);
            java.util.Arrays.fill(okMax, Float.NaN);
            java.util.Arrays.fill(otherMax, Float.NaN);
        }

        public int ok(int bucket) {
            return ok[bucket];
        }

        public int failed(int bucket) {
            return failed[bucket];
        }

        public int unknown(int bucket) {
            return unknown[bucket];
        }

        /** Fastest acknowledged write of the bucket, ms (NaN: none). */
        public float okMin(int bucket) {
            return okMin[bucket];
        }

        /** Slowest acknowledged write of the bucket, ms (NaN: none). */
        public float okMax(int bucket) {
            return okMax[bucket];
        }

        /** Slowest FAILED or UNKNOWN attempt of the bucket, ms (NaN: none). */
        public float otherMax(int bucket) {
            return otherMax[bucket];
        }

        private void merge(int to, int from) {
            ok[to] += ok[from];
            failed[to] += failed[from];
            unknown[to] += unknown[from];
            okMin[to] = min(okMin[to], okMin[from]);
            okMax[to] = max(okMax[to], okMax[from]);
            otherMax[to] = max(otherMax[to], otherMax[from]);
        }

        private void clear(int b) {
            ok[b] = 0;
            failed[b] = 0;
            unknown[b] = 0;
            okMin[b] = Float.NaN;
            okMax[b] = Float.NaN;
            otherMax[b] = Float.NaN;
        }
    }

    Timeline(List<String> clients) {
        clients.forEach(c -> series.put(c, new Series()));
    }

    @Override
    public void accept(Entry e) {
        if (e instanceof Entry.Attempted a) {
            add(a.attempt());
        }
    }

    @Override
    public Timeline finish(long runEndMicros) {
        return this;
    }

    private void add(Attempt a) {
        if (startMicros < 0) {
            startMicros = a.startMicros();
        }
        long offset = Math.max(0, a.startMicros() - startMicros);
        while (offset / widthMicros >= BUCKETS) {
            coarsen();
        }
        int b = (int) (offset / widthMicros);
        Series s = series.get(a.clientId());
        float ms = Math.max(0, a.latencyMicros()) / 1_000f;
        if (a.outcome() instanceof Outcome.Ok) {
            s.ok[b]++;
            s.okMin[b] = min(s.okMin[b], ms);
            s.okMax[b] = max(s.okMax[b], ms);
        } else {
            if (a.outcome() instanceof Outcome.Failed) {
                s.failed[b]++;
            } else {
                s.unknown[b]++;
            }
            s.otherMax[b] = max(s.otherMax[b], ms);
        }
    }

    /** Start of the first bucket (epoch µs), -1 for a run without attempts. */
    public long startMicros() {
        return startMicros;
    }

    public long widthMicros() {
        return widthMicros;
    }

    public Series series(String clientId) {
        return series.get(clientId);
    }

    private void coarsen() {
        for (Series s : series.values()) {
            // Bucket i takes 2i and 2i + 1: both at or after i, so neither is overwritten yet.
            for (int i = 0; i < BUCKETS / 2; i++) {
                if (i > 0) {
                    s.clear(i);
                    s.merge(i, 2 * i);
                }
                s.merge(i, 2 * i + 1);
            }
            for (int i = BUCKETS / 2; i < BUCKETS; i++) {
                s.clear(i);
            }
        }
        widthMicros *= 2;
    }

    private static float min(float a, float b) {
        return Float.isNaN(a) ? b : Float.isNaN(b) ? a : Math.min(a, b);
    }

    private static float max(float a, float b) {
        return Float.isNaN(a) ? b : Float.isNaN(b) ? a : Math.max(a, b);
    }
}
