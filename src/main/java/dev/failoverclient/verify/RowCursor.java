package dev.failoverclient.verify;

/**
 * Walks one client's stored sequences on one node forwards, asking the node for one range of
 * {@link #CHUNK} sequences at a time and only when the walk reaches it.
 */
final class RowCursor {
    static final long CHUNK = 20_000;
    static final long NONE = Long.MAX_VALUE;
    private static final long[] EMPTY = new long[0];

    private final Node node;
    private final String clientId;
    private long from;
    private long[] chunk = EMPTY;
    private int pos;

    RowCursor(Node node, String clientId, long from) {
        this.node = node;
        this.clientId = clientId;
        this.from = from;
    }

    /** The next stored sequence not above {@code bound}, or {@link #NONE}. */
    long peek(long bound) {
        while (pos == chunk.length) {
            if (from > bound || from == NONE) {
                return NONE;
            }
            long to = from > NONE - CHUNK ? NONE - 1 : from + CHUNK - 1;
            chunk = node.sequences(clientId, from, to);
            pos = 0;
            from = to + 1;
        }
        return chunk[pos] <= bound ? chunk[pos] : NONE;
    }

    /** Consumes the rows holding exactly {@code sequence} and returns how many there were. */
    int take(long sequence) {
        int n = 0;
        while (peek(sequence) == sequence) {
            pos++;
            n++;
        }
        return n;
    }
}
