package dev.failoverclient.packaging;

import static dev.failoverclient.packaging.HelmChartTest.deployment;
import static dev.failoverclient.packaging.HelmChartTest.render;
import static dev.failoverclient.packaging.Manifests.container;
import static dev.failoverclient.packaging.Manifests.envValue;
import static dev.failoverclient.packaging.Manifests.hasEnv;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The chart's TLS values: the CA bundle the operator makes, a client certificate, the mode. */
class HelmTlsTest {

    @Test
    void tlsMountsTheOperatorsCaBundleOfTheMariaDbBehindTheHost() {
        JsonNode d = deployment("x", Map.of("mariadb.tls.enabled", "true",
                "mariadb.host", "mariadb-galera-primary.db.svc.cluster.local"));
        JsonNode c = container(d);
        assertThat(envValue(c, "MARIADB_SSL_MODE")).isEqualTo("verify-full");
        assertThat(hasEnv(c, "MARIADB_SSL_CERT")).isFalse();
        assertThat(hasEnv(c, "MARIADB_SSL_KEY")).isFalse();
        JsonNode ca = named(d.at("/spec/template/spec/volumes"), "tls-ca");
        assertThat(ca.at("/secret/secretName").asText()).isEqualTo("mariadb-galera-ca-bundle");
        assertThat(ca.at("/secret/items/0/key").asText()).isEqualTo("ca.crt");
        JsonNode mount = named(c.path("volumeMounts"), "tls-ca");
        assertThat(mount.path("readOnly").asBoolean()).isTrue();
        assertThat(mount.has("subPath")).as("a subPath mount never sees a rotated Secret").isFalse();
        // The file the client reads is the one the volume holds.
        assertThat(envValue(c, "MARIADB_SSL_CA")).isEqualTo(mount.path("mountPath").asText() + "/"
                + ca.at("/secret/items/0/path").asText());
    }

    @Test
    void tlsWithAClientCertificateAndOwnSecrets() {
        JsonNode d = deployment("x", Map.of("mariadb.tls.enabled", "true", "mariadb.tls.mode", "verify-ca",
                "mariadb.tls.caSecret.name", "my-bundle", "mariadb.tls.caSecret.key", "bundle.pem",
                "mariadb.tls.clientCertSecret.name", "mariadb-client-cert"));
        JsonNode c = container(d);
        assertThat(envValue(c, "MARIADB_SSL_MODE")).isEqualTo("verify-ca");
        JsonNode volumes = d.at("/spec/template/spec/volumes");
        assertThat(named(volumes, "tls-ca").at("/secret/secretName").asText()).isEqualTo("my-bundle");
        assertThat(named(volumes, "tls-ca").at("/secret/items/0/key").asText()).isEqualTo("bundle.pem");
        JsonNode client = named(volumes, "tls-client");
        assertThat(client.at("/secret/secretName").asText()).isEqualTo("mariadb-client-cert");
        assertThat(client.at("/secret/defaultMode").asInt()).isEqualTo(0440);
        String dir = named(c.path("volumeMounts"), "tls-client").path("mountPath").asText();
        assertThat(envValue(c, "MARIADB_SSL_CERT")).isEqualTo(dir + "/tls.crt");
        assertThat(envValue(c, "MARIADB_SSL_KEY")).isEqualTo(dir + "/tls.key");
    }

    @Test
    void tlsIsOffByDefaultAndItsModeIsChecked() {
        JsonNode d = deployment("x", Map.of());
        assertThat(hasEnv(container(d), "MARIADB_SSL_MODE")).isFalse();
        assertThat(hasEnv(container(d), "MARIADB_SSL_CA")).isFalse();
        assertThat(d.at("/spec/template/spec/volumes").toString()).doesNotContain("tls-");
        assertThatThrownBy(() -> render("x", Map.of("mariadb.tls.enabled", "true", "mariadb.tls.mode", "required")))
                .hasMessageContaining("mariadb.tls.mode");
    }

    private static JsonNode named(JsonNode list, String name) {
        List<JsonNode> found = new ArrayList<>();
        list.forEach(n -> {
            if (name.equals(n.path("name").asText())) {
                found.add(n);
            }
        });
        assertThat(found).as(name + " in " + list).hasSize(1);
        return found.get(0);
    }
}
