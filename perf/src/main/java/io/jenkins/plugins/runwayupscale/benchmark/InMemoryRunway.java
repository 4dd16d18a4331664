package io.jenkins.plugins.runwayupscale.benchmark;

import io.jenkins.plugins.runwayupscale.client.FileFetch;
import io.jenkins.plugins.runwayupscale.client.HttpAnswer;
import io.jenkins.plugins.runwayupscale.client.HttpCall;
import io.jenkins.plugins.runwayupscale.client.HttpTransport;
import io.jenkins.plugins.runwayupscale.client.Scheduler;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Answers task reads from the generated plans at the scheduler's virtual time, so the real engine can be run
 * through hours of polling in a second. Counts the reads of each task.
 */
final class InMemoryRunway implements HttpTransport {
    private final Map<String, TaskPlan> plans = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> reads = new ConcurrentHashMap<>();
    private final Scheduler clock;

    InMemoryRunway(Iterable<TaskPlan> plans, Scheduler clock) {
        plans.forEach(p -> this.plans.put(p.id(), p));
        this.clock = clock;
    }

    @Override
    public CompletableFuture<HttpAnswer> send(HttpCall call) {
        String path = call.uri().getPath();
        String id = path.substring(path.lastIndexOf('/') + 1);
        TaskPlan plan = plans.get(id);
        if (plan == null || !call.method().equals("GET")) {
            return CompletableFuture.completedFuture(new HttpAnswer(404, Map.of(), "{\"error\":{\"message\":\"no\"}}"));
        }
        reads.computeIfAbsent(id, k -> new AtomicInteger()).incrementAndGet();
        String body = body(plan, clock.now());
        return CompletableFuture.completedFuture(new HttpAnswer(200, Map.of(), body));
    }

    @Override
    public CompletableFuture<FileFetch> fetchToFile(URI uri, Path file) {
        return CompletableFuture.failedFuture(new UnsupportedOperationException("no downloads in virtual time"));
    }

    int reads(String id) {
        AtomicInteger n = reads.get(id);
        return n == null ? 0 : n.get();
    }

    static String body(TaskPlan plan, Instant now) {
        if (now.isBefore(plan.submitAt().plus(plan.pending()))) {
            return task(plan, "PENDING", null);
        }
        if (now.isBefore(plan.runningFrom())) {
            return task(plan, "THROTTLED", null);
        }
        if (!now.isBefore(plan.finishAt())) {
            return task(plan, "SUCCEEDED", ",\"output\":[\"https://cdn.example.com/" + plan.id() + ".mp4\"]");
        }
        double fraction = (double) Duration.between(plan.runningFrom(), now).toMillis()
                / plan.running().toMillis();
        Double shown = plan.progress().at(fraction, new SplittableRandom(plan.noiseSeed() ^ now.toEpochMilli()));
        return task(plan, "RUNNING", shown == null ? null : String.format(Locale.ROOT, ",\"progress\":%.4f", shown));
    }

    private static String task(TaskPlan plan, String status, String extra) {
        return "{\"id\":\"" + plan.id() + "\",\"status\":\"" + status + "\"" + (extra == null ? "" : extra) + "}";
    }
}
