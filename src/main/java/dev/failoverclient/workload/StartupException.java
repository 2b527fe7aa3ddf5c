package dev.failoverclient.workload;

/** The run could not start (server unreachable, authentication, schema). One line naming cause and fix. */
public final class StartupException extends Exception {
    public StartupException(String message) {
        super(message, null, false, false);
    }
}
