package dev.failoverclient.cli;

/** Exit codes of every command (ARCHITECTURE.md). */
final class ExitCode {
    static final int PASS = 0;
    static final int ANOMALY = 1;
    static final int USAGE = 2;
    static final int INCOMPLETE = 3;

    private ExitCode() {
    }
}
