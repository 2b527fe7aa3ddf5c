package dev.failoverclient.testsupport;

import dev.failoverclient.history.Entry;
import dev.failoverclient.history.History;
import dev.failoverclient.history.Replay;
import dev.failoverclient.ledger.Attempt;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** One client's ledger read into memory, as tests look at it: its attempts and online losses. */
public record Ledger(String clientId, List<Attempt> attempts, List<Long> losses) {

    /** Reads {@code clientId}'s ledger from the run folder through the client's own history reader. */
    public static Ledger read(Path runDir, String clientId) {
        List<Attempt> attempts = new ArrayList<>();
        List<Long> losses = new ArrayList<>();
        try (Replay r = History.read(runDir, List.of(clientId)).replay()) {
            for (Entry e = r.next(); e != null; e = r.next()) {
                if (e instanceof Entry.Attempted a) {
                    attempts.add(a.attempt());
                } else if (e instanceof Entry.LossFound l) {
                    losses.addAll(l.sequences());
                }
            }
        }
        return new Ledger(clientId, attempts, losses);
    }
}
