package dev.failoverclient.config;

import java.nio.file.Path;

/**
 * The TLS settings of every connection the tool opens: writers, probes, the loss check, verify and
 * the census.
 *
 * @param ca   PEM CA bundle that signs the servers' certificates; {@code null} = the JVM's trusted CAs
 * @param cert PEM client certificate (chain) for users created with {@code REQUIRE X509/SUBJECT/ISSUER};
 *             {@code null} = none
 * @param key  its PEM private key (PKCS#1, SEC1 or PKCS#8, not encrypted); set exactly when {@code cert} is
 */
public record Tls(SslMode mode, Path ca, Path cert, Path key) {
}
