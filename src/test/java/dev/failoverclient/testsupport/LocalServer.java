package dev.failoverclient.testsupport;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A private database and non-SUPER user on the machine's MariaDB (127.0.0.1:3306, root without
 * password), dropped again on {@link #close()}. Tests never touch anything else on that server.
 * As a JUnit extension ({@code @RegisterExtension LocalServer server = LocalServer.extension()}) it
 * is made before and dropped after each test, or, in a static field, once for the test class.
 */
public final class LocalServer implements AutoCloseable, BeforeAllCallback, AfterAllCallback, BeforeEachCallback,
        AfterEachCallback {
    public static final String HOST = "127.0.0.1";
    public static final int PORT = 3306;

    private String database;
    private String user;
    private String password;
    private boolean perTest;

    /** Creates the database and user now; close it to drop them. */
    public LocalServer() throws SQLException {
        create();
    }

    private LocalServer(boolean later) {
    }

    /** The database and user, made and dropped by JUnit around each test (or the class, in a static field). */
    public static LocalServer extension() {
        return new LocalServer(true);
    }

    @Override
    public void beforeAll(ExtensionContext context) throws SQLException {
        create();
    }

    @Override
    public void beforeEach(ExtensionContext context) throws SQLException {
        if (database == null) {
            create();
            perTest = true;
        }
    }

    @Override
    public void afterEach(ExtensionContext context) throws SQLException {
        if (perTest) {
            close();
        }
    }

    @Override
    public void afterAll(ExtensionContext context) throws SQLException {
        if (database != null) {
            close();
        }
    }

    private void create() throws SQLException {
        String suffix = UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        this.database = "fct_" + suffix;
        this.user = "fct_" + suffix;
        this.password = "pw-" + suffix;
        root("CREATE DATABASE " + database,
                "CREATE USER '" + user + "'@'127.0.0.1' IDENTIFIED BY '" + password + "'",
                "CREATE USER '" + user + "'@'localhost' IDENTIFIED BY '" + password + "'",
                "GRANT ALL ON " + database + ".* TO '" + user + "'@'127.0.0.1'",
                "GRANT ALL ON " + database + ".* TO '" + user + "'@'localhost'");
    }

    public String database() {
        return database;
    }

    public String user() {
        return user;
    }

    public String password() {
        return password;
    }

    /** A root connection with this test's database selected. */
    public Connection rootConnection() throws SQLException {
        return DriverManager.getConnection("jdbc:mariadb://" + HOST + ":" + PORT + "/" + database, "root", "");
    }

    /** Runs statements as root in this test's database. */
    public void root(String... statements) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:mariadb://" + HOST + ":" + PORT + "/", "root", "");
             Statement s = c.createStatement()) {
            for (String sql : statements) {
                s.execute(sql.replace("${db}", database));
            }
        }
    }

    @Override
    public void close() throws SQLException {
        root("DROP DATABASE IF EXISTS " + database,
                "DROP USER IF EXISTS '" + user + "'@'127.0.0.1'",
                "DROP USER IF EXISTS '" + user + "'@'localhost'");
        database = null;
    }
}
