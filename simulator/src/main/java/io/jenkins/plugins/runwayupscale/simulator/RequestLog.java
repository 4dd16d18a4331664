package io.jenkins.plugins.runwayupscale.simulator;

import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts every request exactly and keeps a record of the most recent ones, up to a limit, so thousands of tasks
 * polled for minutes do not fill the heap.
 */
final class RequestLog {
    private final int limit;
    private final Queue<RecordedRequest> records = new ConcurrentLinkedQueue<>();
    private final AtomicInteger kept = new AtomicInteger();
    private final LongAdder posts = new LongAdder();
    private final LongAdder taskReads = new LongAdder();
    private final LongAdder deletes = new LongAdder();
    private final LongAdder downloads = new LongAdder();

    /** {@code limit} 0 keeps counts only. */
    RequestLog(int limit) {
        this.limit = limit;
    }

    void add(RecordedRequest request) {
        switch (request.method()) {
            case "POST" -> posts.increment();
            case "DELETE" -> deletes.increment();
            case "GET" -> {
                if (request.path().startsWith(RunwaySimulator.TASKS_PATH)) {
                    taskReads.increment();
                } else if (request.path().startsWith(RunwaySimulator.OUTPUTS_PATH)) {
                    downloads.increment();
                }
            }
            default -> {}
        }
        if (limit > 0) {
            records.add(request);
            if (kept.incrementAndGet() > limit && records.poll() != null) {
                kept.decrementAndGet();
            }
        }
    }

    List<RecordedRequest> records() {
        return List.copyOf(records);
    }

    /** Kept records of this method ({@code "*"} for any) whose path starts with the prefix. */
    long count(String method, String pathPrefix) {
        return records.stream()
                .filter(r -> method.equals("*") || r.method().equalsIgnoreCase(method))
                .filter(r -> r.path().startsWith(pathPrefix))
                .count();
    }

    long posts() {
        return posts.sum();
    }

    long taskReads() {
        return taskReads.sum();
    }

    long deletes() {
        return deletes.sum();
    }

    long downloads() {
        return downloads.sum();
    }

    void clear() {
        records.clear();
        kept.set(0);
        posts.reset();
        taskReads.reset();
        deletes.reset();
        downloads.reset();
    }
}
