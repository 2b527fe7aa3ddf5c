package dev.failoverclient.workload;

import dev.failoverclient.conn.ServerIdentity;
import dev.failoverclient.conn.TlsSession;
import dev.failoverclient.ledger.Outcome;

/**
 * What one writer reports as it goes, for live views such as metrics. Called on the writer's own
 * thread, on the write loop's hot path (the read check's two on that check's own thread): an
 * implementation must be cheap, must not block and must be safe to call from two threads.
 */
public interface WriterListener {
    /** Listens to nothing. */
    WriterListener NONE = new WriterListener() {
    };

    /** The writer (re)connected to this server, over TLS or not ({@link TlsSession#encrypted()}). */
    default void connected(ServerIdentity server, TlsSession tls) {
    }

    /** The writer dropped its connection (broken, or on a read-only server). */
    default void disconnected() {
    }

    /** An attempt ended: {@code startMicros} is also the row's write_timestamp. */
    default void attempted(long sequence, long startMicros, long latencyNanos, Outcome outcome) {
    }

    /** The online loss check found {@code count} acknowledged writes missing. */
    default void lossFound(int count) {
    }

    /** The online check found {@code count} sequences stored twice. */
    default void duplicatesFound(int count) {
    }

    /** The online check found {@code count} refused (FAILED) writes stored. */
    default void unexpectedFound(int count) {
    }

    /** An acknowledged attempt showed on the read endpoint {@code delayMicros} after its acknowledgement. */
    default void visible(long delayMicros) {
    }

    /**
     * An acknowledged attempt was not shown where it was read: {@code own} (the writer's connection)
     * or the read endpoint.
     */
    default void staleRead(String where) {
    }
}
