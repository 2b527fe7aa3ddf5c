package dev.failoverclient.config;

import dev.failoverclient.ExitCode;
import dev.failoverclient.Failure;

/** A setting that is missing or invalid (exit 2). The message is one line naming the setting and the fix. */
public final class ConfigException extends Failure {
    public ConfigException(String message) {
        super(ExitCode.USAGE, message);
    }

    public ConfigException(String message, Throwable cause) {
        super(ExitCode.USAGE, message, cause);
    }
}
