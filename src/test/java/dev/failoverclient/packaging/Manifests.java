package dev.failoverclient.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** Reading and checking Kubernetes YAML: parsing, lookups and the fields each kind requires. */
final class Manifests {
    static final Path ROOT = Path.of(System.getProperty("user.dir"));
    static final Path CHART = ROOT.resolve("chart");
    static final Path DEPLOY = ROOT.resolve("deploy");

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Pattern DNS_SUBDOMAIN =
            Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");
    private static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
    private static final Pattern ENV_NAME = Pattern.compile("[-._a-zA-Z][-._a-zA-Z0-9]*");

    /**
     * Fields of the mariadb-operator 26.6.0 API (docs/api_reference.md) that our manifests may
     * use; anything else is a typo or a field renamed by the operator.
     */
    private static final Map<String, Set<String>> MARIADB_FIELDS = Map.of(
            "spec", Set.of("rootPasswordSecretKeyRef", "rootEmptyPassword", "database", "username",
                    "passwordSecretKeyRef", "replicas", "storage", "replication", "galera", "image",
                    "imagePullPolicy", "port", "myCnf", "resources", "service", "primaryService",
                    "secondaryService", "maxScaleRef", "tls", "metrics", "affinity", "timeZone",
                    "podDisruptionBudget", "updateStrategy"),
            "spec.storage", Set.of("ephemeral", "size", "storageClassName", "resizeInUseVolumes",
                    "waitForVolumeResize", "volumeClaimTemplate", "pvcRetentionPolicy"),
            "spec.replication", Set.of("enabled", "primary", "replica", "gtidStrictMode", "gtidDomainId",
                    "serverIdStartIndex", "semiSyncEnabled", "semiSyncAckTimeout", "semiSyncWaitPoint",
                    "syncBinlog", "initContainer", "agent", "standaloneProbes"),
            "spec.replication.primary", Set.of("podIndex", "autoFailover", "autoFailoverDelay"),
            "spec.replication.replica", Set.of("replPasswordSecretKeyRef", "gtid", "connectionRetrySeconds",
                    "maxLagSeconds", "syncTimeout", "bootstrapFrom", "recovery"));

    private Manifests() {
    }

    static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** All non-empty documents of a (multi-document) YAML text. */
    static List<JsonNode> parseAll(String yaml) {
        List<JsonNode> docs = new ArrayList<>();
        try (var it = YAML.readerFor(JsonNode.class).<JsonNode>readValues(yaml)) {
            while (it.hasNext()) {
                JsonNode doc = it.next();
                if (doc != null && !doc.isNull() && !doc.isMissingNode() && doc.size() > 0) {
                    docs.add(doc);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return docs;
    }

    static JsonNode parseOne(Path file) {
        List<JsonNode> docs = parseAll(read(file));
        assertThat(docs).as("documents in %s", file).hasSize(1);
        return docs.get(0);
    }

    /** The only object of this kind. */
    static JsonNode only(List<JsonNode> objects, String kind) {
        List<JsonNode> found = objects.stream().filter(o -> kind.equals(o.path("kind").asText())).toList();
        assertThat(found).as("objects of kind %s", kind).hasSize(1);
        return found.get(0);
    }

    static JsonNode container(JsonNode deployment) {
        JsonNode containers = deployment.at("/spec/template/spec/containers");
        assertThat(containers.size()).as("containers").isEqualTo(1);
        return containers.get(0);
    }

    /** The env entry of that name (exactly one). */
    static JsonNode env(JsonNode container, String name) {
        List<JsonNode> found = new ArrayList<>();
        container.path("env").forEach(e -> {
            if (name.equals(e.path("name").asText())) {
                found.add(e);
            }
        });
        assertThat(found).as("env %s", name).hasSize(1);
        return found.get(0);
    }

    static boolean hasEnv(JsonNode container, String name) {
        for (JsonNode e : container.path("env")) {
            if (name.equals(e.path("name").asText())) {
                return true;
            }
        }
        return false;
    }

    /** A literal env value; fails when the variable comes from a reference. */
    static String envValue(JsonNode container, String name) {
        JsonNode e = env(container, name);
        assertThat(e.has("valueFrom")).as("%s is a literal", name).isFalse();
        return e.path("value").asText();
    }

    /** Checks the fields Kubernetes (or the operator) requires for each object's kind. */
    static void assertValidObject(JsonNode o, String where) {
        String kind = o.path("kind").asText();
        assertThat(o.path("apiVersion").asText()).as("%s: apiVersion", where).isNotBlank();
        assertThat(kind).as("%s: kind", where).isNotBlank();
        String name = o.at("/metadata/name").asText();
        assertThat(name).as("%s: metadata.name of %s", where, kind).matches(DNS_SUBDOMAIN).hasSizeLessThanOrEqualTo(253);
        String what = where + ": " + kind + "/" + name;
        switch (kind) {
            case "Deployment" -> assertValidDeployment(o, what);
            case "StatefulSet" -> {
                assertThat(o.at("/spec/serviceName").asText()).as("%s: serviceName", what).matches(DNS_LABEL);
                for (JsonNode claim : o.at("/spec/volumeClaimTemplates")) {
                    assertThat(claim.at("/metadata/name").asText()).as("%s: claim name", what).matches(DNS_LABEL);
                    assertThat(claim.at("/spec/accessModes").size()).as("%s: accessModes", what).isPositive();
                    assertThat(claim.at("/spec/resources/requests/storage").asText()).as("%s: storage", what)
                            .isNotBlank();
                }
                assertValidDeployment(o, what);
            }
            case "Pod" -> {
                assertThat(o.path("apiVersion").asText()).as(what).isEqualTo("v1");
                assertThat(o.at("/spec/containers").size()).as("%s: containers", what).isPositive();
                assertThat(o.at("/spec/restartPolicy").asText()).as("%s: a test pod runs once", what)
                        .isEqualTo("Never");
            }
            case "Secret" -> {
                assertThat(o.path("apiVersion").asText()).as(what).isEqualTo("v1");
                assertThat(o.has("data") || o.has("stringData")).as("%s: data or stringData", what).isTrue();
            }
            case "MariaDB" -> assertValidMariaDb(o, what);
            case "Service" -> {
                assertThat(o.path("apiVersion").asText()).as(what).isEqualTo("v1");
                assertThat(o.at("/spec/selector").size()).as("%s: selector", what).isPositive();
                for (JsonNode p : o.at("/spec/ports")) {
                    assertThat(p.path("port").asInt()).as(what).isBetween(1, 65535);
                    assertThat(p.path("name").asText()).as(what).matches(DNS_LABEL);
                }
            }
            case "PodMonitor" -> {
                assertThat(o.path("apiVersion").asText()).as(what).isEqualTo("monitoring.coreos.com/v1");
                assertThat(o.at("/spec/selector/matchLabels").size()).as("%s: selector", what).isPositive();
                assertThat(o.at("/spec/podMetricsEndpoints").size()).as("%s: endpoints", what).isPositive();
            }
            case "ConfigMap" -> {
                assertThat(o.path("apiVersion").asText()).as(what).isEqualTo("v1");
                assertThat(o.path("data").size()).as("%s: data", what).isPositive();
            }
            default -> throw new AssertionError(what + ": no check for this kind; add one");
        }
    }

    private static void assertValidDeployment(JsonNode d, String what) {
        assertThat(d.path("apiVersion").asText()).as(what).isEqualTo("apps/v1");
        assertThat(d.at("/metadata/name").asText()).as("%s: name is a DNS label", what).matches(DNS_LABEL)
                .hasSizeLessThanOrEqualTo(63);
        JsonNode selector = d.at("/spec/selector/matchLabels");
        assertThat(selector.size()).as("%s: spec.selector.matchLabels", what).isPositive();
        JsonNode podLabels = d.at("/spec/template/metadata/labels");
        selector.properties().forEach(e -> assertThat(podLabels.path(e.getKey()).asText())
                .as("%s: pod label %s matches the selector", what, e.getKey()).isEqualTo(e.getValue().asText()));
        JsonNode pod = d.at("/spec/template/spec");
        assertThat(pod.path("containers").size()).as("%s: containers", what).isPositive();
        Set<String> volumes = new HashSet<>();
        d.at("/spec/volumeClaimTemplates").forEach(c -> volumes.add(c.at("/metadata/name").asText()));
        pod.path("volumes").forEach(v -> {
            assertThat(v.path("name").asText()).as("%s: volume name", what).matches(DNS_LABEL);
            assertThat(volumes.add(v.path("name").asText())).as("%s: unique volume names", what).isTrue();
        });
        for (JsonNode c : pod.path("containers")) {
            assertThat(c.path("name").asText()).as("%s: container name", what).matches(DNS_LABEL);
            assertThat(c.path("image").asText()).as("%s: container image", what).isNotBlank();
            for (JsonNode e : c.path("env")) {
                assertThat(e.path("name").asText()).as("%s: env name", what).matches(ENV_NAME);
                assertThat(e.has("value") && e.has("valueFrom"))
                        .as("%s: env %s has value or valueFrom, not both", what, e.path("name").asText()).isFalse();
                if (e.has("valueFrom")) {
                    JsonNode from = e.get("valueFrom");
                    if (from.has("secretKeyRef")) {
                        assertThat(from.at("/secretKeyRef/name").asText()).as(what).isNotBlank();
                        assertThat(from.at("/secretKeyRef/key").asText()).as(what).isNotBlank();
                    } else if (from.has("fieldRef")) {
                        assertThat(from.at("/fieldRef/fieldPath").asText()).as(what).isNotBlank();
                    }
                }
            }
            for (JsonNode m : c.path("volumeMounts")) {
                assertThat(volumes).as("%s: volumeMount %s refers to a volume", what, m.path("name").asText())
                        .contains(m.path("name").asText());
                assertThat(m.path("mountPath").asText()).as(what).startsWith("/");
            }
            Set<String> ports = new HashSet<>();
            for (JsonNode p : c.path("ports")) {
                assertThat(p.path("containerPort").asInt()).as(what).isBetween(1, 65535);
                ports.add(p.path("name").asText());
            }
            for (String probe : List.of("startupProbe", "livenessProbe", "readinessProbe")) {
                JsonNode port = c.at("/" + probe + "/httpGet/port");
                if (!port.isMissingNode() && port.isTextual()) {
                    assertThat(ports).as("%s: %s names a container port", what, probe).contains(port.asText());
                }
            }
        }
    }

    private static void assertValidMariaDb(JsonNode m, String what) {
        assertThat(m.path("apiVersion").asText()).as(what).isEqualTo("k8s.mariadb.com/v1alpha1");
        JsonNode spec = m.path("spec");
        assertKnownFields(spec, "spec", what);
        assertKnownFields(spec.path("storage"), "spec.storage", what);
        assertKnownFields(spec.path("replication"), "spec.replication", what);
        assertKnownFields(spec.at("/replication/primary"), "spec.replication.primary", what);
        assertKnownFields(spec.at("/replication/replica"), "spec.replication.replica", what);
        assertThat(spec.at("/storage/size").isValueNode() || spec.at("/storage/ephemeral").asBoolean())
                .as("%s: spec.storage.size (or ephemeral)", what).isTrue();
        boolean rootRef = spec.has("rootPasswordSecretKeyRef");
        assertThat(rootRef || spec.path("rootEmptyPassword").asBoolean())
                .as("%s: rootPasswordSecretKeyRef or rootEmptyPassword", what).isTrue();
        if (rootRef) {
            assertSecretKeyRef(spec.get("rootPasswordSecretKeyRef"), what + ": rootPasswordSecretKeyRef");
        }
        if (spec.has("username")) {
            assertSecretKeyRef(spec.path("passwordSecretKeyRef"), what + ": passwordSecretKeyRef (username is set)");
        }
        int replicas = spec.path("replicas").asInt(1);
        boolean ha = spec.at("/replication/enabled").asBoolean() || spec.at("/galera/enabled").asBoolean();
        // The operator's webhook: several replicas need an HA topology, and an HA topology needs several.
        assertThat(ha ? replicas > 1 : replicas <= 1).as("%s: replicas %d with HA %s", what, replicas, ha).isTrue();
        JsonNode podIndex = spec.at("/replication/primary/podIndex");
        if (!podIndex.isMissingNode()) {
            assertThat(podIndex.asInt()).as("%s: podIndex", what).isBetween(0, replicas - 1);
        }
        JsonNode waitPoint = spec.at("/replication/semiSyncWaitPoint");
        if (!waitPoint.isMissingNode()) {
            assertThat(waitPoint.asText()).as(what).isIn("AfterSync", "AfterCommit");
        }
    }

    private static void assertSecretKeyRef(JsonNode ref, String what) {
        assertThat(ref.path("name").asText()).as("%s.name", what).matches(DNS_SUBDOMAIN);
        assertThat(ref.path("key").asText()).as("%s.key", what).isNotBlank();
    }

    private static void assertKnownFields(JsonNode node, String path, String what) {
        if (node == null || node instanceof MissingNode) {
            return;
        }
        Set<String> allowed = MARIADB_FIELDS.get(path);
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String field = it.next();
            assertThat(allowed).as("%s: %s.%s is not a field of mariadb-operator 26.6.0", what, path, field)
                    .contains(field);
        }
    }
}
