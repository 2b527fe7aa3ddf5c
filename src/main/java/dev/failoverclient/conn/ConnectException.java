package dev.failoverclient.conn;

import java.sql.SQLException;

/** Opening a connection failed; {@link #classification()} says why (never "maybe committed"). */
public final class ConnectException extends Exception {
    private final transient Classification classification;
    private final int errorCode;

    ConnectException(String message, Classification classification, int errorCode, SQLException cause) {
        super(message, cause, false, false);
        this.classification = classification;
        this.errorCode = errorCode;
    }

    public Classification classification() {
        return classification;
    }

    public int errorCode() {
        return errorCode;
    }
}
