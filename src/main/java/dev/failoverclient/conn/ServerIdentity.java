package dev.failoverclient.conn;

import dev.failoverclient.config.Endpoint;

/**
 * Who answered on a connection, read once when it opens.
 *
 * @param readOnly   {@code @@global.read_only} at connect time: a non-SUPER user cannot write there
 * @param wsrepReady a Galera node's {@code wsrep_ready} (OFF outside the Primary component, where every
 *                   write is refused with 1047); {@code null} on a server that is no Galera node
 */
public record ServerIdentity(Endpoint endpoint, String hostname, long serverId, String version, boolean readOnly,
                             Boolean wsrepReady) {

    public ServerIdentity(Endpoint endpoint, String hostname, long serverId, String version, boolean readOnly) {
        this(endpoint, hostname, serverId, version, readOnly, null);
    }

    /** A user without SUPER can write there: not read-only and, on Galera, in the Primary component. */
    public boolean writable() {
        return !readOnly && !Boolean.FALSE.equals(wsrepReady);
    }

    public boolean galera() {
        return wsrepReady != null;
    }
}
