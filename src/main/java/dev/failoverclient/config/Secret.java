package dev.failoverclient.config;

/**
 * A secret value (a password). Its {@link #toString()} never reveals the value, so it can be
 * logged, printed in a record's toString or put in an exception message without leaking.
 */
public final class Secret {
    private final String value;

    public Secret(String value) {
        this.value = value == null ? "" : value;
    }

    /** The clear value: pass it only to the JDBC driver. */
    public String reveal() {
        return value;
    }

    @Override
    public String toString() {
        return value.isEmpty() ? "(empty)" : "****";
    }
}
