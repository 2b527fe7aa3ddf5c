package dev.failoverclient.verify;

import dev.failoverclient.ledger.Attempt;
import java.util.ArrayList;
import java.util.List;

/** Finds one client's outages (see {@link Outage}) as its attempts stream by, in attempt order. */
public final class Outages {
    private final String clientId;
    private final List<Outage> closed = new ArrayList<>();
    private long lastOkEnd = -1;
    private long start = -1;
    private long firstFailureEnd = -1;
    private int failures;

    public Outages(String clientId) {
        this.clientId = clientId;
    }

    public void add(Attempt a) {
        if (a.ok()) {
            if (failures > 0) {
                closed.add(new Outage(clientId, start, a.endMicros(), failures, firstFailureEnd));
                failures = 0;
            }
            lastOkEnd = a.endMicros();
            return;
        }
        if (failures == 0) {
            start = lastOkEnd >= 0 ? lastOkEnd : a.startMicros();
            firstFailureEnd = a.endMicros();
        }
        failures++;
    }

    /** Every outage so far, the one still open (if any) last. */
    public List<Outage> list() {
        List<Outage> all = new ArrayList<>(closed);
        if (failures > 0) {
            all.add(new Outage(clientId, start, -1, failures, firstFailureEnd));
        }
        return all;
    }
}
