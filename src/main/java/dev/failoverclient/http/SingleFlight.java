package dev.failoverclient.http;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

/**
 * Runs at most one computation at a time, on its own thread: every caller that asks while one runs
 * gets that one's result instead of starting another, and nobody blocks a thread to wait for it.
 */
final class SingleFlight<T> {
    private final Supplier<T> compute;
    private final Executor runner;
    private CompletableFuture<T> running;

    /** @param runner where the computations run, one at a time */
    SingleFlight(Supplier<T> compute, Executor runner) {
        this.compute = compute;
        this.runner = runner;
    }

    /** The computation in progress, or a new one when none runs. */
    synchronized CompletableFuture<T> get() {
        if (running == null) {
            CompletableFuture<T> mine = new CompletableFuture<>();
            running = mine;
            runner.execute(() -> {
                try {
                    T result = compute.get();
                    done(mine);
                    mine.complete(result);
                } catch (RuntimeException e) {
                    done(mine);
                    mine.completeExceptionally(e);
                }
            });
        }
        return running;
    }

    /** The next caller starts afresh: a computation's result is as old as its start. */
    private synchronized void done(CompletableFuture<T> finished) {
        if (running == finished) {
            running = null;
        }
    }
}
