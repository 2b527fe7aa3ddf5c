package dev.failoverclient.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class OutageRuleTest {

    /** One attempt per letter from {@code first}: O ok, F failed, U unknown; s starts at s*1000 µs, ends 500 µs later. */
    private static List<Outage> outages(long first, String letters) {
        OutageRule rule = new OutageRule("c");
        List<Outage> all = new ArrayList<>();
        for (int i = 0; i < letters.length(); i++) {
            long seq = first + i;
            Outcome outcome = switch (letters.charAt(i)) {
                case 'O' -> new Outcome.Ok(1);
                case 'F' -> new Outcome.Failed(1290, "HY000", "read-only");
                default -> new Outcome.Unknown(0, "08000", "Socket error");
            };
            Outage ended = rule.add(new Attempt("c", seq, seq * 1_000, seq * 1_000 + 500, outcome));
            if (ended != null) {
                all.add(ended);
            }
        }
        if (rule.open() != null) {
            all.add(rule.open());
        }
        return all;
    }

    @Test
    void outageRunsFromTheLastOkToTheFirstOkAfterIt() {
        List<Outage> outages = outages(1, "OOFUFOOFO");
        assertThat(outages).containsExactly(
                new Outage("c", 2_500, 6_500, 3, 3_500),
                new Outage("c", 7_500, 9_500, 1, 8_500));
        assertThat(outages.get(0).durationMillis(0)).isEqualTo(4);
    }

    @Test
    void outageAtTheStartBeginsWithTheFirstAttempt() {
        assertThat(outages(5, "FFO")).containsExactly(new Outage("c", 5_000, 7_500, 2, 5_500));
    }

    @Test
    void outageAtTheEndStaysOpen() {
        List<Outage> outages = outages(1, "OFF");
        assertThat(outages).containsExactly(new Outage("c", 1_500, -1, 2, 2_500));
        assertThat(outages.get(0).open()).isTrue();
        assertThat(outages.get(0).durationMillis(11_500)).isEqualTo(10);
    }

    @Test
    void noFailureNoOutage() {
        assertThat(outages(1, "OOO")).isEmpty();
        assertThat(outages(1, "")).isEmpty();
    }

    @Test
    void theRuleSaysWhenAnOutageOpensAndSinceWhen() {
        OutageRule rule = new OutageRule("c");
        assertThat(rule.openSinceMicros()).isEqualTo(-1);
        assertThat(rule.ok(1_000)).isNull();
        assertThat(rule.notOk(2_000, 2_500)).isTrue();
        assertThat(rule.notOk(3_000, 3_500)).isFalse();
        assertThat(rule.openSinceMicros()).isEqualTo(1_000);
        assertThat(rule.ok(4_500)).isEqualTo(new Outage("c", 1_000, 4_500, 2, 2_500));
        assertThat(rule.openSinceMicros()).isEqualTo(-1);
    }
}
