package dev.failoverclient;

/**
 * Why a command cannot go on: a one-line message naming what is wrong and how to fix it, the exit
 * code it ends with, and the underlying cause (printed only with {@code --debug}). Main is the one
 * place that turns it into {@code error: <message>} on stderr and the exit code.
 */
public class Failure extends RuntimeException {
    private final ExitCode exitCode;

    public Failure(ExitCode exitCode, String message) {
        this(exitCode, message, null);
    }

    public Failure(ExitCode exitCode, String message, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    public ExitCode exitCode() {
        return exitCode;
    }
}
