package dev.failoverclient.conn;

/** Why a connection or statement failed, as far as the client can tell. */
public enum Cause {
    /** 1290 / 1836: the server is read-only (a demoted or not yet promoted primary). */
    READ_ONLY,
    /** 1047: a Galera node outside the primary component. */
    NOT_READY,
    /** 1213: a deadlock, on Galera a certification failure at commit: rolled back, certainly not committed. */
    CONFLICT,
    /**
     * 1180: the server could not commit and rolled back (on Galera, a node that lost the Primary
     * component while committing): certainly not committed; the connection is left as for 1047.
     */
    COMMIT_FAILED,
    /** 1044 / 1045 / 1142 / 1227: the user lacks a login or a privilege. */
    ACCESS_DENIED,
    /** 1049: the database does not exist. */
    UNKNOWN_DATABASE,
    /** 1146: the table does not exist. */
    NO_TABLE,
    /**
     * TLS stopped the login: the server requires TLS or does not offer it, the handshake failed, or
     * a certificate (the server's, or the client's own) was refused. A configuration problem, or a
     * certificate rotation; never a network fault.
     */
    TLS,
    /** Nothing was sent: refused, unknown host, connect timeout. */
    UNREACHABLE,
    /** The connection broke after the statement was sent. */
    CONNECTION_LOST,
    /** No answer within the socket timeout. */
    TIMEOUT,
    /** 1053: the server is shutting down. */
    SERVER_SHUTDOWN,
    /** 1927: the connection was killed. */
    CONNECTION_KILLED,
    /** 25S03: the driver reconnected and replayed the statement. */
    REPLAYED,
    /** Any other error reported by the server for the statement. */
    SERVER_ERROR
}
