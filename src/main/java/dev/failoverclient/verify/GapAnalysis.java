package dev.failoverclient.verify;

import dev.failoverclient.ledger.SequenceRanges;
import java.util.ArrayList;
import java.util.List;

/**
 * The seed's gap analysis for rows without a ledger: count, first and last sequence, missing
 * sequences as ranges, and duplicates. Without a ledger a gap is ambiguous: a refused write also
 * consumes a sequence. Fed in ascending order; memory grows with the number of gaps, not rows.
 */
public final class GapAnalysis {
    private final String clientId;
    private final List<SequenceRanges.Range> gaps = new ArrayList<>();
    private final List<Long> duplicates = new ArrayList<>();
    private long rows;
    private long first = -1;
    private long last = -1;
    private long missing;

    public GapAnalysis(String clientId) {
        this.clientId = clientId;
    }

    /** Adds one stored sequence; sequences must come in ascending order. */
    public void add(long sequence) {
        if (rows > 0 && sequence < last) {
            throw new IllegalArgumentException("sequences must be ascending: " + sequence + " after " + last);
        }
        rows++;
        if (first < 0) {
            first = sequence;
        } else if (sequence == last) {
            if (duplicates.isEmpty() || duplicates.get(duplicates.size() - 1) != sequence) {
                duplicates.add(sequence);
            }
        } else if (sequence > last + 1) {
            gaps.add(new SequenceRanges.Range(last + 1, sequence - 1));
            missing += sequence - last - 1;
        }
        last = sequence;
    }

    public Result result() {
        return new Result(clientId, rows, first, last, missing, gaps, duplicates);
    }

    /**
     * Every client's gaps: sequences stored twice fail the verdict; missing ones leave it unknown,
     * since a write the server refused also leaves a gap.
     */
    public record Gaps(List<Result> clients) implements Finding {
        /** What the verdict line names the verdict about. */
        public static final String SCOPE = "no ledger";

        public Gaps {
            clients = List.copyOf(clients);
        }

        public long missing() {
            return clients.stream().mapToLong(Result::missing).sum();
        }

        public long duplicates() {
            return clients.stream().mapToLong(r -> r.duplicates().size()).sum();
        }

        @Override
        public List<Reason> reasons() {
            return List.of(Reason.unknown("gaps", "missing sequences", missing()),
                    Reason.fails("duplicates", "duplicates", duplicates()));
        }

        public Conclusion conclusion() {
            return Conclusion.of(SCOPE, reasons());
        }
    }

    /**
     * @param first   lowest stored sequence, -1 without rows
     * @param missing sequences between first and last that are not stored
     */
    public record Result(String clientId, long rows, long first, long last, long missing,
                         List<SequenceRanges.Range> gaps, List<Long> duplicates) {
        public Result {
            gaps = List.copyOf(gaps);
            duplicates = List.copyOf(duplicates);
        }
    }
}
