package dev.failoverclient;

/** The exit codes of every command, the one mapping from outcome to code (docs/ARCHITECTURE.md). */
public enum ExitCode {
    /** No lost, duplicate or unexpected write. */
    PASS(0),
    /** An anomaly: a lost, duplicate or unexpected write, or an online loss during the run. */
    ANOMALY(1),
    /** A usage or configuration error: bad flag or value, unusable run folder, unreadable ledger. */
    USAGE(2),
    /** Could not complete: a server could not be reached or read, the lab could not run. */
    INCOMPLETE(3);

    private final int code;

    ExitCode(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }
}
