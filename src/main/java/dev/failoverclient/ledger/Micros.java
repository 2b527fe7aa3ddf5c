package dev.failoverclient.ledger;

import java.time.Clock;
import java.time.Instant;

/** Times in the run folder are epoch microseconds (UTC, wall clock): the writers' and the lab's alike. */
public final class Micros {
    private Micros() {
    }

    public static long of(Instant t) {
        return t.getEpochSecond() * 1_000_000 + t.getNano() / 1_000;
    }

    public static long now(Clock clock) {
        return of(clock.instant());
    }

    public static Instant toInstant(long micros) {
        return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000), Math.floorMod(micros, 1_000_000) * 1_000L);
    }

    /** ISO-8601 UTC with microseconds, as the summary prints times: {@code 2025-01-08T10:35:21.012345Z}. */
    public static String iso(long micros) {
        return toInstant(micros).toString();
    }
}
