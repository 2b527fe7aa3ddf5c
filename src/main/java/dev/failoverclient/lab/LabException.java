package dev.failoverclient.lab;

import dev.failoverclient.ExitCode;
import dev.failoverclient.Failure;

/** The lab could not start or continue (exit 3); one line naming the cause and the fix. */
public final class LabException extends Failure {
    public LabException(String message) {
        super(ExitCode.INCOMPLETE, message);
    }

    public LabException(String message, Throwable cause) {
        super(ExitCode.INCOMPLETE, message, cause);
    }
}
