package dev.failoverclient.history;

/** One file of a run's history, read entry by entry in its own (time) order. */
interface Source extends AutoCloseable {
    /** The next entry, or {@code null} at the end. */
    Entry next();

    @Override
    void close();
}
