package dev.failoverclient.workload;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.SQLExceptionOverride;
import dev.failoverclient.config.ClientConfig;
import dev.failoverclient.conn.ConnectException;
import dev.failoverclient.conn.Connector;
import dev.failoverclient.conn.ErrorClassifier;
import dev.failoverclient.conn.PrimaryLocator;
import dev.failoverclient.conn.ServerIdentity;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * One HikariCP pool the writers of a process borrow from, configured as an application would: its
 * maximum size, and HikariCP's own defaults for everything else (max lifetime, keepalive, connection
 * timeout). The pool opens its connections through the primary discovery the writers use without a
 * pool, so every connection it opens goes to a writable server; which connection a writer gets, and
 * when one is retired, is the pool's business. By HikariCP's own rule a connection leaves the pool
 * only when it breaks, so one refused read-only (mariadb-operator #1509) keeps being handed out;
 * {@code evictOnReadOnly} installs the remedy applications need.
 */
final class WriterPool implements AutoCloseable {
    private final HikariDataSource pool;
    /** What answered on each physical connection the pool opened. */
    private final Map<Connection, ServerIdentity> identities = Collections.synchronizedMap(new WeakHashMap<>());

    WriterPool(ClientConfig config, PrimaryLocator locator) {
        HikariConfig c = new HikariConfig();
        c.setPoolName("failover-writers");
        c.setMaximumPoolSize(config.application().poolSize());
        c.setDataSource(new Opener(locator));
        // Fail when first borrowed, not when built: the writers wait for the server as they do without a pool.
        c.setInitializationFailTimeout(-1);
        if (config.application().evictOnReadOnly()) {
            c.setExceptionOverride(new EvictReadOnly());
        }
        this.pool = new HikariDataSource(c);
    }

    /** A connection from the pool and what answers on it; close its connection to give it back. */
    Connector.Session borrow() throws ConnectException {
        try {
            Connection c = pool.getConnection();
            ServerIdentity id = identities.get(physical(c));
            return new Connector.Session(c, id);
        } catch (SQLException e) {
            // HikariCP says it timed out; the cause says why the pool could not open one.
            String why = e.getCause() == null || e.getCause() == e ? "" : ": " + e.getCause().getMessage();
            throw new ConnectException("no connection from the pool: " + e.getMessage() + why,
                    ErrorClassifier.onConnect(e), e);
        }
    }

    /** The driver's own connection behind the pool's proxy: the same for every borrow of it. */
    static Connection physical(Connection borrowed) throws SQLException {
        return borrowed.unwrap(org.mariadb.jdbc.Connection.class);
    }

    @Override
    public void close() {
        pool.close();
    }

    /**
     * Evicts a connection refused because its server is read-only or, on Galera, outside the Primary
     * component (1290, 1836, 1047), besides HikariCP's own rule for broken ones.
     */
    static final class EvictReadOnly implements SQLExceptionOverride {
        @java.lang.Override // the interface's own Override, the verdict type, hides the annotation's name
        public Override adjudicate(SQLException e) {
            return ErrorClassifier.refusesAsNoPrimary(e.getErrorCode()) ? Override.MUST_EVICT : Override.CONTINUE_EVICT;
        }
    }

    /** The pool's connections, opened by primary discovery; each one's identity remembered. */
    private final class Opener implements DataSource {
        private final PrimaryLocator locator;

        Opener(PrimaryLocator locator) {
            this.locator = locator;
        }

        @Override
        public Connection getConnection() throws SQLException {
            try {
                Connector.Session s = locator.locate();
                identities.put(physical(s.connection()), s.identity());
                return s.connection();
            } catch (ConnectException e) {
                throw new SQLException(e.getMessage(), "08001", e);
            }
        }

        @Override
        public Connection getConnection(String user, String password) throws SQLException {
            throw new SQLException("the writers' pool opens connections as the configured user only");
        }

        @Override
        public PrintWriter getLogWriter() {
            return null;
        }

        @Override
        public void setLogWriter(PrintWriter out) {
        }

        @Override
        public void setLoginTimeout(int seconds) {
        }

        @Override
        public int getLoginTimeout() {
            return 0;
        }

        @Override
        public Logger getParentLogger() {
            return Logger.getLogger("dev.failoverclient");
        }

        @Override
        public <T> T unwrap(Class<T> type) throws SQLException {
            throw new SQLException("not a wrapper");
        }

        @Override
        public boolean isWrapperFor(Class<?> type) {
            return false;
        }
    }
}
