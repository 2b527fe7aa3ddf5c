package dev.failoverclient;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** A one-way stop request shared by the writers; waits end early when it is raised. */
public final class StopSignal {
    private final CountDownLatch latch = new CountDownLatch(1);

    public void request() {
        latch.countDown();
    }

    public boolean requested() {
        return latch.getCount() == 0;
    }

    /** Waits for a stop request; an interrupt counts as one. */
    public void await() {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            request();
        }
    }

    /**
     * Waits until {@code deadlineNanos} ({@link System#nanoTime()} scale) or a stop request.
     *
     * @return {@code true} when the deadline passed without a stop request
     */
    public boolean sleepUntil(long deadlineNanos) {
        long wait = deadlineNanos - System.nanoTime();
        if (wait <= 0) {
            return !requested();
        }
        try {
            return !latch.await(wait, TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            request();
            return false;
        }
    }
}
