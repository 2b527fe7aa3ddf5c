package dev.failoverclient.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.failoverclient.testsupport.Browser;
import dev.failoverclient.testsupport.ClientProcess;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.SchemaFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

/**
 * Everything a lab run leaves for people and machines, from one real two-cycle kill-primary run:
 * the live HTTP endpoint while it runs (metrics the chart's dashboard queries among them), the
 * HTML report as Chromium shows it, and the JUnit XML.
 */
class LabOutputsIT {
    private static final Pattern ENDPOINT = Pattern.compile("HTTP endpoint on http://127\\.0\\.0\\.1:(\\d+)/");
    private static final Pattern METRIC = Pattern.compile("\\b((?:mariadb_failover|jvm)_[a-z_]+)");

    @TempDir
    Path dir;

    @Test
    void aLabRunIsWatchableLiveAndLeavesAReadableReportAndJUnitXml() throws Exception {
        Path run = dir.resolve("run");
        Path junit = dir.resolve("junit.xml");
        ClientProcess lab = ClientProcess.start(List.of("lab", "--run-dir", run.toString(), "--repeat", "2",
                "--warmup", "2s", "--recovery", "2s", "--junit", junit.toString(), "--http-port", "0"), Map.of());
        try (lab) {
            await().atMost(Duration.ofSeconds(90)).until(() -> lab.stdout().stream().anyMatch(l -> ENDPOINT.matcher(l)
                    .find()));
            Matcher m = lab.stdout().stream().map(ENDPOINT::matcher).filter(Matcher::find).findFirst().orElseThrow();
            String base = "http://127.0.0.1:" + m.group(1);
            await().atMost(Duration.ofSeconds(60)).until(() -> get(base + "/status").body().contains("\"writing\""));
            assertThat(get(base + "/healthz").statusCode()).isEqualTo(200);
            String metrics = get(base + "/metrics").body();
            assertThat(metricsTheDashboardQueries()).allSatisfy(name -> assertThat(metrics)
                    .as("the dashboard queries %s", name).containsPattern("(?m)^" + name + "[{ ]"));
            // Between faults the service leads to a writable primary and nothing is lost.
            await().atMost(Duration.ofSeconds(30)).until(() -> get(base + "/verdict").statusCode() == 200);
            assertThat(new ObjectMapper().readTree(get(base + "/verdict").body()).get("verdict").asText())
                    .isIn("PASS", "UNKNOWN");
            assertThat(lab.waitFor(Duration.ofMinutes(2))).as(lab.output()).isZero();
        }
        JsonNode summary = new ObjectMapper().readTree(run.resolve("summary.json").toFile());
        int outages = summary.get("outages").size();
        assertThat(outages).isEqualTo(4);

        reportInABrowser(run.resolve("report.html"), outages);

        SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI).newSchema(getClass().getResource("/junit.xsd"))
                .newValidator().validate(new StreamSource(junit.toFile()));
        Document xml = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(junit.toFile());
        assertThat(xml.getElementsByTagName("testsuite").getLength()).isEqualTo(2);
        assertThat(xml.getDocumentElement().getAttribute("tests")).isEqualTo("20");
        assertThat(xml.getDocumentElement().getAttribute("failures")).isEqualTo("0");
    }

    /** What a person checks first, in the page as Chromium renders it. */
    private void reportInABrowser(Path report, int outages) throws Exception {
        try (Browser browser = Browser.start(dir)) {
            browser.open(report.toUri().toString(), 1280, 900);

            assertThat(browser.evaluate("document.getElementById('verdict').textContent").asText()).isEqualTo("PASS");
            assertThat(browser.evaluate("document.getElementById('verdict').getBoundingClientRect().height").asDouble())
                    .isGreaterThan(10);
            assertThat(browser.evaluate("document.getElementById('outage-count').textContent").asText())
                    .isEqualTo(Integer.toString(outages));
            assertThat(browser.evaluate("document.querySelectorAll('svg.timeline').length").asInt()).isEqualTo(2);
            assertThat(browser.evaluate("[...document.querySelectorAll('svg.timeline')].map(s =>"
                    + " s.querySelector('path.ok').getAttribute('d').length).every(n => n > 200)").asBoolean()).isTrue();
            assertThat(browser.evaluate("[...document.querySelectorAll('svg.timeline')].map(s =>"
                    + " s.querySelectorAll('rect.outage').length + '/' + s.querySelectorAll('line.fault').length)"
                    + ".join(',')").asText()).isEqualTo("2/2,2/2");
            JsonNode box = browser.evaluate("(() => { const r = document.querySelector('svg.timeline')"
                    + ".getBoundingClientRect(); return {x: r.x, y: r.y + window.scrollY, w: r.width, h: r.height}; })()");
            byte[] png = browser.screenshot();
            Files.write(Path.of("target", "lab-report.png"), png);
            BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
            assertThat(drawnPixels(image, box)).as("green (acknowledged) pixels in the first timeline")
                    .isGreaterThan(100);
            assertThat(browser.errors()).as("console errors").isEmpty();
        }
    }

    /** Pixels of the acknowledged writes' green (#1f883d) inside the timeline's box. */
    private static int drawnPixels(BufferedImage image, JsonNode box) {
        int green = 0;
        Set<Integer> colours = new HashSet<>();
        for (int y = box.get("y").asInt(); y < Math.min(image.getHeight(), box.get("y").asInt() + box.get("h").asInt()); y++) {
            for (int x = box.get("x").asInt(); x < Math.min(image.getWidth(), box.get("x").asInt() + box.get("w").asInt()); x++) {
                int rgb = image.getRGB(x, y) & 0xffffff;
                colours.add(rgb);
                int r = rgb >> 16;
                int g = rgb >> 8 & 0xff;
                int b = rgb & 0xff;
                if (Math.abs(r - 0x1f) < 40 && Math.abs(g - 0x88) < 40 && Math.abs(b - 0x3d) < 40) {
                    green++;
                }
            }
        }
        assertThat(colours.size()).as("colours in the timeline (a blank one has a handful)").isGreaterThan(20);
        return green;
    }

    private static Set<String> metricsTheDashboardQueries() throws Exception {
        JsonNode dashboard = new ObjectMapper().readTree(Path.of("chart", "dashboards", "mariadb-failover-client.json")
                .toFile());
        Set<String> names = new TreeSet<>();
        for (JsonNode panel : dashboard.get("panels")) {
            for (JsonNode target : panel.get("targets")) {
                Matcher m = METRIC.matcher(target.get("expr").asText());
                while (m.find()) {
                    names.add(m.group(1));
                }
            }
        }
        assertThat(names).contains("mariadb_failover_writes_total", "mariadb_failover_write_latency_seconds_bucket",
                "mariadb_failover_outage_in_progress", "mariadb_failover_lost_writes_total");
        return names;
    }

    private static HttpResponse<String> get(String url) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .build(), HttpResponse.BodyHandlers.ofString());
    }
}
