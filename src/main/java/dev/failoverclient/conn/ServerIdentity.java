package dev.failoverclient.conn;

import dev.failoverclient.config.Endpoint;

/**
 * Who answered on a connection, read once when it opens.
 *
 * @param readOnly {@code @@global.read_only} at connect time: a non-SUPER user cannot write there
 */
public record ServerIdentity(Endpoint endpoint, String hostname, long serverId, String version, boolean readOnly) {
}
