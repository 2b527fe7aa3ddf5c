package dev.failoverclient.verify;

import java.util.ArrayList;
import java.util.List;

/** A MariaDB global transaction id, {@code domain-server-sequence}. */
public record Gtid(long domain, long server, long sequence) implements Comparable<Gtid> {

    /** Parses {@code 0-1-123}; {@code null} when it is none. */
    public static Gtid parse(String text) {
        String[] p = text.trim().split("-");
        if (p.length != 3) {
            return null;
        }
        try {
            return new Gtid(Long.parseLong(p[0]), Long.parseLong(p[1]), Long.parseLong(p[2]));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** Parses a GTID list such as {@code @@gtid_binlog_state}: {@code 0-1-182,0-2-200}. */
    public static List<Gtid> parseList(String text) {
        List<Gtid> all = new ArrayList<>();
        if (text != null) {
            for (String part : text.split(",")) {
                Gtid g = parse(part);
                if (g != null) {
                    all.add(g);
                }
            }
        }
        return all;
    }

    /**
     * The transactions {@code node}'s binary log state has and {@code reference}'s lacks, as ranges
     * per domain and server: {@code 0-1-123…0-1-182}. Empty when either state is unknown.
     */
    public static List<String> missingFrom(String node, String reference) {
        List<String> ranges = new ArrayList<>();
        if (node == null || reference == null) {
            return ranges;
        }
        List<Gtid> ref = parseList(reference);
        for (Gtid g : parseList(node)) {
            long have = ref.stream().filter(r -> r.domain == g.domain && r.server == g.server)
                    .mapToLong(Gtid::sequence).max().orElse(0);
            if (g.sequence > have) {
                Gtid first = new Gtid(g.domain, g.server, have + 1);
                ranges.add(first.equals(g) ? g.toString() : first + "…" + g);
            }
        }
        return ranges;
    }

    @Override
    public int compareTo(Gtid o) {
        return domain != o.domain ? Long.compare(domain, o.domain) : server != o.server ? Long.compare(server, o.server)
                : Long.compare(sequence, o.sequence);
    }

    @Override
    public String toString() {
        return domain + "-" + server + "-" + sequence;
    }
}
