package dev.failoverclient.verify;

/**
 * One thing a check contributes to the verdict: {@code key} for the JSON summary, {@code label} for
 * the verdict line, a count, and what a non-zero count makes of the verdict ({@link Verdict#FAIL} or
 * {@link Verdict#UNKNOWN}). A zero count says the check ran and found nothing: a PASS line names
 * those ({@code lost 0, duplicates 0, unexpected 0}).
 */
public record Reason(String key, String label, long count, Verdict effect) {

    public Reason {
        if (effect == Verdict.PASS) {
            throw new IllegalArgumentException("a reason fails the verdict or leaves it unknown");
        }
    }

    public static Reason fails(String key, String label, long count) {
        return new Reason(key, label, count, Verdict.FAIL);
    }

    public static Reason unknown(String key, String label, long count) {
        return new Reason(key, label, count, Verdict.UNKNOWN);
    }

    @Override
    public String toString() {
        return label + " " + count;
    }
}
