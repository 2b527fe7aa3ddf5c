package dev.failoverclient.ledger;

import java.util.ArrayList;
import java.util.List;

/**
 * A set of sequences added in ascending order and kept as ranges, so a run that lost a million
 * consecutive writes costs one range, not a million numbers. Not thread-safe.
 */
public final class Sequences {
    private final List<SequenceRanges.Range> ranges = new ArrayList<>();
    private long count;
    private long first;
    private long last = Long.MIN_VALUE;

    /** Adds {@code sequence}, which must not be below the last one added (a repeat is ignored). */
    public void add(long sequence) {
        if (sequence < last) {
            throw new IllegalArgumentException("sequences must be ascending: " + sequence + " after " + last);
        }
        if (count > 0 && sequence == last) {
            return;
        }
        if (count > 0 && sequence == last + 1) {
            last = sequence;
        } else {
            close();
            first = sequence;
            last = sequence;
        }
        count++;
    }

    /** Adds {@code from} to {@code to} (ascending, as {@link #add}). */
    public void addRange(long from, long to) {
        for (long s = from; s <= to; s++) {
            add(s);
        }
    }

    /** The sequences of this set within {@code [first, last]}. */
    public Sequences within(long first, long last) {
        Sequences in = new Sequences();
        for (SequenceRanges.Range r : ranges()) {
            for (long x = Math.max(first, r.first()); x <= Math.min(last, r.last()); x++) {
                in.add(x);
            }
        }
        return in;
    }

    /** How many distinct sequences. */
    public long count() {
        return count;
    }

    public boolean isEmpty() {
        return count == 0;
    }

    /** The inclusive ranges, ascending. */
    public List<SequenceRanges.Range> ranges() {
        List<SequenceRanges.Range> all = new ArrayList<>(ranges);
        if (count > 0) {
            all.add(new SequenceRanges.Range(first, last));
        }
        return all;
    }


    /** The ranges as the summary writes them: {@code ["3-5", "9"]}. */
    public List<String> labels() {
        return ranges().stream().map(SequenceRanges.Range::toString).toList();
    }

    /** {@code 3-5, 9} with at most {@code limit} ranges, then {@code … (+N more ranges)}. */
    public String format(int limit) {
        return SequenceRanges.formatRanges(ranges(), limit);
    }

    @Override
    public String toString() {
        return format(10);
    }

    private void close() {
        if (count > 0) {
            ranges.add(new SequenceRanges.Range(first, last));
        }
    }
}
