package dev.failoverclient.conn;

/**
 * The classifier's decision about one error.
 *
 * @param maybeCommitted the statement was sent and no answer proves it did not commit (UNKNOWN)
 * @param dropConnection the connection must not be used again (broken, or on a read-only server)
 */
public record Classification(Cause cause, boolean maybeCommitted, boolean dropConnection) {
}
