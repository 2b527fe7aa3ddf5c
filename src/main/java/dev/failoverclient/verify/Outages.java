package dev.failoverclient.verify;

import dev.failoverclient.ledger.Attempt;
import java.util.ArrayList;
import java.util.List;

/** Finds the outages in one client's attempts (see {@link Outage} for the definition). */
public final class Outages {
    private Outages() {
    }

    /** @param attempts one client's attempts in sequence order */
    public static List<Outage> of(List<Attempt> attempts) {
        List<Outage> outages = new ArrayList<>();
        long lastOkEnd = -1;
        long start = -1;
        int failures = 0;
        for (Attempt a : attempts) {
            if (a.ok()) {
                if (failures > 0) {
                    outages.add(new Outage(a.clientId(), start, a.endMicros(), failures));
                    failures = 0;
                }
                lastOkEnd = a.endMicros();
            } else {
                if (failures == 0) {
                    start = lastOkEnd >= 0 ? lastOkEnd : a.startMicros();
                }
                failures++;
            }
        }
        if (failures > 0) {
            outages.add(new Outage(attempts.get(0).clientId(), start, -1, failures));
        }
        return outages;
    }
}
