package dev.failoverclient.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.failoverclient.history.History;
import dev.failoverclient.ledger.LedgerWriter;
import dev.failoverclient.ledger.Outcome;
import dev.failoverclient.verify.Analysis;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SummaryTest {
    @TempDir
    Path dir;

    @Test
    void anOutageOpenAtTheEndLastsUntilTheWriterStopped() {
        // One OK write ending at 1.0 s, one UNKNOWN ending at 6.0 s, then 120 s of probing without attempts.
        try (LedgerWriter w = new LedgerWriter(dir.resolve("ledger-c.jsonl"), "c", 0)) {
            w.begin(1, 900_000);
            w.end(1, 1_000_000, new Outcome.Ok(1));
            w.begin(2, 1_000_000);
            w.end(2, 6_000_000, new Outcome.Unknown(0, "08000", "Socket error"));
            w.stopped(121_000_000);
        }

        Map<String, Object> s = Summary.of(Analysis.run(History.read(dir, List.of()), null, List.of(), false)).asMap();

        assertThat(s.get("max_outage_ms")).isEqualTo(120_000L);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> outages = (List<Map<String, Object>>) s.get("outages");
        assertThat(outages).singleElement().satisfies(o -> {
            assertThat(o.get("end")).isNull();
            assertThat(o.get("duration_ms")).isEqualTo(120_000L);
        });
        // One acknowledged write over the 120.1 s the run lasted.
        assertThat(s.get("throughput_wps")).isEqualTo(0.0);
        // The rows were not read: the verdict and every count that needs them say so.
        assertThat(s.get("verdict")).isEqualTo("UNKNOWN");
        assertThat(s.get("reasons")).isEqualTo(Map.of("unreadable_nodes", 1L));
        assertThat(s.get("lost")).isNull();
        assertThat(s.get("unknown_committed")).isNull();
        assertThat(s.get("version")).isEqualTo(Version.current());
        assertThat(Version.current()).matches("\\d+\\.\\d+\\.\\d+.*");
    }
}
