package dev.failoverclient.packaging;

import static dev.failoverclient.packaging.Manifests.CHART;
import static dev.failoverclient.packaging.Manifests.DEPLOY;
import static dev.failoverclient.packaging.Manifests.ROOT;
import static dev.failoverclient.packaging.Manifests.container;
import static dev.failoverclient.packaging.Manifests.env;
import static dev.failoverclient.packaging.Manifests.envValue;
import static dev.failoverclient.packaging.Manifests.hasEnv;
import static dev.failoverclient.packaging.Manifests.only;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.marcnuri.helm.Helm;
import com.marcnuri.helm.TemplateCommand;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * skaffold.yaml and the mariadb-operator manifests in deploy/: they parse, every object has the
 * fields its kind requires, and they agree with each other and with the chart (image name, chart
 * path, release name, Secret name and key, database user, Service host).
 */
class SkaffoldDeployTest {
    private static final String IMAGE = "mariadb-test-client";
    private static final String RELEASE = "mariadb-test-client";

    private final JsonNode skaffold = Manifests.parseOne(ROOT.resolve("skaffold.yaml"));

    /** The manifests and the helm release of one mode: the default, or a profile's replacement. */
    private record Mode(List<Path> rawYaml, JsonNode release) {
    }

    private Mode mode(String profile) {
        JsonNode manifests = skaffold.path("manifests");
        JsonNode deploy = skaffold.path("deploy");
        if (!profile.isEmpty()) {
            JsonNode p = null;
            for (JsonNode candidate : skaffold.path("profiles")) {
                if (profile.equals(candidate.path("name").asText())) {
                    p = candidate;
                }
            }
            assertThat(p).as("profile %s", profile).isNotNull();
            assertThat(p.has("patches")).as("profiles replace whole sections here, no patches").isFalse();
            if (p.has("manifests")) {
                manifests = p.get("manifests");
            }
            if (p.has("deploy")) {
                deploy = p.get("deploy");
            }
        }
        List<Path> raw = new ArrayList<>();
        manifests.path("rawYaml").forEach(f -> raw.add(ROOT.resolve(f.asText())));
        assertThat(deploy.has("kubectl")).as("the kubectl deployer applies manifests.rawYaml").isTrue();
        JsonNode releases = deploy.at("/helm/releases");
        assertThat(releases.size()).as("helm releases").isEqualTo(1);
        return new Mode(raw, releases.get(0));
    }

    private static List<JsonNode> objects(Mode mode) {
        List<JsonNode> objects = new ArrayList<>();
        for (Path file : mode.rawYaml()) {
            assertThat(file).as("manifest listed in skaffold.yaml").isRegularFile();
            for (JsonNode o : Manifests.parseAll(Manifests.read(file))) {
                Manifests.assertValidObject(o, ROOT.relativize(file).toString());
                objects.add(o);
            }
        }
        return objects;
    }

    /** The client's Deployment as Helm renders it with this mode's values files. */
    private static JsonNode renderClient(JsonNode release) {
        TemplateCommand template = new Helm(ROOT.resolve(release.path("chartPath").asText())).template()
                .withName(release.path("name").asText()).withNamespace("default")
                // what skaffold's setValueTemplates produce
                .set("image.repository", IMAGE).set("image.tag", "abc123@sha256:" + "0".repeat(64));
        release.path("valuesFiles").forEach(f -> template.withValuesFile(ROOT.resolve(f.asText())));
        List<JsonNode> objects = Manifests.parseAll(template.call());
        objects.forEach(o -> Manifests.assertValidObject(o, "chart with " + release.path("valuesFiles")));
        return only(objects, "Deployment");
    }

    @Test
    void skaffoldConfigShape() {
        assertThat(skaffold.path("apiVersion").asText()).startsWith("skaffold/v4");
        assertThat(skaffold.path("kind").asText()).isEqualTo("Config");
        JsonNode artifacts = skaffold.at("/build/artifacts");
        assertThat(artifacts.size()).isEqualTo(1);
        JsonNode artifact = artifacts.get(0);
        // the seed's image name, which is also the chart's default image.repository
        assertThat(artifact.path("image").asText()).isEqualTo(IMAGE);
        assertThat(Manifests.parseOne(CHART.resolve("values.yaml")).at("/image/repository").asText()).isEqualTo(IMAGE);
        Path context = ROOT.resolve(artifact.path("context").asText("."));
        assertThat(context.resolve(artifact.at("/docker/dockerfile").asText("Dockerfile"))).isRegularFile();
        if (Manifests.read(ROOT.resolve("Dockerfile")).contains("RUN --mount=")) {
            assertThat(skaffold.at("/build/local/useBuildkit").asBoolean()).as("RUN --mount needs BuildKit").isTrue();
        }
        List<String> profiles = new ArrayList<>();
        skaffold.path("profiles").forEach(p -> profiles.add(p.path("name").asText()));
        assertThat(profiles).containsExactly("replication");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "replication"})
    void releaseIsTheChartUnderTheSeedsName(String profile) {
        JsonNode release = mode(profile).release();
        // `helm uninstall mariadb-test-client` (the seed's cleanup) needs this release name
        assertThat(release.path("name").asText()).isEqualTo(RELEASE);
        assertThat(ROOT.resolve(release.path("chartPath").asText())).isEqualTo(CHART);
        assertThat(CHART.resolve("Chart.yaml")).isRegularFile();
        release.path("valuesFiles").forEach(f -> assertThat(ROOT.resolve(f.asText())).isRegularFile());
        // setValueTemplates name the built artifact (skaffold replaces '-' by '_')
        String sanitized = IMAGE.replaceAll("[/\\-.:]", "_");
        assertThat(release.at("/setValueTemplates/image.repository").asText())
                .isEqualTo("{{.IMAGE_REPO_" + sanitized + "}}");
        assertThat(release.at("/setValueTemplates/image.tag").asText())
                .isEqualTo("{{.IMAGE_TAG_" + sanitized + "}}@{{.IMAGE_DIGEST_" + sanitized + "}}");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "replication"})
    void clientAndDatabaseAgree(String profile) {
        Mode mode = mode(profile);
        List<JsonNode> objects = objects(mode);
        JsonNode secret = only(objects, "Secret");
        JsonNode mariadb = only(objects, "MariaDB");
        JsonNode deployment = renderClient(mode.release());
        JsonNode c = container(deployment);

        // the seed's commands: deployment/mariadb-test-client, pods mariadb-cluster-N, Secret mariadb/root-password
        assertThat(deployment.at("/metadata/name").asText()).isEqualTo("mariadb-test-client");
        assertThat(mariadb.at("/metadata/name").asText()).isEqualTo("mariadb-cluster");
        assertThat(secret.at("/metadata/name").asText()).isEqualTo("mariadb");
        assertThat(secretKeys(secret)).contains("root-password");
        assertThat(c.path("image").asText()).startsWith(IMAGE + ":");

        // the Secret holds every key referenced by the MariaDB and by the client
        JsonNode root = mariadb.at("/spec/rootPasswordSecretKeyRef");
        assertThat(root.path("name").asText()).isEqualTo(secret.at("/metadata/name").asText());
        assertThat(secretKeys(secret)).contains(root.path("key").asText());
        JsonNode clientRef = env(c, "MARIADB_PASSWORD").at("/valueFrom/secretKeyRef");
        assertThat(clientRef.path("name").asText()).isEqualTo(secret.at("/metadata/name").asText());
        assertThat(secretKeys(secret)).as("keys of the Secret the client reads").contains(clientRef.path("key").asText());

        // the client's user is the operator-created user with that password (or root with the root password)
        String user = envValue(c, "MARIADB_USER");
        JsonNode userRef = "root".equals(user) ? root : mariadb.at("/spec/passwordSecretKeyRef");
        if (!"root".equals(user)) {
            assertThat(mariadb.at("/spec/username").asText()).isEqualTo(user);
        }
        assertThat(clientRef.path("name").asText()).isEqualTo(userRef.path("name").asText());
        assertThat(clientRef.path("key").asText()).isEqualTo(userRef.path("key").asText());
        assertThat(envValue(c, "MARIADB_DATABASE")).isEqualTo(mariadb.at("/spec/database").asText());
        assertThat(envValue(c, "MARIADB_PORT")).isEqualTo(mariadb.at("/spec/port").asText("3306"));

        // the host is a Service the operator creates: the primary Service when replicated
        boolean replicated = mariadb.at("/spec/replication/enabled").asBoolean();
        String name = mariadb.at("/metadata/name").asText();
        assertThat(envValue(c, "MARIADB_HOST")).as("client host in mode '%s'", profile)
                .isEqualTo(replicated ? name + "-primary" : name);
        assertThat(replicated).isEqualTo(!profile.isEmpty());

        // a MariaDB that requires TLS is reached over TLS, verified against the operator's CA bundle
        boolean tlsRequired = mariadb.at("/spec/tls/required").asBoolean();
        assertThat(tlsRequired).isEqualTo(replicated);
        assertThat(hasEnv(c, "MARIADB_SSL_CA")).isEqualTo(tlsRequired);
        if (tlsRequired) {
            assertThat(envValue(c, "MARIADB_SSL_MODE")).isEqualTo("verify-full");
            JsonNode volumes = deployment.at("/spec/template/spec/volumes");
            List<String> bundles = new ArrayList<>();
            volumes.forEach(v -> {
                if (v.path("name").asText().equals("tls-ca")) {
                    bundles.add(v.at("/secret/secretName").asText());
                }
            });
            assertThat(bundles).containsExactly(name + "-ca-bundle");
        }
    }

    @Test
    void replicationProfileIsSemiSyncWithAutomaticFailoverFromPodZero() {
        JsonNode mariadb = only(objects(mode("replication")), "MariaDB");
        JsonNode spec = mariadb.path("spec");
        assertThat(spec.path("replicas").asInt()).isEqualTo(3);
        assertThat(spec.at("/replication/enabled").asBoolean()).isTrue();
        assertThat(spec.at("/replication/primary/podIndex").asInt()).isZero();
        assertThat(spec.at("/replication/primary/autoFailover").asBoolean()).isTrue();
        assertThat(spec.at("/replication/semiSyncEnabled").asBoolean()).isTrue();
        assertThat(spec.at("/replication/semiSyncWaitPoint").asText()).isEqualTo("AfterSync");
        // renamed in mariadb-operator 25.10.0
        assertThat(spec.at("/replication/primary/automaticFailover").isMissingNode()).isTrue();
        assertThat(spec.at("/replication/replica/waitPoint").isMissingNode()).isTrue();
    }

    @Test
    void singleNodeModeIsOnePodWithoutReplication() {
        JsonNode spec = only(objects(mode("")), "MariaDB").path("spec");
        assertThat(spec.path("replicas").asInt(1)).isEqualTo(1);
        assertThat(spec.has("replication")).isFalse();
    }

    @Test
    void everyManifestInDeployParsesAndIsValid() throws IOException {
        try (Stream<Path> files = Files.list(DEPLOY)) {
            List<Path> yamls = files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList();
            assertThat(yamls).isNotEmpty();
            for (Path f : yamls) {
                List<JsonNode> docs = Manifests.parseAll(Manifests.read(f));
                assertThat(docs).as("%s", f).isNotEmpty();
                if (f.getFileName().toString().startsWith("client-values")) {
                    continue; // Helm values, rendered by clientAndDatabaseAgree
                }
                docs.forEach(o -> Manifests.assertValidObject(o, ROOT.relativize(f).toString()));
            }
        }
    }

    private static List<String> secretKeys(JsonNode secret) {
        List<String> keys = new ArrayList<>();
        secret.path("stringData").fieldNames().forEachRemaining(keys::add);
        secret.path("data").fieldNames().forEachRemaining(keys::add);
        return keys;
    }
}
