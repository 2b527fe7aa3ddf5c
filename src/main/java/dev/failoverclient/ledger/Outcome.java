package dev.failoverclient.ledger;

/**
 * What the client was told about one attempt. {@link Ok}: acknowledged, must be stored.
 * {@link Failed}: certainly not committed, must not be stored. {@link Unknown}: sent without an
 * answer; either way is legitimate. Anything not proven uncommitted is {@link Unknown}.
 */
public sealed interface Outcome {

    /** The label used in the ledger and the summary: OK, FAILED or UNKNOWN. */
    String label();

    /** Acknowledged by the server with {@code @@server_id = serverId}. */
    record Ok(long serverId) implements Outcome {
        @Override
        public String label() {
            return "OK";
        }
    }

    /** Certainly not committed. {@code code} is the server's error number, 0 when none. */
    record Failed(int code, String sqlState, String message) implements Outcome {
        @Override
        public String label() {
            return "FAILED";
        }
    }

    /** Sent, but no answer arrived. {@code code} is the error number seen, 0 when none. */
    record Unknown(int code, String sqlState, String message) implements Outcome {
        /**
         * The outcome of a begin the ledger never saw the end of: the client itself stopped (was
         * killed) during the statement. Says nothing of the database.
         */
        public static final Unknown UNANSWERED = new Unknown(0, null,
                "no outcome recorded (client stopped during the statement)");

        @Override
        public String label() {
            return "UNKNOWN";
        }

        /** Whether the client stopped before any answer, rather than the database not answering. */
        public boolean unanswered() {
            return equals(UNANSWERED);
        }
    }
}
