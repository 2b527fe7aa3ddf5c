package dev.failoverclient.conn;

import dev.failoverclient.config.ConfigException;
import dev.failoverclient.config.PemFiles;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.sql.SQLException;
import java.util.Base64;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLException;
import org.mariadb.jdbc.Configuration;
import org.mariadb.jdbc.export.ExceptionFactory;
import org.mariadb.jdbc.plugin.tls.main.DefaultTlsSocketPlugin;

/**
 * Connector/J's TLS plugin with a client certificate read from PEM files, as Kubernetes secrets
 * hold them (the driver itself reads only key stores). The files are read at every connection, so
 * a certificate rotated in a mounted secret is used from the next reconnect on. Registered in
 * {@code META-INF/services/org.mariadb.jdbc.plugin.TlsSocketPlugin}; {@link Connector} selects it.
 */
public final class ClientCertificatePlugin extends DefaultTlsSocketPlugin {
    static final String TYPE = "failover-client-pem";
    static final String CERT = "failoverClientCert";
    static final String KEY = "failoverClientKey";

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public KeyManager[] getKeyManager(Configuration conf, ExceptionFactory exceptionFactory) throws SQLException {
        String cert = conf.nonMappedOptions().getProperty(CERT);
        String key = conf.nonMappedOptions().getProperty(KEY);
        byte[] random = new byte[18];
        new SecureRandom().nextBytes(random);
        char[] password = Base64.getEncoder().encodeToString(random).toCharArray();
        try {
            KeyStore ks = PemFiles.clientKeyStore(Path.of(cert), "--ssl-cert", Path.of(key),
                    "--ssl-key", password);
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(ks, password);
            return kmf.getKeyManagers();
        } catch (ConfigException | GeneralSecurityException e) {
            // With an SSLException as cause the classifier reports a TLS problem; TlsProblem names the files.
            throw new SQLException(e.getMessage(), "08000", new SSLException(e.getMessage(), e));
        }
    }
}
