package dev.failoverclient.conn;

import dev.failoverclient.config.ClientConfig;
import dev.failoverclient.config.Endpoint;
import java.util.List;

/**
 * Finds a server that accepts writes. With one endpoint (a Service or a proxy in front of the
 * primary) that is the server behind it; with several, the first whose {@code @@read_only} is 0,
 * so a client given every node follows a promotion by itself.
 */
public final class PrimaryLocator {
    private final Connector connector;
    private final List<Endpoint> endpoints;

    public PrimaryLocator(Connector connector, ClientConfig config) {
        this.connector = connector;
        this.endpoints = config.endpoints();
    }

    /**
     * Returns an open session on a writable server. Throws when none is writable: with cause
     * {@link Cause#READ_ONLY} if some server answered but all are read-only, otherwise the last
     * connect error (authentication and unknown-database errors are returned at once).
     */
    public Connector.Session locate() throws ConnectException {
        ConnectException last = null;
        boolean sawReadOnly = false;
        for (Endpoint endpoint : endpoints) {
            Connector.Session session;
            try {
                session = connector.open(endpoint);
            } catch (ConnectException e) {
                Cause cause = e.classification().cause();
                if (cause == Cause.ACCESS_DENIED || cause == Cause.UNKNOWN_DATABASE) {
                    throw e;
                }
                last = e;
                continue;
            }
            if (!session.identity().readOnly()) {
                return session;
            }
            sawReadOnly = true;
            session.close();
        }
        if (sawReadOnly) {
            throw new ConnectException("no writable server among " + endpoints + ": read_only=1 on "
                    + (endpoints.size() == 1 ? "it" : "every reachable one"),
                    new Classification(Cause.READ_ONLY, false, true), null);
        }
        throw last;
    }
}
