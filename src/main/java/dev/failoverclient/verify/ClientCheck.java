package dev.failoverclient.verify;

import dev.failoverclient.ledger.Attempt;
import dev.failoverclient.ledger.LedgerException;
import dev.failoverclient.ledger.Outage;
import dev.failoverclient.ledger.OutageRule;
import dev.failoverclient.ledger.Outcome;
import dev.failoverclient.ledger.Sequences;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The checker of one client, Jepsen's set checker narrowed to sequences and run as a streaming
 * merge: the client's attempts (ascending sequences) walk forwards beside each node's stored rows,
 * so memory holds one chunk of rows per node and the anomalies as ranges, never the run. OK must be
 * present, FAILED absent, UNKNOWN may be either, nothing twice; a stored sequence the client never
 * attempted (inside its range) is unexpected.
 */
final class ClientCheck {
    private final String clientId;
    private final Node primary;
    private final List<Node> others;
    private final OutageRule outageRule;
    private final List<Outage> outages = new ArrayList<>();
    private RowCursor primaryRows;
    private final List<RowCursor> otherRows = new ArrayList<>();
    private final List<Finding> findings = new ArrayList<>();
    private final Sequences lost = new Sequences();
    private final Sequences duplicates = new Sequences();
    private final Sequences unexpected = new Sequences();
    private final Sequences partial = new Sequences();
    /** Per row of the attempt being settled that the primary lacks: the other nodes' rows there. */
    private final List<int[]> held = new ArrayList<>();
    private long partialTransactions;
    private int rowsPerAttempt = 1;
    private final TreeSet<Long> onlineLost = new TreeSet<>();
    private final LostWhere lostWhere;
    private long attempted;
    private long ok;
    private long failed;
    private long unknown;
    private long unknownCommitted;
    private long previous = Long.MIN_VALUE;
    private final TreeMap<Integer, Long> cycleStarts = new TreeMap<>();
    private int pendingCycle;

    /** What one other node holds, gathered during the walk. */
    private static final class Finding {
        final Sequences missing = new Sequences();
        final Sequences errant = new Sequences();
        final Sequences duplicates = new Sequences();
        final Sequences partial = new Sequences();
        long rows;
        /** Rows of the attempt being settled that this node holds. */
        int stored;
    }

    /** @param primary {@code null} when the rows cannot be read: only the ledger is summarised */
    ClientCheck(String clientId, Node primary, List<Node> others) {
        this.clientId = clientId;
        this.primary = primary;
        this.others = primary == null ? List.of() : others;
        this.outageRule = new OutageRule(clientId);
        this.lostWhere = new LostWhere(clientId, this.others);
        for (int i = 0; i < this.others.size(); i++) {
            findings.add(new Finding());
        }
    }

    void attempt(Attempt a) {
        long s = a.sequence();
        if (s <= previous) {
            throw new LedgerException("the ledger of " + clientId + " has sequence " + s + " after " + previous
                    + ": a ledger's attempts must ascend (was it appended to by another run?)");
        }
        if (primary != null) {
            if (primaryRows == null) {
                // Rows below the first attempt belong to earlier runs of this client id.
                primaryRows = new RowCursor(primary, clientId, s);
                others.forEach(n -> otherRows.add(new RowCursor(n, clientId, s)));
            }
            settleNeverAttemptedBelow(s);
            settleAttempt(a);
        }
        if (pendingCycle > 0) {
            cycleStarts.put(pendingCycle, s);
            pendingCycle = 0;
        }
        previous = a.lastSequence();
        rowsPerAttempt = Math.max(rowsPerAttempt, a.rows());
        attempted++;
        if (a.outcome() instanceof Outcome.Ok) {
            ok++;
        } else if (a.outcome() instanceof Outcome.Failed) {
            failed++;
        } else {
            unknown++;
        }
        Outage ended = outageRule.add(a);
        if (ended != null) {
            outages.add(ended);
        }
    }

    /** The client stopped at {@code atMicros} and was started again: an outage in progress ends there. */
    void clientStopped(long atMicros) {
        Outage cut = outageRule.clientStopped(atMicros);
        if (cut != null) {
            outages.add(cut);
        }
    }

    /** A lab fault of {@code cycle} happened: the next attempt is the cycle's first. */
    void cycleBegins(int cycle) {
        pendingCycle = cycle;
    }

    void losses(List<Long> sequences) {
        onlineLost.addAll(sequences);
    }

    ClientReport report() {
        Sequences online = new Sequences();
        onlineLost.forEach(online::add);
        List<ClientReport.ReplicaFinding> replicas = new ArrayList<>();
        for (int i = 0; i < others.size(); i++) {
            Finding f = findings.get(i);
            replicas.add(new ClientReport.ReplicaFinding(others.get(i).name(), f.rows, f.missing, f.errant,
                    f.duplicates, f.partial));
        }
        List<Outage> all = new ArrayList<>(outages);
        Outage open = outageRule.open();
        if (open != null) {
            all.add(open);
        }
        return new ClientReport(clientId, attempted, ok, failed, unknown, unknownCommitted, lost, duplicates,
                unexpected, online, all, replicas, cycleStarts, lostWhere.groups(), partial, partialTransactions,
                rowsPerAttempt);
    }

    /** Rows between the previous attempt and this one: sequences the client never attempted. */
    private void settleNeverAttemptedBelow(long sequence) {
        while (true) {
            long next = primaryRows.peek(sequence - 1);
            for (RowCursor c : otherRows) {
                next = Math.min(next, c.peek(sequence - 1));
            }
            if (next == RowCursor.NONE) {
                return;
            }
            settle(next, null);
        }
    }

    /**
     * Every row of one attempt, then the attempt as a whole: its rows are all stored or none (PARTIAL
     * otherwise); acknowledged and none stored is LOST, refused and all stored UNEXPECTED, unanswered
     * either way legitimately.
     */
    private void settleAttempt(Attempt a) {
        Outcome outcome = a.outcome();
        int stored = 0;
        for (long s = a.sequence(); s <= a.lastSequence(); s++) {
            stored += settle(s, outcome) > 0 ? 1 : 0;
        }
        for (Finding f : findings) {
            if (f.stored > 0 && f.stored < a.rows()) {
                f.partial.addRange(a.sequence(), a.lastSequence());
            }
            f.stored = 0;
        }
        if (stored > 0 && stored < a.rows()) {
            partial.addRange(a.sequence(), a.lastSequence());
            partialTransactions++;
        } else if (outcome instanceof Outcome.Ok && stored == 0) {
            lost.addRange(a.sequence(), a.lastSequence());
            for (long s = a.sequence(); s <= a.lastSequence(); s++) {
                lostWhere.add(s, held.get((int) (s - a.sequence())));
            }
        } else if (outcome instanceof Outcome.Unknown && stored == a.rows()) {
            unknownCommitted++;
        } else if (outcome instanceof Outcome.Failed && stored == a.rows()) {
            unexpected.addRange(a.sequence(), a.lastSequence());
        }
        held.clear();
    }

    /**
     * Classifies what every node holds at {@code sequence}; {@code outcome} null = never attempted (the
     * rows of an attempt are judged whole by {@link #settleAttempt}). Returns the primary's rows there.
     */
    private int settle(long sequence, Outcome outcome) {
        int onPrimary = primaryRows.take(sequence);
        int[] onNodes = new int[otherRows.size()];
        for (int i = 0; i < onNodes.length; i++) {
            onNodes[i] = otherRows.get(i).take(sequence);
        }
        if (onPrimary > 1) {
            duplicates.add(sequence);
        }
        if (outcome == null && onPrimary > 0) {
            unexpected.add(sequence); // never attempted, yet stored
        } else if (outcome instanceof Outcome.Ok && onPrimary == 0) {
            held.add(onNodes); // where it went, if the whole attempt turns out lost
        }
        for (int i = 0; i < onNodes.length; i++) {
            Finding f = findings.get(i);
            f.rows += onNodes[i];
            f.stored += outcome != null && onNodes[i] > 0 ? 1 : 0;
            if (outcome instanceof Outcome.Ok && onNodes[i] == 0) {
                f.missing.add(sequence);
            }
            if (onNodes[i] > 0 && onPrimary == 0) {
                f.errant.add(sequence);
            }
            if (onNodes[i] > 1) {
                f.duplicates.add(sequence);
            }
        }
        return onPrimary;
    }
}
