package dev.failoverclient.workload;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.SQLExceptionOverride;
import com.zaxxer.hikari.pool.HikariPool;
import dev.failoverclient.StopSignal;
import dev.failoverclient.config.ClientConfig;
import dev.failoverclient.conn.ConnectException;
import dev.failoverclient.conn.Connector;
import dev.failoverclient.conn.ErrorClassifier;
import dev.failoverclient.conn.PrimaryLocator;
import dev.failoverclient.conn.ServerIdentity;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * One HikariCP pool the writers of a process borrow from, configured as an application would: its
 * maximum size, autocommit off when the writers write transactions, and HikariCP's own defaults for
 * everything else (max lifetime, keepalive, connection timeout). The pool opens its connections through the primary discovery the writers use without a
 * pool, so every connection it opens goes to a writable server; which connection a writer gets, and
 * when one is retired, is the pool's business. By HikariCP's own rule a connection leaves the pool
 * only when it breaks, so one refused read-only (mariadb-operator #1509) keeps being handed out;
 * {@code evictOnReadOnly} installs the remedy applications need.
 *
 * <p>A borrow waits as long as HikariCP's connection timeout, as an application's request does, but
 * in slices, so that a stopping run does not wait for it ({@code HikariDataSource} offers no shorter
 * wait, so the pool is HikariCP's own {@link HikariPool}).
 */
final class WriterPool implements AutoCloseable {
    /** How long one slice of a borrow waits before the stop signal is looked at again. */
    private static final long SLICE_MILLIS = 250;

    private final HikariPool pool;
    private final long connectionTimeoutMillis;
    /** What answered on each physical connection the pool opened. */
    private final Map<Connection, ServerIdentity> identities = Collections.synchronizedMap(new WeakHashMap<>());

    WriterPool(ClientConfig config, PrimaryLocator locator) {
        HikariConfig c = new HikariConfig();
        c.setPoolName("failover-writers");
        c.setMaximumPoolSize(config.application().poolSize());
        c.setDataSource(new Opener(locator));
        // Fail when first borrowed, not when built: the writers wait for the server as they do without a pool.
        c.setInitializationFailTimeout(-1);
        // A transactional application's pool hands out connections outside autocommit (see Insert).
        c.setAutoCommit(config.application().transactionRows() == 1);
        if (config.application().evictOnReadOnly()) {
            c.setExceptionOverride(new EvictReadOnly());
        }
        c.validate();
        this.connectionTimeoutMillis = c.getConnectionTimeout();
        this.pool = new HikariPool(c);
    }

    /**
     * A connection from the pool and what answers on it (close its connection to give it back), or
     * {@code null} when the run stopped while the pool had none to give.
     *
     * @throws ConnectException the pool's connection timeout passed without a connection
     */
    Connector.Session borrow(StopSignal stop) throws ConnectException {
        long deadline = System.nanoTime() + connectionTimeoutMillis * 1_000_000;
        SQLException last;
        do {
            long left = (deadline - System.nanoTime()) / 1_000_000;
            try {
                Connection c = pool.getConnection(Math.max(1, Math.min(left, SLICE_MILLIS)));
                return new Connector.Session(c, identities.get(physical(c)));
            } catch (SQLTransientConnectionException e) {
                last = e;
            } catch (SQLException e) {
                throw new ConnectException("no connection from the pool: " + e.getMessage(),
                        ErrorClassifier.onConnect(e), e);
            }
            if (stop.requested()) {
                return null;
            }
        } while (System.nanoTime() < deadline);
        throw timedOut(last);
    }

    /** The pool's timeout, with why it could not open a connection (the cause HikariCP keeps). */
    private ConnectException timedOut(SQLException e) {
        Throwable cause = e.getCause();
        SQLException why = cause instanceof SQLException s ? s : e;
        String message = "no connection from the pool within its connection timeout (" + connectionTimeoutMillis
                + " ms)" + (cause == null ? "" : ": " + cause.getMessage());
        return new ConnectException(message, ErrorClassifier.onConnect(why), why);
    }

    /** The driver's own connection behind the pool's proxy: the same for every borrow of it. */
    static Connection physical(Connection borrowed) throws SQLException {
        return borrowed.unwrap(org.mariadb.jdbc.Connection.class);
    }

    @Override
    public void close() {
        try {
            pool.shutdown();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
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
        /** Set by HikariCP from its connection timeout; it waits this long for an opening connection at shutdown. */
        private volatile int loginTimeout;

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
            loginTimeout = seconds;
        }

        @Override
        public int getLoginTimeout() {
            return loginTimeout;
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
