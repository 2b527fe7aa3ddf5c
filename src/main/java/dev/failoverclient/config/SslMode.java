package dev.failoverclient.config;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** How connections use TLS: Connector/J's {@code sslMode} values, spelled as users type them. */
public enum SslMode {
    /** Plain TCP; a server that requires TLS refuses the login. */
    DISABLE,
    /** Encrypted, the server's certificate not checked (protects from eavesdropping, not from impersonation). */
    TRUST,
    /** Encrypted, the certificate signed by a trusted CA; the host name not checked. */
    VERIFY_CA,
    /** Encrypted, the certificate signed by a trusted CA and issued for the host connected to. */
    VERIFY_FULL;

    /** As typed, and as Connector/J's {@code sslMode} takes it: {@code verify-full}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public boolean encrypted() {
        return this != DISABLE;
    }

    public boolean verifies() {
        return this == VERIFY_CA || this == VERIFY_FULL;
    }

    static SslMode parse(String text, String label) {
        String t = text.trim().toLowerCase(Locale.ROOT).replace('_', '-');
        for (SslMode m : values()) {
            if (m.label().equals(t)) {
                return m;
            }
        }
        throw Values.invalid(label, text.trim(), "one of "
                + Arrays.stream(values()).map(SslMode::label).collect(Collectors.joining(", ")));
    }
}
