package dev.failoverclient.conn;

import dev.failoverclient.config.ClientConfig;
import dev.failoverclient.config.Endpoint;
import dev.failoverclient.config.Tls;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import org.mariadb.jdbc.Driver;

/**
 * Opens connections to one endpoint with the configured connect and socket timeouts (Connector/J's
 * own default is no socket timeout, which hangs a client on a stalled server) and reads the
 * server's identity in the same round trip that proves the connection works. The password travels
 * only in the driver's properties, never in the URL, so it is in no error message.
 */
public final class Connector {
    /**
     * Galera's readiness is a status, not a variable, and servers built with Galera report it OFF when
     * Galera is off: read from information_schema where {@code wsrep_on} is ON, NULL elsewhere.
     */
    private static final String IDENTITY_QUERY =
            "SELECT @@hostname, @@server_id, VERSION(), @@global.read_only, (SELECT s.VARIABLE_VALUE FROM"
                    + " information_schema.GLOBAL_STATUS s JOIN information_schema.GLOBAL_VARIABLES v"
                    + " ON v.VARIABLE_NAME = 'WSREP_ON' AND v.VARIABLE_VALUE = 'ON' WHERE s.VARIABLE_NAME = 'WSREP_READY')";

    private final ClientConfig config;
    private final Driver driver = new Driver();

    public Connector(ClientConfig config) {
        this.config = config;
    }

    /** An open autocommit connection and the identity of the server behind it. */
    public record Session(Connection connection, ServerIdentity identity) implements AutoCloseable {
        /** Closes quietly: used when the connection is already suspect. */
        @Override
        public void close() {
            try {
                connection.close();
            } catch (SQLException ignored) {
                // the connection is being discarded; there is nothing left to do with it
            }
        }
    }

    public Session open(Endpoint endpoint) throws ConnectException {
        Properties props = new Properties();
        props.setProperty("user", config.user());
        props.setProperty("password", config.password().reveal());
        tlsProperties(props);
        Connection c = null;
        try {
            c = driver.connect(url(endpoint), props);
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(IDENTITY_QUERY)) {
                rs.next();
                String ready = rs.getString(5);
                ServerIdentity id = new ServerIdentity(endpoint, rs.getString(1), rs.getLong(2), rs.getString(3),
                        rs.getLong(4) != 0, ready == null ? null : ready.equalsIgnoreCase("ON"));
                return new Session(c, id);
            }
        } catch (SQLException e) {
            if (c != null) {
                new Session(c, null).close();
            }
            Classification cls = ErrorClassifier.onConnect(e);
            throw new ConnectException(describe(endpoint, cls.cause(), e), cls, e);
        }
    }

    String url(Endpoint endpoint) {
        return "jdbc:mariadb://" + endpoint.host() + ":" + endpoint.port() + "/" + config.database()
                + "?connectTimeout=" + config.connectTimeout().toMillis()
                + "&socketTimeout=" + config.socketTimeout().toMillis()
                + "&tcpKeepAlive=true";
    }

    /**
     * Passed as properties, not in the URL: paths need no escaping there. A client certificate goes
     * through {@link ClientCertificatePlugin}, which reads PEM files.
     */
    private void tlsProperties(Properties props) {
        Tls tls = config.tls();
        props.setProperty("sslMode", tls.mode().label());
        if (tls.ca() != null) {
            props.setProperty("serverSslCert", tls.ca().toString());
        }
        if (tls.cert() != null) {
            props.setProperty("tlsSocketType", ClientCertificatePlugin.TYPE);
            props.setProperty(ClientCertificatePlugin.CERT, tls.cert().toString());
            props.setProperty(ClientCertificatePlugin.KEY, tls.key().toString());
        }
    }

    /** One line naming the server, the cause and the fix. */
    private String describe(Endpoint endpoint, Cause cause, SQLException e) {
        String server = "MariaDB at " + endpoint;
        return switch (cause) {
            case ACCESS_DENIED -> e.getErrorCode() == 1044
                    ? "user '" + config.user() + "' may not use database '" + config.database() + "' on " + server
                    + " (it may not exist): create it and grant access, or choose another with --database/MARIADB_DATABASE"
                    : "authentication failed for user '" + config.user() + "' at " + endpoint
                    + ": check --user/MARIADB_USER and the password (--password, MARIADB_PASSWORD or --password-file)"
                    + (config.tls().cert() == null ? "; a user created with REQUIRE SSL or X509 also needs"
                    + " --ssl-mode, and --ssl-cert/--ssl-key" : "");
            case TLS -> TlsProblem.describe(server, e, config.tls());
            case UNKNOWN_DATABASE -> "database '" + config.database() + "' does not exist on " + server
                    + ": create it or choose another with --database/MARIADB_DATABASE";
            case UNREACHABLE -> "cannot reach " + server + ": " + Messages.clean(e.getMessage())
                    + " (check --host/--port and that the server is running)";
            default -> "cannot connect to " + server + ": " + Messages.errorTuple(e);
        };
    }
}
