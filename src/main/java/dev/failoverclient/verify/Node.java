package dev.failoverclient.verify;

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
}
