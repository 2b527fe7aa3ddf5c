package dev.failoverclient.config;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.List;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;

/**
 * Reads the PEM files of {@link Tls}: CA bundles, client certificates and their keys in every
 * unencrypted encoding Kubernetes secrets carry ({@code RSA PRIVATE KEY}, {@code EC PRIVATE KEY},
 * {@code PRIVATE KEY}). Each problem is a {@link ConfigException} naming the file, the option and
 * the fix; key material never appears in a message.
 */
public final class PemFiles {
    private PemFiles() {
    }

    /** Every certificate in {@code file}; at least one. */
    public static List<X509Certificate> certificates(Path file, String label) {
        requireFile(file, label);
        try (InputStream in = Files.newInputStream(file)) {
            List<X509Certificate> certs = CertificateFactory.getInstance("X.509").generateCertificates(in).stream()
                    .map(X509Certificate.class::cast).toList();
            if (certs.isEmpty()) {
                throw new ConfigException(unreadable(file, label, "no PEM certificate in it"));
            }
            return certs;
        } catch (IOException e) {
            throw new ConfigException(unreadable(file, label, why(e)), e);
        } catch (CertificateException e) {
            throw new ConfigException(unreadable(file, label, "not a PEM certificate (-----BEGIN CERTIFICATE-----)"),
                    e);
        }
    }

    /**
     * The private key in {@code file}; other PEM blocks before it ({@code EC PARAMETERS} from
     * {@code openssl ecparam -genkey}, a certificate in a combined file) are skipped.
     */
    public static PrivateKey privateKey(Path file, String label) {
        requireFile(file, label);
        Object parsed = null;
        boolean encrypted = false;
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.US_ASCII); PEMParser p = new PEMParser(r)) {
            for (Object o = p.readObject(); o != null && parsed == null; o = p.readObject()) {
                if (o instanceof PEMKeyPair || o instanceof PrivateKeyInfo) {
                    parsed = o;
                }
                encrypted |= o.getClass().getSimpleName().contains("Encrypted");
            }
        } catch (IOException e) {
            throw new ConfigException(unreadable(file, label, e instanceof NoSuchFileException
                    || e instanceof AccessDeniedException ? why(e)
                    : "not a PEM private key"), e);
        }
        PrivateKeyInfo info = parsed instanceof PEMKeyPair pair ? pair.getPrivateKeyInfo()
                : parsed instanceof PrivateKeyInfo i ? i : null;
        if (info != null) {
            // The JDK's own key factories, so that no BouncyCastle provider is needed at run time.
            String oid = info.getPrivateKeyAlgorithm().getAlgorithm().getId();
            String algorithm = switch (oid) {
                case "1.2.840.113549.1.1.1" -> "RSA";
                case "1.2.840.10045.2.1" -> "EC";
                case "1.3.101.112" -> "Ed25519";
                default -> null;
            };
            try {
                if (algorithm != null) {
                    return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(info.getEncoded()));
                }
            } catch (IOException | GeneralSecurityException e) {
                throw new ConfigException(unreadable(file, label, "a damaged " + algorithm + " key"), e);
            }
            throw new ConfigException(unreadable(file, label, "an unsupported key type (" + oid + "): use RSA, EC or"
                    + " Ed25519"));
        }
        throw new ConfigException(unreadable(file, label, encrypted
                ? "the key is encrypted: give it unencrypted (openssl pkey -in KEY -out PLAIN)"
                : "not a private key"));
    }

    /**
     * A key store holding the client certificate chain and its key under {@code password}, after
     * checking that the key belongs to the certificate.
     */
    public static KeyStore clientKeyStore(Path certFile, String certLabel, Path keyFile, String keyLabel,
                                          char[] password) {
        List<X509Certificate> chain = certificates(certFile, certLabel);
        PrivateKey key = privateKey(keyFile, keyLabel);
        try {
            if (!belongTogether(key, chain.get(0))) {
                throw new ConfigException("the key in " + keyFile + " (" + keyLabel + ") does not belong to the"
                        + " certificate in " + certFile + " (" + certLabel + "): give the key of that certificate");
            }
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(null, null);
            ks.setKeyEntry("client", key, password, chain.toArray(new Certificate[0]));
            return ks;
        } catch (GeneralSecurityException | IOException e) {
            throw new ConfigException("cannot use the client certificate " + certFile + " with key " + keyFile
                    + ": " + e.getClass().getSimpleName(), e);
        }
    }

    /** Signs a random challenge with the key and checks it with the certificate's public key. */
    private static boolean belongTogether(PrivateKey key, X509Certificate cert) throws GeneralSecurityException {
        if (!key.getAlgorithm().equals(cert.getPublicKey().getAlgorithm())) {
            return false;
        }
        String algorithm = switch (key.getAlgorithm()) {
            case "RSA" -> "SHA256withRSA";
            case "EC" -> "SHA256withECDSA";
            case "Ed25519", "EdDSA" -> "Ed25519";
            default -> null;
        };
        if (algorithm == null) {
            return true; // cannot check here; the server's handshake will
        }
        byte[] challenge = new byte[32];
        new SecureRandom().nextBytes(challenge);
        Signature s = Signature.getInstance(algorithm);
        s.initSign(key);
        s.update(challenge);
        byte[] signature = s.sign();
        s.initVerify(cert.getPublicKey());
        s.update(challenge);
        return s.verify(signature);
    }

    private static String unreadable(Path file, String label, String why) {
        return "cannot use " + file + " given by " + label + ": " + why;
    }

    private static void requireFile(Path file, String label) {
        if (Files.isDirectory(file)) {
            throw new ConfigException(unreadable(file, label, "it is a folder, not a file"));
        }
    }

    private static String why(IOException e) {
        return e instanceof NoSuchFileException ? "no such file"
                : e instanceof AccessDeniedException ? "permission denied"
                : String.valueOf(e.getMessage());
    }
}
