package dev.failoverclient.verify;

import dev.failoverclient.history.Entry;

/**
 * One check of the analysis, the way Jepsen composes checkers: it reads every entry of a run's
 * history once, in time order, and then says what it found. {@link Analysis} runs a list of them
 * over one replay and derives the verdict from their findings' reasons. A new kind of finding is a
 * new check (and its rendering in the reports), nothing else.
 */
interface Check {

    /** One entry of the history; entries come in time order. */
    void accept(Entry e);

    /**
     * What the check found, once every entry was read.
     *
     * @param runEndMicros when the run ended (the last writer's stop or attempt): what is still open ends here
     * @return the finding, or {@code null} when the run gave the check nothing to look at
     */
    Finding finish(long runEndMicros);
}
