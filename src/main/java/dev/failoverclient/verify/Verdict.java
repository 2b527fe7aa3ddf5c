package dev.failoverclient.verify;

/** The run's verdict and its exit code: PASS 0, FAIL 1, UNKNOWN 3 (a node could not be read). */
public enum Verdict {
    PASS(0), FAIL(1), UNKNOWN(3);

    private final int exitCode;

    Verdict(int exitCode) {
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }
}
