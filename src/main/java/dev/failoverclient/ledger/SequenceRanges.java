package dev.failoverclient.ledger;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/** Compresses sequences into inclusive ranges: {@code 3, 4, 5, 9} becomes {@code [3, 5], [9, 9]}. */
public final class SequenceRanges {
    private SequenceRanges() {
    }

    /** An inclusive range of sequences. */
    public record Range(long first, long last) {
        public long size() {
            return last - first + 1;
        }

        @Override
        public String toString() {
            return first == last ? Long.toString(first) : first + "-" + last;
        }
    }

    /** The ranges of {@code sequences}, which must be ascending (duplicates are merged). */
    public static List<Range> of(Collection<Long> sequences) {
        List<Range> ranges = new ArrayList<>();
        long first = 0;
        long last = 0;
        boolean open = false;
        for (long s : sequences) {
            if (open && s <= last + 1) {
                last = Math.max(last, s);
                continue;
            }
            if (open) {
                ranges.add(new Range(first, last));
            }
            first = s;
            last = s;
            open = true;
        }
        if (open) {
            ranges.add(new Range(first, last));
        }
        return ranges;
    }

    /** {@code 3-5, 9} with at most {@code limit} ranges, then {@code … (+N more ranges)}. */
    public static String format(Collection<Long> sequences, int limit) {
        return formatRanges(of(sequences), limit);
    }

    /** The same for ranges already made. */
    public static String formatRanges(List<Range> ranges, int limit) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < Math.min(limit, ranges.size()); i++) {
            b.append(i == 0 ? "" : ", ").append(ranges.get(i));
        }
        if (ranges.size() > limit) {
            b.append(", … (+").append(ranges.size() - limit).append(" more ranges)");
        }
        return b.toString();
    }
}
