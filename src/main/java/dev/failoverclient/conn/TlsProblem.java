package dev.failoverclient.conn;

import dev.failoverclient.config.ConfigException;
import dev.failoverclient.config.Tls;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.sql.SQLException;

/**
 * One line for a login that TLS stopped ({@link Cause#TLS}): what the server or the certificate
 * check said, and which option fixes it. A certificate that stops verifying in the middle of a run
 * is most often a rotation, so the untrusted-CA line says so.
 */
final class TlsProblem {
    private TlsProblem() {
    }

    static String describe(String server, SQLException e, Tls tls) {
        String ca = tls.ca() == null ? "the JVM's trusted CAs (no --ssl-ca given)" : "--ssl-ca " + tls.ca();
        String message = e.getMessage() == null ? "" : e.getMessage();
        if (ErrorClassifier.requiresTls(e)) {
            return server + " requires TLS (require_secure_transport=ON) and --ssl-mode is " + tls.mode().label()
                    + ": connect with --ssl-mode verify-full --ssl-ca <CA bundle> (with mariadb-operator: the"
                    + " <name>-ca-bundle secret's ca.crt), or --ssl-mode trust to encrypt without checking the"
                    + " certificate";
        }
        if (message.contains(ErrorClassifier.DRIVER_NO_TLS)) {
            return server + " does not offer TLS but --ssl-mode is " + tls.mode().label()
                    + ": enable TLS on the server (ssl_cert, ssl_key), or connect with --ssl-mode disable";
        }
        if (message.contains(ErrorClassifier.DRIVER_HOSTNAME)) {
            return "the TLS certificate of " + server + " is not issued for the host name connected to: connect by"
                    + " a name it lists (with mariadb-operator: the MariaDB's Service names), or use --ssl-mode"
                    + " verify-ca to check the CA only";
        }
        ConfigException config = find(e, ConfigException.class);
        if (config != null) {
            return config.getMessage();
        }
        CertificateExpiredException expired = find(e, CertificateExpiredException.class);
        if (expired != null || find(e, CertificateNotYetValidException.class) != null) {
            return "the TLS certificate of " + server + " is " + (expired != null ? "expired" : "not valid yet")
                    + " (" + Messages.clean(rootMessage(e)) + "): renew the server's certificate, or check this"
                    + " machine's clock";
        }
        if (find(e, CertPathBuilderException.class) != null || find(e, CertPathValidatorException.class) != null) {
            return "the TLS certificate of " + server + " is not signed by a CA in " + ca
                    + ": give the CA bundle that signs it with --ssl-ca (if it was accepted before, the server's"
                    + " certificate was rotated to a CA the bundle does not hold yet)";
        }
        return "TLS handshake with " + server + " failed (" + Messages.clean(rootMessage(e)) + "): check --ssl-mode ("
                + tls.mode().label() + "), --ssl-ca and, if the server asks for a client certificate, --ssl-cert and"
                + " --ssl-key";
    }

    private static <T extends Throwable> T find(Throwable e, Class<T> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }

    /** The message of the innermost cause that has one: what the TLS layer itself said. */
    private static String rootMessage(Throwable e) {
        String message = e.getMessage();
        for (Throwable t = e.getCause(); t != null; t = t.getCause()) {
            if (t.getMessage() != null) {
                message = t.getMessage();
            }
        }
        return message;
    }
}
