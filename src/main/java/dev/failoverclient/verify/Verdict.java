package dev.failoverclient.verify;

import dev.failoverclient.ExitCode;

/** The run's verdict and the exit code it ends with. */
public enum Verdict {
    PASS(ExitCode.PASS), FAIL(ExitCode.ANOMALY), UNKNOWN(ExitCode.INCOMPLETE);

    private final ExitCode exitCode;

    Verdict(ExitCode exitCode) {
        this.exitCode = exitCode;
    }

    public ExitCode exitCode() {
        return exitCode;
    }
}
