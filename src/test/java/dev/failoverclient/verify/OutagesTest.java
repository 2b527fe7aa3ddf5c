package dev.failoverclient.verify;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class OutagesTest {

    @Test
    void outageRunsFromTheLastOkToTheFirstOkAfterIt() {
        // sequence s starts at s*1000 µs and ends 500 µs later
        List<Outage> outages = Outages.of(CheckerTest.ledger(1, "OOFUFOOFO").attempts());
        assertThat(outages).containsExactly(
                new Outage("c", 2_500, 6_500, 3),
                new Outage("c", 7_500, 9_500, 1));
        assertThat(outages.get(0).durationMillis(0)).isEqualTo(4);
    }

    @Test
    void outageAtTheStartBeginsWithTheFirstAttempt() {
        assertThat(Outages.of(CheckerTest.ledger(5, "FFO").attempts()))
                .containsExactly(new Outage("c", 5_000, 7_500, 2));
    }

    @Test
    void outageAtTheEndStaysOpen() {
        List<Outage> outages = Outages.of(CheckerTest.ledger(1, "OFF").attempts());
        assertThat(outages).containsExactly(new Outage("c", 1_500, -1, 2));
        assertThat(outages.get(0).open()).isTrue();
        assertThat(outages.get(0).durationMillis(11_500)).isEqualTo(10);
    }

    @Test
    void noFailureNoOutage() {
        assertThat(Outages.of(CheckerTest.ledger(1, "OOO").attempts())).isEmpty();
        assertThat(Outages.of(List.of())).isEmpty();
    }
}
