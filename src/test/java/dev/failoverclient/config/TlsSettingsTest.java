package dev.failoverclient.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.failoverclient.lab.LabCertificates;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.util.EnumMap;
import java.util.Map;
import org.bouncycastle.openssl.jcajce.JcaMiscPEMGenerator;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.PKCS8Generator;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8EncryptorBuilder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The TLS settings: the default mode, contradictions, and the PEM files read once at startup. */
class TlsSettingsTest {
    @TempDir
    static Path dir;
    private static LabCertificates certs;

    @BeforeAll
    static void makeCertificates() {
        certs = LabCertificates.create(dir.resolve("tls"));
    }

    private static Tls tls(Map<String, String> env, Object... kv) {
        Map<Setting, String> flags = new EnumMap<>(Setting.class);
        for (int i = 0; i < kv.length; i += 2) {
            flags.put((Setting) kv[i], (String) kv[i + 1]);
        }
        Map<String, String> withPassword = new java.util.HashMap<>(env);
        withPassword.put("MARIADB_PASSWORD", "x");
        return ConfigLoader.load(flags, withPassword, () -> "box").tls();
    }

    @Test
    void withoutOptionsConnectionsArePlainAsTheSeeds() {
        assertThat(tls(Map.of())).isEqualTo(new Tls(SslMode.DISABLE, null, null, null));
    }

    @Test
    void aCaAloneMeansVerifyFull() {
        Tls t = tls(Map.of("MARIADB_SSL_CA", certs.ca().toString()));
        assertThat(t.mode()).isEqualTo(SslMode.VERIFY_FULL);
        assertThat(t.ca()).isEqualTo(certs.ca());
    }

    @Test
    void theFlagWinsOverTheEnvironmentAndModesAreTypedAsTheDriverNamesThem() {
        Tls t = tls(Map.of("MARIADB_SSL_MODE", "trust"), Setting.SSL_MODE, "VERIFY_CA", Setting.SSL_CA,
                certs.ca().toString());
        assertThat(t.mode()).isEqualTo(SslMode.VERIFY_CA);
        assertThat(t.mode().label()).isEqualTo("verify-ca");
        assertThat(tls(Map.of("MARIADB_SSL_MODE", "trust")).mode()).isEqualTo(SslMode.TRUST);
    }

    @Test
    void contradictionsAndBadFilesAreOneLine() {
        assertThatThrownBy(() -> tls(Map.of(), Setting.SSL_MODE, "required"))
                .hasMessage("invalid --ssl-mode (MARIADB_SSL_MODE) 'required': expected one of disable, trust,"
                        + " verify-ca, verify-full");
        assertThatThrownBy(() -> tls(Map.of(), Setting.SSL_MODE, "trust", Setting.SSL_CA, certs.ca().toString()))
                .hasMessage("--ssl-mode (MARIADB_SSL_MODE) is trust, which does not check the server's certificate,"
                        + " but --ssl-ca (MARIADB_SSL_CA) is given: choose --ssl-mode verify-full (or verify-ca), or"
                        + " drop --ssl-ca");
        assertThatThrownBy(() -> tls(Map.of(), Setting.SSL_MODE, "disable", Setting.SSL_CERT,
                certs.clientCert().toString(), Setting.SSL_KEY, certs.clientKey().toString()))
                .hasMessage("--ssl-mode (MARIADB_SSL_MODE) is disable but --ssl-cert (MARIADB_SSL_CERT) is given:"
                        + " choose --ssl-mode verify-full (or verify-ca, trust), or drop the TLS files");
        assertThatThrownBy(() -> tls(Map.of(), Setting.SSL_MODE, "trust", Setting.SSL_CERT,
                certs.clientCert().toString()))
                .hasMessage("--ssl-cert (MARIADB_SSL_CERT) is given without --ssl-key (MARIADB_SSL_KEY): give both"
                        + " or neither");
        assertThatThrownBy(() -> tls(Map.of(), Setting.SSL_CA, "/nonexistent/ca.pem"))
                .hasMessage("cannot use /nonexistent/ca.pem given by --ssl-ca (MARIADB_SSL_CA): no such file");
        assertThatThrownBy(() -> tls(Map.of(), Setting.SSL_CA, certs.clientKey().toString()))
                .hasMessage("cannot use " + certs.clientKey() + " given by --ssl-ca (MARIADB_SSL_CA): not a PEM"
                        + " certificate (-----BEGIN CERTIFICATE-----)");
        assertThatThrownBy(() -> tls(Map.of(), Setting.SSL_CA, dir.toString()))
                .hasMessage("cannot use " + dir + " given by --ssl-ca (MARIADB_SSL_CA): it is a folder, not a file");
    }

    @Test
    void keysInEveryUnencryptedPemEncodingAreRead() throws Exception {
        KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
        rsa.initialize(2048);
        PrivateKey key = rsa.generateKeyPair().getPrivate();
        Path pkcs1 = pem(dir.resolve("rsa-pkcs1.pem"), new JcaMiscPEMGenerator(key));
        Path pkcs8 = pem(dir.resolve("rsa-pkcs8.pem"), new JcaPKCS8Generator(key, null));
        assertThat(Files.readString(pkcs1)).startsWith("-----BEGIN RSA PRIVATE KEY-----");
        assertThat(Files.readString(pkcs8)).startsWith("-----BEGIN PRIVATE KEY-----");
        assertThat(PemFiles.privateKey(pkcs1, "k").getEncoded()).isEqualTo(key.getEncoded());
        assertThat(PemFiles.privateKey(pkcs8, "k").getEncoded()).isEqualTo(key.getEncoded());
        assertThat(Files.readString(certs.clientKey())).startsWith("-----BEGIN EC PRIVATE KEY-----");
        assertThat(PemFiles.privateKey(certs.clientKey(), "k").getAlgorithm()).isEqualTo("EC");
        assertThatThrownBy(() -> PemFiles.privateKey(certs.ca(), "--ssl-key (MARIADB_SSL_KEY)"))
                .hasMessage("cannot use " + certs.ca() + " given by --ssl-key (MARIADB_SSL_KEY): not a private key");
        // A combined file (certificate, then key) is read past the certificate.
        Path combined = Files.writeString(dir.resolve("combined.pem"), Files.readString(certs.clientCert())
                + Files.readString(certs.clientKey()));
        assertThat(PemFiles.privateKey(combined, "k").getAlgorithm()).isEqualTo("EC");
        Path encrypted = pem(dir.resolve("encrypted.pem"), new JcaPKCS8Generator(key,
                new JceOpenSSLPKCS8EncryptorBuilder(PKCS8Generator.AES_256_CBC)
                        .setProvider(new BouncyCastleProvider()).setPassword("pw".toCharArray()).build()));
        assertThatThrownBy(() -> PemFiles.privateKey(encrypted, "--ssl-key (MARIADB_SSL_KEY)"))
                .hasMessage("cannot use " + encrypted + " given by --ssl-key (MARIADB_SSL_KEY): the key is encrypted:"
                        + " give it unencrypted (openssl pkey -in KEY -out PLAIN)");
    }

    private static Path pem(Path file, org.bouncycastle.util.io.pem.PemObjectGenerator g) throws Exception {
        StringWriter text = new StringWriter();
        try (JcaPEMWriter w = new JcaPEMWriter(text)) {
            w.writeObject(g);
        }
        return Files.writeString(file, text.toString());
    }
}
