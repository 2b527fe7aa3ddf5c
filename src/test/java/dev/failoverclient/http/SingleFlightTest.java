package dev.failoverclient.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class SingleFlightTest {

    @Test
    void callersWhileOneComputationRunsShareItsResult() throws Exception {
        AtomicInteger runs = new AtomicInteger();
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        ExecutorService runner = Executors.newSingleThreadExecutor(r -> new Thread(r, "flight"));
        SingleFlight<Integer> flight = new SingleFlight<>(() -> {
            int n = runs.incrementAndGet();
            started.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return n;
        }, runner);
        try {
            List<CompletableFuture<Integer>> results = new ArrayList<>();
            results.add(flight.get());
            assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
            for (int i = 0; i < 500; i++) {
                results.add(flight.get());
            }
            assertThat(results).noneMatch(CompletableFuture::isDone);
            release.countDown();
            for (CompletableFuture<Integer> r : results) {
                assertThat(r.get(10, TimeUnit.SECONDS)).isEqualTo(1);
            }
            assertThat(runs.get()).isEqualTo(1);
            // Once it is done, the next caller runs a new one.
            assertThat(flight.get().get(10, TimeUnit.SECONDS)).isEqualTo(2);
        } finally {
            runner.shutdownNow();
        }
    }

    @Test
    void aFailureReachesEveryCallerAndTheNextCallTriesAgain() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        ExecutorService runner = Executors.newSingleThreadExecutor(r -> new Thread(r, "flight"));
        SingleFlight<String> flight = new SingleFlight<>(() -> {
            if (calls.incrementAndGet() == 1) {
                throw new IllegalStateException("server gone");
            }
            return "ok";
        }, runner);
        try {
            assertThatThrownBy(() -> flight.get().get(10, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                    .hasCauseInstanceOf(IllegalStateException.class).hasRootCauseMessage("server gone");
            assertThat(flight.get().get(10, TimeUnit.SECONDS)).isEqualTo("ok");
        } finally {
            runner.shutdownNow();
        }
    }
}
