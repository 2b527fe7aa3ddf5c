package dev.failoverclient.verify;

import dev.failoverclient.ledger.SequenceRanges;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Where one client's lost writes went: consecutive LOST sequences held by the same set of other
 * nodes form a group; afterwards each group asks a node holding it for the GTIDs that wrote it.
 * Memory grows with the groups, not with the lost writes.
 */
final class LostWhere {
    /** GTIDs are looked up for at most this many lost writes per client; beyond that only the nodes are named. */
    static final long GTID_LOOKUP_LIMIT = 100_000;

    private final String clientId;
    private final List<Node> nodes;
    private final List<Group> groups = new ArrayList<>();

    private static final class Group {
        final long first;
        long last;
        final int[] holders;

        Group(long first, int[] holders) {
            this.first = first;
            this.last = first;
            this.holders = holders;
        }
    }

    LostWhere(String clientId, List<Node> nodes) {
        this.clientId = clientId;
        this.nodes = nodes;
    }

    /** A lost sequence and how many rows each other node holds for it (ascending sequences). */
    void add(long sequence, int[] onNodes) {
        int[] holders = java.util.stream.IntStream.range(0, onNodes.length).filter(i -> onNodes[i] > 0).toArray();
        Group last = groups.isEmpty() ? null : groups.get(groups.size() - 1);
        if (last != null && last.last == sequence - 1 && Arrays.equals(last.holders, holders)) {
            last.last = sequence;
        } else {
            groups.add(new Group(sequence, holders));
        }
    }

    List<ClientReport.Located> groups() {
        Map<Integer, Map<Long, Gtid>> found = lookUpGtids();
        List<ClientReport.Located> located = new ArrayList<>();
        for (Group g : groups) {
            List<String> names = Arrays.stream(g.holders).mapToObj(i -> nodes.get(i).name()).toList();
            String gtids = null;
            for (int i : g.holders) {
                Map<Long, Gtid> byNode = found.getOrDefault(i, Map.of());
                List<Gtid> in = new ArrayList<>();
                for (long s = g.first; s <= g.last; s++) {
                    Gtid gtid = byNode.get(s);
                    if (gtid != null) {
                        in.add(gtid);
                    }
                }
                if (!in.isEmpty()) {
                    Gtid min = in.stream().min(Gtid::compareTo).orElseThrow();
                    Gtid max = in.stream().max(Gtid::compareTo).orElseThrow();
                    gtids = min.equals(max) ? min.toString() : min + "…" + max;
                    break;
                }
            }
            located.add(new ClientReport.Located(new SequenceRanges.Range(g.first, g.last), names, gtids));
        }
        return located;
    }

    /** One binary log scan per node, for every lost sequence it holds (up to the limit). */
    private Map<Integer, Map<Long, Gtid>> lookUpGtids() {
        Map<Integer, List<SequenceRanges.Range>> wanted = new HashMap<>();
        long budget = GTID_LOOKUP_LIMIT;
        for (Group g : groups) {
            long size = g.last - g.first + 1;
            if (g.holders.length == 0 || size > budget) {
                continue;
            }
            budget -= size;
            for (int i : g.holders) {
                wanted.computeIfAbsent(i, k -> new ArrayList<>()).add(new SequenceRanges.Range(g.first, g.last));
            }
        }
        Map<Integer, Map<Long, Gtid>> found = new HashMap<>();
        wanted.forEach((i, ranges) -> found.put(i, nodes.get(i).gtids(clientId, ranges)));
        return found;
    }
}
