package dev.failoverclient.verify;

import dev.failoverclient.ledger.SequenceRanges;
import java.util.List;
import java.util.Map;

/**
 * One server whose rows the analysis reads: the primary, a replica or a demoted primary. The
 * analysis asks for consecutive sequence ranges of one client as it walks the history, so an
 * implementation only ever holds one range.
 */
public interface Node {

    /** How reports name the node, e.g. {@code 127.0.0.1:3306 (server_id 2)}. */
    String name();

    /**
     * The stored sequences of exactly {@code clientId} in {@code [first, last]}, ascending, a
     * sequence stored twice listed twice.
     */
    long[] sequences(String clientId, long first, long last);

    /**
     * Where the node's binary log is readable: the GTID of the transaction that wrote each of the
     * given sequences of {@code clientId} (absent when not found). Default: not readable.
     */
    default Map<Long, Gtid> gtids(String clientId, List<SequenceRanges.Range> wanted) {
        return Map.of();
    }

    /** {@code @@gtid_binlog_state}: the last GTID per domain and server in its binary log; {@code null}: unknown. */
    default String gtidBinlogState() {
        return null;
    }
}
