package dev.failoverclient.packaging;

import static dev.failoverclient.packaging.Manifests.CHART;
import static dev.failoverclient.packaging.Manifests.container;
import static dev.failoverclient.packaging.Manifests.env;
import static dev.failoverclient.packaging.Manifests.envValue;
import static dev.failoverclient.packaging.Manifests.hasEnv;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import com.marcnuri.helm.Release;
import com.marcnuri.helm.TemplateCommand;
import dev.failoverclient.config.ClientConfig;
import dev.failoverclient.config.ConfigLoader;
import dev.failoverclient.config.Endpoint;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The Helm chart, rendered and linted by helm-java's embedded Helm 3 (no cluster involved). */
class HelmChartTest {

    /** Renders the chart with --set style overrides and returns its objects, each checked. */
    static List<JsonNode> render(String release, Map<String, String> sets) {
        TemplateCommand template = new Helm(CHART).template().withName(release).withNamespace("default");
        sets.forEach(template::set);
        List<JsonNode> objects = Manifests.parseAll(template.call());
        objects.forEach(o -> Manifests.assertValidObject(o, "chart " + sets));
        return objects;
    }

    static JsonNode deployment(String release, Map<String, String> sets) {
        return Manifests.only(render(release, sets), "Deployment");
    }

    @Test
    void lintsStrictly() {
        LintResult result = new Helm(CHART).lint().strict().call();
        assertThat(result.isFailed()).as("helm lint --strict: %s", result.getMessages()).isFalse();
        assertThat(result.getMessages()).noneMatch(m -> m.contains("[ERROR]") || m.contains("[WARNING]"));
    }

    @Test
    void defaultsAreTheSeedsValues() {
        JsonNode d = deployment("mariadb-test-client", Map.of());
        JsonNode c = container(d);
        assertThat(d.at("/metadata/name").asText()).isEqualTo("mariadb-test-client");
        assertThat(d.at("/spec/replicas").asInt()).isEqualTo(1);
        assertThat(c.path("image").asText()).isEqualTo("mariadb-test-client:latest");
        assertThat(c.path("imagePullPolicy").asText()).isEqualTo("IfNotPresent");
        assertThat(envValue(c, "MARIADB_HOST")).isEqualTo("mariadb-cluster");
        assertThat(envValue(c, "MARIADB_PORT")).isEqualTo("3306");
        assertThat(envValue(c, "MARIADB_USER")).isEqualTo("root");
        assertThat(envValue(c, "MARIADB_DATABASE")).isEqualTo("test");
        assertThat(Double.parseDouble(envValue(c, "WRITE_INTERVAL"))).isEqualTo(1.0);
        JsonNode password = env(c, "MARIADB_PASSWORD");
        assertThat(password.has("value")).as("the password is never a literal").isFalse();
        assertThat(password.at("/valueFrom/secretKeyRef/name").asText()).isEqualTo("mariadb");
        assertThat(password.at("/valueFrom/secretKeyRef/key").asText()).isEqualTo("root-password");
        // client.id "" -> the pod name, from the downward API
        assertThat(env(c, "CLIENT_ID").at("/valueFrom/fieldRef/fieldPath").asText()).isEqualTo("metadata.name");
        assertThat(envValue(c, "HTTP_PORT")).as("the HTTP endpoint is on by default").isEqualTo("8080");
        assertThat(hasEnv(c, "MARIADB_NODES")).as("no census unless the nodes are named").isFalse();
        assertThat(hasEnv(c, "JDK_JAVA_OPTIONS")).as("the image's JVM options by default").isFalse();
        assertThat(c.has("args")).isFalse();
        JsonNode resources = c.path("resources");
        assertThat(resources.at("/limits/cpu").asText()).isEqualTo("100m");
        assertThat(resources.at("/limits/memory").asText()).isEqualTo("128Mi");
        assertThat(resources.at("/requests/cpu").asText()).isEqualTo("50m");
        assertThat(resources.at("/requests/memory").asText()).isEqualTo("64Mi");
    }

    @Test
    void thePasswordOnlyComesFromTheSecret() {
        JsonNode c = container(deployment("x", Map.of(
                "mariadb.passwordSecret.name", "my-db-secret", "mariadb.passwordSecret.key", "pw")));
        List<String> fromSecrets = new ArrayList<>();
        c.path("env").forEach(e -> {
            if (e.has("valueFrom") && e.get("valueFrom").has("secretKeyRef")) {
                fromSecrets.add(e.path("name").asText());
            }
            assertThat(e.path("name").asText()).as("no password variable besides MARIADB_PASSWORD")
                    .isNotIn("MARIADB_PASSWORD_FILE");
        });
        assertThat(fromSecrets).containsExactly("MARIADB_PASSWORD");
        JsonNode ref = env(c, "MARIADB_PASSWORD").at("/valueFrom/secretKeyRef");
        assertThat(ref.path("name").asText()).isEqualTo("my-db-secret");
        assertThat(ref.path("key").asText()).isEqualTo("pw");
    }

    @Test
    void theSeedsManualInstallCommandRenders() {
        // helm install test-client chart --set image.tag=latest --set mariadb.host=mariadb-cluster
        //   --set mariadb.passwordSecret.name=mariadb --set mariadb.passwordSecret.key=root-password
        JsonNode d = deployment("test-client", Map.of("image.tag", "latest", "mariadb.host", "mariadb-cluster",
                "mariadb.passwordSecret.name", "mariadb", "mariadb.passwordSecret.key", "root-password"));
        // ... and the seed's `kubectl logs -f deployment/mariadb-test-client` still finds it
        assertThat(d.at("/metadata/name").asText()).isEqualTo("mariadb-test-client");
        assertThat(d.at("/spec/selector/matchLabels/app.kubernetes.io~1instance").asText()).isEqualTo("test-client");
        assertThat(container(d).path("image").asText()).isEqualTo("mariadb-test-client:latest");
    }

    @Test
    void releaseNamedObjectsWhenTheFixedNameIsTurnedOff() {
        JsonNode d = deployment("second", Map.of("fullnameOverride", ""));
        assertThat(d.at("/metadata/name").asText()).isEqualTo("second-mariadb-test-client");
    }

    @Test
    void overridesReachTheDeployment() {
        JsonNode d = deployment("x", Map.of(
                "replicaCount", "3",
                "mariadb.host", "mariadb-cluster-primary",
                "mariadb.port", "3307",
                "mariadb.user", "failover",
                "mariadb.database", "bench",
                "client.writeInterval", "0.5",
                "resources.limits.memory", "256Mi",
                "resources.limits.cpu", "500m",
                "resources.requests.memory", "200Mi",
                "resources.requests.cpu", "250m"));
        JsonNode c = container(d);
        assertThat(d.at("/spec/replicas").asInt()).isEqualTo(3);
        assertThat(envValue(c, "MARIADB_HOST")).isEqualTo("mariadb-cluster-primary");
        assertThat(envValue(c, "MARIADB_PORT")).isEqualTo("3307");
        assertThat(envValue(c, "MARIADB_USER")).isEqualTo("failover");
        assertThat(envValue(c, "MARIADB_DATABASE")).isEqualTo("bench");
        assertThat(envValue(c, "WRITE_INTERVAL")).isEqualTo("0.5");
        assertThat(c.at("/resources/limits/memory").asText()).isEqualTo("256Mi");
        assertThat(c.at("/resources/limits/cpu").asText()).isEqualTo("500m");
        assertThat(c.at("/resources/requests/memory").asText()).isEqualTo("200Mi");
        assertThat(c.at("/resources/requests/cpu").asText()).isEqualTo("250m");
        // several pods, no client.id: each pod writes under its own name
        assertThat(env(c, "CLIENT_ID").at("/valueFrom/fieldRef/fieldPath").asText()).isEqualTo("metadata.name");
    }

    @Test
    void aFixedClientIdIsUsedAsIsByOnePod() {
        JsonNode c = container(deployment("x", Map.of("client.id", "x")));
        assertThat(envValue(c, "CLIENT_ID")).isEqualTo("x");
    }

    @Test
    void aFixedClientIdIsMadeUniquePerPodWhenThereAreSeveral() {
        JsonNode d = deployment("x", Map.of("client.id", "x", "replicaCount", "3"));
        JsonNode c = container(d);
        assertThat(envValue(c, "CLIENT_ID")).isEqualTo("x-$(POD_NAME)");
        // $(POD_NAME) expands only if POD_NAME is defined earlier in the list
        List<String> names = new ArrayList<>();
        c.path("env").forEach(e -> names.add(e.path("name").asText()));
        assertThat(names.indexOf("POD_NAME")).isNotNegative().isLessThan(names.indexOf("CLIENT_ID"));
        assertThat(env(c, "POD_NAME").at("/valueFrom/fieldRef/fieldPath").asText()).isEqualTo("metadata.name");
        // one writer per id at any time: no rolling overlap
        assertThat(d.at("/spec/strategy/type").asText()).isEqualTo("Recreate");
    }

    @Test
    void securityContextAndWritableVolumes() {
        JsonNode d = deployment("x", Map.of());
        JsonNode pod = d.at("/spec/template/spec");
        assertThat(pod.at("/securityContext/runAsNonRoot").asBoolean()).isTrue();
        assertThat(pod.at("/securityContext/runAsUser").asInt()).isPositive();
        assertThat(pod.at("/securityContext/seccompProfile/type").asText()).isEqualTo("RuntimeDefault");
        assertThat(pod.path("automountServiceAccountToken").asBoolean(true)).isFalse();
        JsonNode sc = container(d).path("securityContext");
        assertThat(sc.path("runAsNonRoot").asBoolean()).isTrue();
        assertThat(sc.path("readOnlyRootFilesystem").asBoolean()).isTrue();
        assertThat(sc.path("allowPrivilegeEscalation").asBoolean(true)).isFalse();
        assertThat(sc.path("privileged").asBoolean(true)).isFalse();
        assertThat(sc.at("/capabilities/drop").toString()).isEqualTo("[\"ALL\"]");
        assertThat(sc.at("/capabilities/add").isMissingNode()).isTrue();
        // the run folder (relative to WORKDIR /app) and /tmp are writable emptyDirs
        Map<String, String> mounts = new HashMap<>();
        container(d).path("volumeMounts").forEach(m -> mounts.put(m.path("mountPath").asText(), m.path("name").asText()));
        assertThat(mounts).containsKeys("/app/runs", "/tmp");
        pod.path("volumes").forEach(v -> assertThat(v.has("emptyDir")).as(v.toString()).isTrue());
        assertThat(pod.path("volumes").size()).isEqualTo(2);
        // SIGTERM -> in-flight write (SOCKET_TIMEOUT 5s) + final statistics + summary
        assertThat(pod.path("terminationGracePeriodSeconds").asInt()).isGreaterThanOrEqualTo(15);
    }

    @Test
    void theHttpEndpointIsServedProbedAndAnnouncedByDefault() {
        List<JsonNode> objects = render("mariadb-test-client", Map.of());
        assertThat(objects).extracting(o -> o.path("kind").asText()).containsExactlyInAnyOrder("Deployment", "Service");
        JsonNode d = Manifests.only(objects, "Deployment");
        JsonNode c = container(d);
        assertThat(c.at("/ports/0/containerPort").asInt()).isEqualTo(8080);
        assertThat(c.at("/ports/0/name").asText()).isEqualTo("metrics");
        for (String probe : List.of("startupProbe", "livenessProbe", "readinessProbe")) {
            assertThat(c.at("/" + probe + "/httpGet/path").asText()).as(probe).isEqualTo("/healthz");
            assertThat(c.at("/" + probe + "/httpGet/port").asText()).as(probe).isEqualTo("metrics");
        }
        // The startup probe allows a slow JVM start under the 100m CPU limit: three minutes.
        assertThat(c.at("/startupProbe/periodSeconds").asInt() * c.at("/startupProbe/failureThreshold").asInt())
                .isGreaterThanOrEqualTo(180);
        JsonNode annotations = d.at("/spec/template/metadata/annotations");
        assertThat(annotations.path("prometheus.io/scrape").asText()).isEqualTo("true");
        assertThat(annotations.path("prometheus.io/port").asText()).isEqualTo("8080");
        assertThat(annotations.path("prometheus.io/path").asText()).isEqualTo("/metrics");
        JsonNode service = Manifests.only(objects, "Service");
        assertThat(service.at("/metadata/name").asText()).isEqualTo("mariadb-test-client");
        assertThat(service.at("/spec/ports/0/port").asInt()).isEqualTo(8080);
        assertThat(service.at("/spec/ports/0/targetPort").asText()).isEqualTo("metrics");
        assertThat(service.at("/spec/selector")).isEqualTo(d.at("/spec/selector/matchLabels"));
    }

    @Test
    void theHttpEndpointCanBeTurnedOff() {
        List<JsonNode> objects = render("x", Map.of("metrics.enabled", "false", "podAnnotations.team", "db"));
        assertThat(objects).extracting(o -> o.path("kind").asText()).containsExactly("Deployment");
        JsonNode d = objects.get(0);
        JsonNode c = container(d);
        assertThat(hasEnv(c, "HTTP_PORT")).isFalse();
        assertThat(c.path("ports").isMissingNode()).isTrue();
        assertThat(c.has("livenessProbe")).isFalse();
        assertThat(d.at("/spec/template/metadata/annotations").toString()).isEqualTo("{\"team\":\"db\"}");
    }

    @Test
    void aPodMonitorAndAGrafanaDashboardOnRequest() throws Exception {
        List<JsonNode> objects = render("x", Map.of("metrics.podMonitor.enabled", "true",
                "metrics.podMonitor.labels.release", "kube-prometheus-stack", "grafana.dashboard.enabled", "true"));
        JsonNode monitor = Manifests.only(objects, "PodMonitor");
        assertThat(monitor.at("/metadata/labels/release").asText()).isEqualTo("kube-prometheus-stack");
        assertThat(monitor.at("/spec/selector/matchLabels"))
                .isEqualTo(Manifests.only(objects, "Deployment").at("/spec/selector/matchLabels"));
        assertThat(monitor.at("/spec/podMetricsEndpoints/0/port").asText()).isEqualTo("metrics");
        assertThat(monitor.at("/spec/podMetricsEndpoints/0/path").asText()).isEqualTo("/metrics");
        JsonNode dashboard = Manifests.only(objects, "ConfigMap");
        assertThat(dashboard.at("/metadata/labels/grafana_dashboard").asText()).isEqualTo("1");
        JsonNode json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(
                dashboard.at("/data/mariadb-failover-client.json").asText());
        assertThat(json.get("uid").asText()).isEqualTo("mariadb-failover-client");
        assertThat(json.get("panels").size()).isGreaterThanOrEqualTo(8);
        assertThatThrownBy(() -> render("x", Map.of("metrics.podMonitor.interval", "often")))
                .hasMessageContaining("metrics.podMonitor.interval: Does not match pattern");
    }

    @Test
    void laterFeatureValues() {
        JsonNode c = container(deployment("x", Map.of(
                "metrics.port", "9404",
                "extraArgs[0]", "--stats-every=100", "extraArgs[1]", "--probe-interval=50ms",
                "extraEnv[0].name", "STARTUP_TIMEOUT", "extraEnv[0].value", "10m",
                "javaOptions", "-XX:MaxRAMPercentage=60 -XX:+UseSerialGC")));
        assertThat(envValue(c, "HTTP_PORT")).isEqualTo("9404");
        assertThat(c.at("/ports/0/containerPort").asInt()).isEqualTo(9404);
        assertThat(c.at("/ports/0/name").asText()).isEqualTo("metrics");
        assertThat(c.path("args").toString()).isEqualTo("[\"--stats-every=100\",\"--probe-interval=50ms\"]");
        assertThat(envValue(c, "STARTUP_TIMEOUT")).isEqualTo("10m");
        assertThat(envValue(c, "JDK_JAVA_OPTIONS")).isEqualTo("-XX:MaxRAMPercentage=60 -XX:+UseSerialGC");
    }

    @Test
    void applicationOptionsReachTheClientsConfiguration() {
        JsonNode c = container(deployment("x", Map.of("client.pool", "hikari", "client.poolSize", "4",
                "client.poolEvictOn", "read-only", "client.transactionRows", "10", "client.readCheck", "true",
                "client.readHost", "db-secondary:3306", "client.readCheckTimeout", "5s")));
        Map<String, String> env = new HashMap<>();
        for (String name : List.of("MARIADB_HOST", "MARIADB_PORT", "MARIADB_USER", "MARIADB_DATABASE", "POOL",
                "POOL_SIZE", "POOL_EVICT_ON", "TRANSACTION_ROWS", "READ_CHECK", "READ_HOST", "READ_CHECK_TIMEOUT")) {
            env.put(name, envValue(c, name));
        }
        env.put("MARIADB_PASSWORD", "from-the-secret");
        // The values as the client reads them, through its one config path.
        ClientConfig.Application app = ConfigLoader.load(Map.of(), env, () -> "pod").application();
        assertThat(app.pooled()).isTrue();
        assertThat(app.poolSize()).isEqualTo(4);
        assertThat(app.evictOnReadOnly()).isTrue();
        assertThat(app.transactionRows()).isEqualTo(10);
        assertThat(app.readCheck()).isTrue();
        assertThat(app.readHosts()).containsExactly(new Endpoint("db-secondary", 3306));
        assertThat(app.readCheckTimeout()).isEqualTo(Duration.ofSeconds(5));

        JsonNode defaults = container(deployment("x", Map.of()));
        assertThat(List.of("POOL", "POOL_SIZE", "POOL_EVICT_ON", "TRANSACTION_ROWS", "READ_CHECK", "READ_HOST",
                "READ_CHECK_TIMEOUT")).as("today's writer by default").noneMatch(name -> hasEnv(defaults, name));
        assertThatThrownBy(() -> render("x", Map.of("client.pool", "c3p0")))
                .hasMessageContaining("client.pool: client.pool must be one of the following: \"none\", \"hikari\"");
        assertThatThrownBy(() -> render("x", Map.of("client.transactionRows", "0")))
                .hasMessageContaining("client.transactionRows: Must be greater than or equal to 1");
    }

    @Test
    void theNodesReachTheCensus() {
        assertThat(envValue(container(deployment("x", Map.of("mariadb.nodes",
                "db-0.db-internal:3306,db-1.db-internal:3306"))), "MARIADB_NODES"))
                .isEqualTo("db-0.db-internal:3306,db-1.db-internal:3306");
        assertThatThrownBy(() -> render("x", Map.of("mariadb.nodes", "db-0 db-1")))
                .hasMessageContaining("mariadb.nodes: Does not match pattern");
    }

    @Test
    void aWriteIntervalWithAUnitIsPassedThrough() {
        assertThat(envValue(container(deployment("x", Map.of("client.writeInterval", "250ms"))), "WRITE_INTERVAL"))
                .isEqualTo("250ms");
    }

    @Test
    void aNonNumericPortIsRejectedByTheSchema() {
        assertThatThrownBy(() -> render("x", Map.of("mariadb.port", "abc")))
                .hasMessageContaining("values don't meet the specifications of the schema")
                .hasMessageContaining("mariadb.port: Invalid type. Expected: integer, given: string");
    }

    @Test
    void aNegativeWriteIntervalIsRejectedByTheSchema() {
        assertThatThrownBy(() -> render("x", Map.of("client.writeInterval", "-1")))
                .hasMessageContaining("values don't meet the specifications of the schema")
                .hasMessageContaining("client.writeInterval: Must be greater than or equal to 0");
    }

    @Test
    void otherBadValuesAreRejectedByTheSchema() {
        assertThatThrownBy(() -> render("x", Map.of("client.writeInterval", "fast")))
                .hasMessageContaining("client.writeInterval: Does not match pattern");
        assertThatThrownBy(() -> render("x", Map.of("mariadb.port", "70000")))
                .hasMessageContaining("mariadb.port: Must be less than or equal to 65535");
        assertThatThrownBy(() -> render("x", Map.of("replicaCount", "two")))
                .hasMessageContaining("replicaCount: Invalid type. Expected: integer, given: string");
        assertThatThrownBy(() -> render("x", Map.of("mariadb.passwordSecret.name", "")))
                .hasMessageContaining("mariadb.passwordSecret.name: String length must be greater than or equal to 1");
        assertThatThrownBy(() -> render("x", Map.of("mariadb.hots", "typo")))
                .hasMessageContaining("Additional property hots is not allowed");
    }

    @Test
    void notesTellHowToWatchAndTriggerAFailover() {
        Release release = new Helm(CHART).install().withName("test-client").withNamespace("default")
                .set("mariadb.host", "mariadb-cluster-primary").dryRun().clientOnly().call();
        String notes = release.getOutput().substring(release.getOutput().indexOf("NOTES:"));
        assertThat(notes)
                .contains("kubectl logs -f deployment/mariadb-test-client -n default")
                .contains("kubectl delete pod")
                .contains("kubectl get mariadb mariadb-cluster -n default")
                .contains("'{\"spec\":{\"replication\":{\"primary\":{\"podIndex\":1}}}}'")
                .contains("kubectl port-forward -n default service/mariadb-test-client 8080:8080")
                .contains("curl -f http://localhost:8080/verdict")
                .doesNotContain("NOTE: mariadb.host");
        Release spanning = new Helm(CHART).install().withName("test-client").withNamespace("default")
                .dryRun().clientOnly().call();
        assertThat(spanning.getOutput()).contains("point the client at\n\"mariadb-cluster-primary\"")
                .doesNotContain("helm test");
        String persistent = new Helm(CHART).install().withName("test-client").withNamespace("db")
                .set("persistence.enabled", "true").dryRun().clientOnly().call().getOutput();
        assertThat(persistent).contains("kubectl logs -f statefulset/mariadb-test-client -n db")
                .contains("helm test test-client -n db --logs")
                .contains("kubectl cp db/mariadb-test-client-0:/data/run ./run-0");
    }
}
