package dev.failoverclient.verify;

import java.util.List;

/** The run's verdict and its exit code: PASS 0, FAIL 1, UNKNOWN 3 (a node could not be read). */
public enum Verdict {
    PASS(0), FAIL(1), UNKNOWN(3);

    private final int exitCode;

    Verdict(int exitCode) {
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }

    /**
     * FAIL when any client lost, duplicated or unexpectedly stored a write on the primary, or (with
     * {@code strictReplicas}) when another node differs; PASS otherwise.
     */
    public static Verdict of(List<ClientReport> clients, boolean strictReplicas) {
        return of(clients, strictReplicas, 0);
    }

    /**
     * As {@link #of(List, boolean)}, and FAIL when the online check found acknowledged writes
     * missing during the run ({@code onlineLost > 0}): they were absent where the client wrote.
     */
    public static Verdict of(List<ClientReport> clients, boolean strictReplicas, long onlineLost) {
        if (onlineLost > 0) {
            return FAIL;
        }
        for (ClientReport c : clients) {
            if (!c.clean()) {
                return FAIL;
            }
            if (strictReplicas && c.replicas().stream().anyMatch(r -> !r.clean())) {
                return FAIL;
            }
        }
        return PASS;
    }
}
