package dev.failoverclient.conn;

/**
 * Whether a connection is encrypted, as the server sees it: the session's {@code Ssl_version} and
 * {@code Ssl_cipher}, read with the {@link ServerSettings} when a writer connects.
 *
 * @param protocol e.g. {@code TLSv1.3}; {@code null} when not encrypted
 */
public record TlsSession(String protocol, String cipher) {
    public static final TlsSession NONE = new TlsSession(null, null);

    public boolean encrypted() {
        return protocol != null;
    }

    /** From the status values, empty on a plain connection. */
    static TlsSession of(String protocol, String cipher) {
        return protocol == null || protocol.isEmpty() ? NONE : new TlsSession(protocol, cipher);
    }
}
