package dev.failoverclient.packaging;

import static dev.failoverclient.packaging.HelmChartTest.render;
import static dev.failoverclient.packaging.Manifests.CHART;
import static dev.failoverclient.packaging.Manifests.container;
import static dev.failoverclient.packaging.Manifests.env;
import static dev.failoverclient.packaging.Manifests.envValue;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.marcnuri.helm.Helm;
import com.marcnuri.helm.TemplateCommand;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The chart's opt-in persistence and fleet test, and its default render, which they leave as it was. */
class HelmPersistenceTest {

    /**
     * The chart rendered with its hooks: helm-java renders the manifest only (no hooks, as {@code helm
     * template --skip-tests}), so a copy of the chart whose hook annotations are renamed to
     * {@code rendered.test/hook*} is rendered instead; every value of a hook annotation stays what the
     * chart writes.
     */
    static List<JsonNode> renderWithHooks(Path scratch, Map<String, String> sets) throws Exception {
        Path copy = scratch.resolve("chart");
        try (java.util.stream.Stream<Path> files = Files.walk(CHART)) {
            for (Path f : files.toList()) {
                Path to = copy.resolve(CHART.relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(to);
                } else {
                    Files.writeString(to, Files.readString(f).replace("helm.sh/hook", "rendered.test/hook"));
                }
            }
        }
        TemplateCommand template = new Helm(copy).template().withName("x").withNamespace("default");
        sets.forEach(template::set);
        return Manifests.parseAll(template.call());
    }

    /** The default render is today's, byte for byte: persistence and the fleet test are opt-in. */
    @Test
    void theDefaultRenderIsUnchanged() throws Exception {
        String render = new Helm(CHART).template().withName("mariadb-test-client").withNamespace("default").call();
        assertThat(render).isEqualTo(Files.readString(Path.of("src/test/resources/chart/default-render.yaml")));
    }

    @Test
    void persistenceMakesAStatefulSetWhosePodsKeepTheirRunFolder(@TempDir Path scratch) throws Exception {
        List<JsonNode> objects = render("x", Map.of("persistence.enabled", "true", "persistence.size", "2Gi",
                "persistence.storageClass", "fast", "replicaCount", "3"));
        assertThat(objects).noneMatch(o -> o.path("kind").asText().equals("Deployment"));
        JsonNode set = Manifests.only(objects, "StatefulSet");
        assertThat(set.at("/metadata/name").asText()).isEqualTo("mariadb-test-client");
        assertThat(set.at("/spec/replicas").asInt()).isEqualTo(3);
        assertThat(set.at("/spec/serviceName").asText()).isEqualTo("mariadb-test-client-headless");
        JsonNode claim = set.at("/spec/volumeClaimTemplates/0");
        assertThat(claim.at("/metadata/name").asText()).isEqualTo("data");
        assertThat(claim.at("/spec/accessModes").toString()).isEqualTo("[\"ReadWriteOnce\"]");
        assertThat(claim.at("/spec/storageClassName").asText()).isEqualTo("fast");
        assertThat(claim.at("/spec/resources/requests/storage").asText()).isEqualTo("2Gi");
        JsonNode c = container(set);
        assertThat(envValue(c, "RUN_DIR")).as("a stable path on the claim").isEqualTo("/data/run");
        assertThat(env(c, "CLIENT_ID").at("/valueFrom/fieldRef/fieldPath").asText()).as("the stable pod name")
                .isEqualTo("metadata.name");
        assertThat(c.path("volumeMounts").findValuesAsText("mountPath")).contains("/data");
        assertThat(c.path("volumeMounts").findValuesAsText("name")).contains("data");

        JsonNode headless = objects.stream().filter(o -> o.at("/metadata/name").asText()
                .equals("mariadb-test-client-headless")).findFirst().orElseThrow();
        assertThat(headless.at("/spec/clusterIP").asText()).isEqualTo("None");
        assertThat(headless.at("/spec/publishNotReadyAddresses").asBoolean()).isTrue();
        assertThat(headless.at("/spec/ports/0/port").asInt()).isEqualTo(8080);

        assertThat(objects).as("helm-java renders no hooks").noneMatch(o -> o.path("kind").asText().equals("Pod"));
        JsonNode test = Manifests.only(renderWithHooks(scratch, Map.of("persistence.enabled", "true",
                "replicaCount", "3")), "Pod");
        Manifests.assertValidObject(test, "the fleet test");
        assertThat(test.at("/metadata/annotations/rendered.test~1hook").asText()).isEqualTo("test");
        assertThat(test.at("/spec/containers/0/image").asText()).isEqualTo(c.path("image").asText());
        assertThat(test.at("/spec/containers/0/args").toString()).isEqualTo("[\"fleet\",\"--service\","
                + "\"mariadb-test-client-headless.default.svc\",\"--port\",\"8080\",\"--expect\",\"3\"]");
        assertThat(test.at("/spec/securityContext/runAsNonRoot").asBoolean()).isTrue();
    }

    @Test
    void theFleetTestAloneKeepsTheDeploymentAndNeedsTheEndpoint(@TempDir Path scratch) throws Exception {
        List<JsonNode> objects = render("x", Map.of("fleetTest.enabled", "true"));
        Manifests.only(objects, "Deployment");
        Manifests.only(renderWithHooks(scratch, Map.of("fleetTest.enabled", "true")), "Pod");
        assertThat(objects.stream().map(o -> o.at("/metadata/name").asText()))
                .contains("mariadb-test-client-headless");
        assertThatThrownBy(() -> render("x", Map.of("fleetTest.enabled", "true", "metrics.enabled", "false")))
                .hasMessageContaining("fleetTest (and persistence) need metrics.enabled");
        assertThatThrownBy(() -> render("x", Map.of("persistence.enabled", "true", "persistence.size", "lots")))
                .hasMessageContaining("persistence.size: Does not match pattern");
    }
}
