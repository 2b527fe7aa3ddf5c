package dev.failoverclient.http;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;

/**
 * Runs at most one computation at a time: a caller that arrives while one runs waits for it and
 * shares its result instead of starting another.
 */
final class SingleFlight<T> {
    private final Supplier<T> compute;
    private CompletableFuture<T> running;

    SingleFlight(Supplier<T> compute) {
        this.compute = compute;
    }

    T get() {
        CompletableFuture<T> mine = null;
        CompletableFuture<T> shared;
        synchronized (this) {
            if (running == null) {
                running = new CompletableFuture<>();
                mine = running;
            }
            shared = running;
        }
        if (mine != null) {
            try {
                mine.complete(compute.get());
            } catch (RuntimeException e) {
                mine.completeExceptionally(e);
            } finally {
                synchronized (this) {
                    running = null;
                }
            }
        }
        try {
            return shared.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
    }
}
