package dev.failoverclient.lab;

import java.io.IOException;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.sec.ECPrivateKey;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaMiscPEMGenerator;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemObjectGenerator;

/**
 * The lab's TLS material, made once per lab in its folder: a CA, one server certificate for every
 * node (they all listen on 127.0.0.1) and a client certificate, all ECDSA P-256. The keys are
 * written as mariadb-operator writes them ({@code EC PRIVATE KEY}), so the lab exercises the same
 * parsing as a pod with the operator's secrets. An 11.4 node started without a certificate makes
 * its own at every start (seconds each), so the nodes get these explicitly.
 *
 * @param clientSubject the client certificate's subject, for users created with {@code REQUIRE SUBJECT}
 */
public record LabCertificates(Path ca, Path serverCert, Path serverKey, Path clientCert, Path clientKey,
                              String clientSubject) {
    static final String CA_SUBJECT = "CN=mariadb-failover-client lab CA";
    static final String CLIENT_SUBJECT = "CN=mariadb-failover-client lab client";

    /** Creates the files under {@code dir}. */
    public static LabCertificates create(Path dir) {
        try {
            Files.createDirectories(dir);
            KeyPair caKeys = keys();
            X509Certificate ca = sign(new X500Name(CA_SUBJECT), caKeys, new X500Name(CA_SUBJECT), caKeys.getPrivate(),
                    true, null);
            KeyPair serverKeys = keys();
            X509Certificate server = sign(new X500Name("CN=localhost"), serverKeys, new X500Name(CA_SUBJECT),
                    caKeys.getPrivate(), false, new GeneralNames(new GeneralName[] {
                            new GeneralName(GeneralName.iPAddress, "127.0.0.1"),
                            // MariaDB's replica checks the host it connects to against DNS names only.
                            new GeneralName(GeneralName.dNSName, "127.0.0.1"),
                            new GeneralName(GeneralName.dNSName, "localhost")}));
            KeyPair clientKeys = keys();
            X509Certificate client = sign(new X500Name(CLIENT_SUBJECT), clientKeys, new X500Name(CA_SUBJECT),
                    caKeys.getPrivate(), false, null);
            LabCertificates c = new LabCertificates(dir.resolve("ca.pem"), dir.resolve("server-cert.pem"),
                    dir.resolve("server-key.pem"), dir.resolve("client-cert.pem"), dir.resolve("client-key.pem"),
                    "/" + CLIENT_SUBJECT);
            write(c.ca, ca);
            write(c.serverCert, server);
            write(c.serverKey, new JcaPKCS8Generator(serverKeys.getPrivate(), null));
            write(c.clientCert, client);
            write(c.clientKey, sec1(clientKeys));
            return c;
        } catch (IOException | GeneralSecurityException | OperatorCreationException e) {
            throw new LabException("cannot make the lab's TLS certificates in " + dir + ": " + e.getMessage(), e);
        }
    }

    private static KeyPair keys() throws GeneralSecurityException {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"));
        return g.generateKeyPair();
    }

    private static X509Certificate sign(X500Name subject, KeyPair keys, X500Name issuer, PrivateKey issuerKey,
                                        boolean isCa, GeneralNames names)
            throws IOException, GeneralSecurityException, OperatorCreationException {
        Instant now = Instant.now();
        X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(issuer, new BigInteger(64, new SecureRandom()),
                Date.from(now.minus(Duration.ofHours(1))), Date.from(now.plus(Duration.ofDays(30))), subject,
                keys.getPublic());
        b.addExtension(Extension.basicConstraints, true, new BasicConstraints(isCa));
        b.addExtension(Extension.keyUsage, true, isCa ? new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign)
                : new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyAgreement));
        if (!isCa) {
            b.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(names != null
                    ? KeyPurposeId.id_kp_serverAuth : KeyPurposeId.id_kp_clientAuth));
        }
        if (names != null) {
            b.addExtension(Extension.subjectAlternativeName, false, names);
        }
        return new JcaX509CertificateConverter().getCertificate(
                b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(issuerKey)));
    }

    /** {@code EC PRIVATE KEY} naming its curve, as OpenSSL and the operator write it. */
    private static PemObject sec1(KeyPair keys) throws IOException {
        PrivateKeyInfo info = PrivateKeyInfo.getInstance(keys.getPrivate().getEncoded());
        ECPrivateKey key = ECPrivateKey.getInstance(info.parsePrivateKey());
        SubjectPublicKeyInfo pub = SubjectPublicKeyInfo.getInstance(keys.getPublic().getEncoded());
        return new PemObject("EC PRIVATE KEY", new ECPrivateKey(256, key.getKey(), pub.getPublicKeyData(),
                info.getPrivateKeyAlgorithm().getParameters()).getEncoded());
    }

    private static void write(Path file, Object pem) throws IOException {
        StringWriter text = new StringWriter();
        try (JcaPEMWriter w = new JcaPEMWriter(text)) {
            w.writeObject(pem instanceof PemObjectGenerator g ? g : new JcaMiscPEMGenerator(pem));
        }
        Files.writeString(file, text.toString());
    }
}
