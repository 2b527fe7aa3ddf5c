package dev.failoverclient.testsupport;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/**
 * A private database and non-SUPER user on the machine's MariaDB (127.0.0.1:3306, root without
 * password), dropped again on {@link #close()}. Tests never touch anything else on that server.
 */
public final class LocalServer implements AutoCloseable {
    public static final String HOST = "127.0.0.1";
    public static final int PORT = 3306;

    private final String database;
    private final String user;
    private final String password;

    public LocalServer() throws SQLException {
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
    }
}
