package dev.failoverclient.lab;

/** The lab could not start or continue; one line naming the cause and the fix. */
public final class LabException extends RuntimeException {
    public LabException(String message) {
        super(message, null, false, false);
    }

    public LabException(String message, Throwable cause) {
        super(message, cause, false, false);
    }
}
