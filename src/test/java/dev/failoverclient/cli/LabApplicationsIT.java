package dev.failoverclient.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.failoverclient.history.LabEvent;
import dev.failoverclient.ledger.Attempt;
import dev.failoverclient.ledger.Outcome;
import dev.failoverclient.report.TextReport;
import dev.failoverclient.testsupport.Ledger;
import dev.failoverclient.testsupport.RunFiles;
import dev.failoverclient.testsupport.Truth;
import dev.failoverclient.verify.ClientReport;
import dev.failoverclient.verify.Verdict;
import java.util.Map;
import java.util.SortedMap;
import org.junit.jupiter.api.Test;

/**
 * Writers that behave like applications, on a real cluster: a HikariCP pool through a switchover
 * (mariadb-operator #1509 and its remedy) and transactions cut by a killed primary, each held
 * against the ledgers and every node's rows read with plain SQL.
 */
class LabApplicationsIT extends LabScenarioHarness {
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * The lab's service, like a Kubernetes Service, leaves established connections where they are: a
     * pool with HikariCP's defaults keeps handing out its connections to the demoted primary, which
     * refuses every write read-only until the run ends (HikariCP retires a connection after 30 min).
     */
    @Test
    void aPoolWithHikariDefaultsKeepsWritingToTheDemotedPrimary() {
        run("switchover", "semisync", "--pool", "hikari");
        assertThat(result.verdict()).isEqualTo(Verdict.PASS);
        assertThat(assertCheckerMatchesIndependentTruth()).isEmpty();
        long switched = event(LabEvent.SWITCHED);
        long fault = event(LabEvent.FAULT);
        JsonNode summary = JSON.valueToTree(result.summary().asMap());
        for (Ledger l : ledgers()) {
            // Every attempt from the switch on was refused read-only: not one reached the new primary.
            assertThat(l.attempts().stream().filter(a -> a.startMicros() > switched)).isNotEmpty()
                    .allSatisfy(a -> assertThat(a.outcome()).as(l.clientId() + " " + a)
                            .isInstanceOfSatisfying(Outcome.Failed.class, f -> assertThat(f.code()).isEqualTo(1290)));
            long refused = l.attempts().stream().filter(a -> a.outcome() instanceof Outcome.Failed f
                    && f.code() == 1290).count();
            Attempt firstRefused = l.attempts().stream().filter(a -> !a.ok()).findFirst().orElseThrow();
            Attempt last = l.attempts().get(l.attempts().size() - 1);
            ClientReport r = report(l.clientId());
            assertThat(r.outages()).singleElement().satisfies(o -> {
                assertThat(o.open()).as("the writer never wrote again").isTrue();
                assertThat(o.startMicros()).isBetween(fault - 150_000, fault + 150_000);
            });
            JsonNode stuck = find(summary.at("/pool/stuck_on_read_only"), l.clientId());
            assertThat(stuck.get("attempts").asLong()).isEqualTo(refused);
            assertThat(stuck.get("duration_ms").asLong()).isEqualTo((last.endMicros() - firstRefused.startMicros())
                    / 1_000);
        }
        assertThat(summary.at("/pool/kind").asText()).isEqualTo("hikari");
        assertThat(summary.at("/pool/size").asInt()).isEqualTo(2);
        assertThat(summary.at("/pool/evict_on").asText()).isEqualTo("none");
        assertThat(TextReport.format(result.analysis()))
                .contains("lab-1: the pool kept handing out connections to a read-only node for ")
                .contains("--pool-evict-on read-only retires such connections");
    }

    /** The remedy: connections refused read-only leave the pool, and the writers follow the switch at once. */
    @Test
    void aPoolThatEvictsReadOnlyConnectionsFollowsTheSwitchover() {
        run("switchover", "semisync", "--pool", "hikari", "--pool-evict-on", "read-only");
        assertThat(result.verdict()).isEqualTo(Verdict.PASS);
        assertOutagesMatchGroundTruth(LabEvent.SWITCHED);
        assertThat(assertCheckerMatchesIndependentTruth()).isEmpty();
        JsonNode summary = JSON.valueToTree(result.summary().asMap());
        assertThat(summary.at("/pool/evict_on").asText()).isEqualTo("read-only");
        assertThat(TextReport.format(result.analysis())).doesNotContain("the pool kept handing out");
    }

    /**
     * With semi-sync and the replicas stalled, every COMMIT waits for an acknowledgement that never
     * comes: the primary is killed with transactions of 10 rows in COMMIT. Each such transaction is
     * UNKNOWN and, on every node, stored whole or not at all.
     */
    @Test
    void transactionsCutByAKilledPrimaryAreStoredWholeOrNotAtAll() throws Exception {
        run("replica-stall-kill", "semisync", "--transaction-rows", "10");
        assertThat(result.verdict()).isEqualTo(Verdict.PASS);
        assertThat(assertCheckerMatchesIndependentTruth()).isEmpty();
        for (String client : CLIENTS) {
            Truth.Ledger ledger = Truth.Ledger.read(runDir.resolve("ledger-" + client + ".jsonl"));
            assertThat(ledger.attempts().values()).as("every attempt is a transaction of 10 rows").containsOnly(10);
            assertThat(ledger.attempts().keySet()).allMatch(first -> (first - 1) % 10 == 0);
            long unknown = ledger.attempts().keySet().stream().filter(f -> ledger.outcomes().get(f).equals("UNKNOWN"))
                    .count();
            assertThat(unknown).as(client + ": transactions in COMMIT when the primary died").isPositive();
            for (Map.Entry<String, Map<String, SortedMap<Long, Integer>>> node : rowsByNode.entrySet()) {
                assertThat(Truth.partial(ledger, Truth.of(node.getValue(), client)))
                        .as(client + " on " + node.getKey()).isEmpty();
            }
        }
        JsonNode summary = JSON.valueToTree(result.summary().asMap());
        assertThat(summary.get("partial").asLong()).isZero();
        assertThat(summary.get("transaction_rows").asInt()).isEqualTo(10);
    }

    /**
     * {@code lab --read-check} needs no setup: the lab's read endpoint is a replica. Through a
     * switchover with semi-sync every acknowledged write shows there, and each is counted once.
     */
    @Test
    void theLabsReadEndpointShowsEveryAcknowledgedWrite() throws Exception {
        readCheck = true;
        run("switchover", "semisync");
        assertThat(result.verdict()).isEqualTo(Verdict.PASS);
        assertThat(assertCheckerMatchesIndependentTruth()).isEmpty();
        JsonNode summary = JSON.valueToTree(result.summary().asMap());
        assertThat(summary.get("stale_reads").asLong()).isZero();
        assertThat(summary.at("/read_visibility_ms/max").asDouble()).isPositive().isLessThan(2_000);
        for (String client : CLIENTS) {
            long ok = Truth.Ledger.read(runDir.resolve("ledger-" + client + ".jsonl")).with("OK").size();
            assertThat(RunFiles.visibleWrites(runDir, client)).as(client).isEqualTo(ok);
        }
    }

    private static JsonNode find(JsonNode array, String client) {
        for (JsonNode n : array) {
            if (n.get("client").asText().equals(client)) {
                return n;
            }
        }
        throw new AssertionError("no entry for " + client + " in " + array);
    }
}
