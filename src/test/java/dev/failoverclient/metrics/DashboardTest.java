package dev.failoverclient.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The chart's Grafana dashboard queries only metrics the client exports: a renamed metric breaks this, not a panel. */
class DashboardTest {
    private static final Pattern METRIC = Pattern.compile("mariadb_failover_[a-z_]+");

    @Test
    void everyMetricTheDashboardQueriesIsExported() throws Exception {
        WriterMetrics writers = new WriterMetrics(1);
        new NodeMetrics(writers.registry());
        Set<String> exported = writers.registry().scrape().stream().map(s -> s.getMetadata().getPrometheusName())
                .collect(Collectors.toSet());

        Set<String> queried = new TreeSet<>();
        Matcher m = METRIC.matcher(Files.readString(Path.of("chart/dashboards/mariadb-failover-client.json")));
        while (m.find()) {
            queried.add(m.group().replaceFirst("_(bucket|sum|count|total)$", ""));
        }
        assertThat(queried).hasSizeGreaterThanOrEqualTo(12).allSatisfy(q -> assertThat(exported).contains(q));
    }
}
