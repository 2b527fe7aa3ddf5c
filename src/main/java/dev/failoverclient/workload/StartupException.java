package dev.failoverclient.workload;

import dev.failoverclient.ExitCode;
import dev.failoverclient.Failure;

/** The run could not start (server unreachable, authentication, schema): exit 3, one line naming cause and fix. */
public final class StartupException extends Failure {
    public StartupException(String message) {
        super(ExitCode.INCOMPLETE, message);
    }

    public StartupException(String message, Throwable cause) {
        super(ExitCode.INCOMPLETE, message, cause);
    }
}
