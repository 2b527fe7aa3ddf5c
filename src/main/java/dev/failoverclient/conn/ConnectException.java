package dev.failoverclient.conn;

import java.sql.SQLException;

/** Opening a connection failed; {@link #classification()} says why (never "maybe committed"). */
public final class ConnectException extends Exception {
    private final transient Classification classification;

    public ConnectException(String message, Classification classification, SQLException cause) {
        super(message, cause, false, false);
        this.classification = classification;
    }

    public Classification classification() {
        return classification;
    }

}
