package dev.failoverclient.verify;

import dev.failoverclient.ledger.SequenceRanges;
import java.util.ArrayList;
import java.util.List;

/**
 * The seed's gap analysis for rows without a ledger: count, first and last sequence, missing
 * sequences as ranges, and duplicates. Without a ledger a gap is ambiguous: a refused write also
 * consumes a sequence. Told that every attempt was a transaction of N rows ({@code --transaction-rows}),
 * it also names the transactions stored in part: the client numbers them from sequence 1, N
 * sequences each, so a gap that starts or ends inside one cut it. Fed in ascending order; memory
 * grows with the number of gaps, not rows.
 */
public final class GapAnalysis {
    private final String clientId;
    private final int transactionRows;
    private final List<SequenceRanges.Range> gaps = new ArrayList<>();
    private final List<Long> duplicates = new ArrayList<>();
    private final List<SequenceRanges.Range> partial = new ArrayList<>();
    private long rows;
    private long first = -1;
    private long last = -1;
    private long missing;

    public GapAnalysis(String clientId) {
        this(clientId, 1);
    }

    /** @param transactionRows rows per attempt, each attempt one transaction of consecutive sequences */
    public GapAnalysis(String clientId, int transactionRows) {
        this.clientId = clientId;
        this.transactionRows = transactionRows;
    }

    /** Adds one stored sequence; sequences must come in ascending order. */
    public void add(long sequence) {
        if (rows > 0 && sequence < last) {
            throw new IllegalArgumentException("sequences must be ascending: " + sequence + " after " + last);
        }
        rows++;
        if (first < 0) {
            first = sequence;
            if (!startsTransaction(sequence)) {
                cut(sequence);
            }
        } else if (sequence == last) {
            if (duplicates.isEmpty() || duplicates.get(duplicates.size() - 1) != sequence) {
                duplicates.add(sequence);
            }
        } else if (sequence > last + 1) {
            gaps.add(new SequenceRanges.Range(last + 1, sequence - 1));
            missing += sequence - last - 1;
            if (!startsTransaction(last + 1)) {
                cut(last);
            }
            if (!startsTransaction(sequence)) {
                cut(sequence);
            }
        }
        last = sequence;
    }

    private boolean startsTransaction(long sequence) {
        return (sequence - 1) % transactionRows == 0;
    }

    /** The transaction holding {@code sequence} is stored in part. */
    private void cut(long sequence) {
        long start = (sequence - 1) / transactionRows * transactionRows + 1;
        if (partial.isEmpty() || partial.get(partial.size() - 1).first() != start) {
            partial.add(new SequenceRanges.Range(start, start + transactionRows - 1));
        }
    }

    public Result result() {
        if (rows > 0 && !startsTransaction(last + 1)) {
            cut(last);
        }
        return new Result(clientId, rows, first, last, missing, gaps, duplicates, transactionRows, partial);
    }

    /**
     * Every client's gaps: sequences stored twice, and transactions stored in part, fail the
     * verdict; missing ones leave it unknown, since a write the server refused also leaves a gap.
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

        public long partial() {
            return clients.stream().mapToLong(r -> r.partial().size()).sum();
        }

        /** Whether any client wrote transactions of several rows. */
        public boolean transactions() {
            return clients.stream().anyMatch(r -> r.transactionRows() > 1);
        }

        @Override
        public List<Reason> reasons() {
            Reason gaps = Reason.unknown("gaps", "missing sequences", missing());
            Reason duplicates = Reason.fails("duplicates", "duplicates", duplicates());
            return transactions() ? List.of(gaps, duplicates, Reason.fails("partial", "partial transactions", partial()))
                    : List.of(gaps, duplicates);
        }

        public Conclusion conclusion() {
            return Conclusion.of(SCOPE, reasons());
        }
    }

    /**
     * @param first           lowest stored sequence, -1 without rows
     * @param missing         sequences between first and last that are not stored
     * @param transactionRows rows per transaction the analysis was told of (1: none)
     * @param partial         the sequences of each transaction stored in part
     */
    public record Result(String clientId, long rows, long first, long last, long missing,
                         List<SequenceRanges.Range> gaps, List<Long> duplicates, int transactionRows,
                         List<SequenceRanges.Range> partial) {
        public Result {
            gaps = List.copyOf(gaps);
            duplicates = List.copyOf(duplicates);
            partial = List.copyOf(partial);
        }
    }
}
