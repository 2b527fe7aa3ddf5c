package dev.failoverclient.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.failoverclient.ledger.Attempt;
import dev.failoverclient.ledger.Ledger;
import dev.failoverclient.ledger.Outcome;
import dev.failoverclient.verify.Conclusion;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SummaryTest {

    @Test
    void anOutageOpenAtTheEndLastsUntilTheWriterStopped() {
        // One OK write ending at 1.0 s, one UNKNOWN ending at 6.0 s, then 120 s of probing without attempts.
        Ledger l = new Ledger("c", List.of(
                new Attempt("c", 1, 900_000, 1_000_000, new Outcome.Ok(1)),
                new Attempt("c", 2, 1_000_000, 6_000_000, new Outcome.Unknown(0, "08000", "Socket error"))),
                List.of(), false, 121_000_000);

        Map<String, Object> s = Summary.of(Conclusion.of(List.of(), false, 0, 0), List.of(l), List.of(), 0).asMap();

        assertThat(s.get("max_outage_ms")).isEqualTo(120_000L);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> outages = (List<Map<String, Object>>) s.get("outages");
        assertThat(outages).singleElement().satisfies(o -> {
            assertThat(o.get("end")).isNull();
            assertThat(o.get("duration_ms")).isEqualTo(120_000L);
        });
        // One acknowledged write over the 120.1 s the run lasted.
        assertThat(s.get("throughput_wps")).isEqualTo(0.0);
    }

    @Test
    void theVerdictAndItsReasonsAndTheVersionAreInTheSummary() {
        Ledger l = new Ledger("c", List.of(new Attempt("c", 1, 900_000, 1_000_000, new Outcome.Ok(1))), List.of(5L),
                false);

        Map<String, Object> s = Summary.of(Conclusion.of(List.of(), false, 1, 0), List.of(l), List.of(), 1).asMap();

        assertThat(s.get("verdict")).isEqualTo("FAIL");
        assertThat(s.get("reasons")).isEqualTo(Map.of("online_loss", 1L));
        assertThat(s.get("version")).isEqualTo(Version.current());
        assertThat(Version.current()).matches("\\d+\\.\\d+\\.\\d+.*");
    }
}
