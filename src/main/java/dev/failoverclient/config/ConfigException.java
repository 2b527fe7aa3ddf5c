package dev.failoverclient.config;

/** A setting that is missing or invalid. The message is one line that names the setting and the fix. */
public final class ConfigException extends RuntimeException {
    public ConfigException(String message) {
        super(message, null, false, false);
    }
}
