package dev.failoverclient.verify;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

/**
 * The rows of one client found on one node, restricted to the run's sequence range
 * {@code [first, first + span)}: one bit per sequence plus the sequences stored more than once.
 * Memory is one bit per sequence of the range, whatever the table holds. Built by adding
 * sequences in ascending order, as an index range scan returns them.
 */
public final class NodeRows {
    private final long first;
    private final BitSet present = new BitSet();
    private final List<Long> duplicates = new ArrayList<>();
    private long rows;
    private long previous = Long.MIN_VALUE;
    private boolean previousDuplicated;

    public NodeRows(long first) {
        this.first = first;
    }

    /** Adds one stored row; sequences must come in ascending order. */
    public void add(long sequence) {
        if (sequence < previous) {
            throw new IllegalArgumentException("sequences must be ascending: " + sequence + " after " + previous);
        }
        rows++;
        if (sequence == previous) {
            if (!previousDuplicated) {
                duplicates.add(sequence);
                previousDuplicated = true;
            }
            return;
        }
        previous = sequence;
        previousDuplicated = false;
        present.set(Math.toIntExact(sequence - first));
    }

    /** Convenience for tests and small sets. */
    public static NodeRows of(long first, long... sequences) {
        NodeRows rows = new NodeRows(first);
        for (long s : java.util.Arrays.stream(sequences).sorted().toArray()) {
            rows.add(s);
        }
        return rows;
    }

    public boolean contains(long sequence) {
        long offset = sequence - first;
        return offset >= 0 && offset <= Integer.MAX_VALUE && present.get((int) offset);
    }

    /** Sequences stored more than once, ascending, each listed once. */
    public List<Long> duplicates() {
        return List.copyOf(duplicates);
    }

    /** Number of rows read (duplicates counted). */
    public long rows() {
        return rows;
    }

    /** Every distinct sequence present, ascending. */
    public long[] sequences() {
        return present.stream().mapToLong(i -> i + first).toArray();
    }
}
