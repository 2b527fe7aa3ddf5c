package dev.failoverclient.conn;

import dev.failoverclient.ledger.SequenceRanges;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds which GTID wrote a row, from a node's binary log: each transaction's {@code Gtid} event is
 * followed by the {@code Annotate_rows} event that quotes the INSERT (MariaDB's default
 * {@code binlog_annotate_row_events=ON}; the driver sends the values inline). Needs the BINLOG
 * MONITOR privilege. Scans the newest binary log first and stops once every wanted row is found or
 * after {@link #EVENT_BUDGET} events: lost writes are usually at the end, on a diverged branch.
 */
public final class BinlogReader {
    static final long EVENT_BUDGET = 2_000_000;
    private static final int PAGE = 10_000;
    private static final Pattern GTID = Pattern.compile("GTID (\\d+-\\d+-\\d+)");
    private static final Pattern VALUES = Pattern.compile(
            "(?i)INSERT INTO\\s+`?failover_test`?.*?VALUES\\s*\\(\\s*'((?:[^'\\\\]|\\\\.|'')*)'\\s*,\\s*(\\d+)\\s*,", Pattern.DOTALL);

    private BinlogReader() {
    }

    /**
     * @return the GTID ({@code 0-1-123}) of each wanted sequence of {@code clientId} found
     * @throws SQLException when the binary log cannot be read (no privilege, binary log off)
     */
    public static Map<Long, String> gtids(Connection c, String clientId, List<SequenceRanges.Range> wanted)
            throws SQLException {
        Map<Long, String> found = new HashMap<>();
        long total = wanted.stream().mapToLong(SequenceRanges.Range::size).sum();
        List<String> files = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SHOW BINARY LOGS")) {
            while (rs.next()) {
                files.add(rs.getString(1));
            }
        }
        long scanned = 0;
        for (int f = files.size() - 1; f >= 0 && found.size() < total && scanned < EVENT_BUDGET; f--) {
            String gtid = null;
            try (PreparedStatement ps = c.prepareStatement("SHOW BINLOG EVENTS IN ? LIMIT ?, ?")) {
                for (long offset = 0; ; offset += PAGE) {
                    ps.setString(1, files.get(f));
                    ps.setLong(2, offset);
                    ps.setInt(3, PAGE);
                    int n = 0;
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            n++;
                            String type = rs.getString("Event_type");
                            String info = rs.getString("Info");
                            if ("Gtid".equals(type)) {
                                Matcher m = GTID.matcher(info);
                                gtid = m.find() ? m.group(1) : null;
                            } else if ("Annotate_rows".equals(type) && gtid != null) {
                                record(info, clientId, wanted, gtid, found);
                            }
                        }
                    }
                    scanned += n;
                    if (n < PAGE || scanned >= EVENT_BUDGET) {
                        break;
                    }
                }
            }
        }
        return found;
    }

    private static void record(String statement, String clientId, List<SequenceRanges.Range> wanted, String gtid,
                               Map<Long, String> found) {
        Matcher m = VALUES.matcher(statement);
        if (!m.find() || !unquote(m.group(1)).equals(clientId)) {
            return;
        }
        long seq = Long.parseLong(m.group(2));
        if (wanted.stream().anyMatch(r -> r.first() <= seq && seq <= r.last())) {
            found.put(seq, gtid);
        }
    }

    /** Undoes the driver's quoting: backslash escapes, or doubled quotes under NO_BACKSLASH_ESCAPES. */
    static String unquote(String quoted) {
        StringBuilder b = new StringBuilder(quoted.length());
        for (int i = 0; i < quoted.length(); i++) {
            char ch = quoted.charAt(i);
            if ((ch == '\\' || ch == '\'') && i + 1 < quoted.length()) {
                char next = quoted.charAt(++i);
                b.append(ch == '\\' ? switch (next) {
                    case '0' -> '\0';
                    case 'n' -> '\n';
                    case 'r' -> '\r';
                    case 'Z' -> (char) 26;
                    default -> next;
                } : next);
            } else {
                b.append(ch);
            }
        }
        return b.toString();
    }
}
