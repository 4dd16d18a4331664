package io.jenkins.plugins.runwayupscale.simulator;

import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.LongAdder;

/** Counts every request and, unless turned off for big runs, keeps a record of each. */
final class RequestLog {
    private final boolean keepRecords;
    private final Queue<RecordedRequest> records = new ConcurrentLinkedQueue<>();
    private final LongAdder posts = new LongAdder();
    private final LongAdder gets = new LongAdder();
    private final LongAdder deletes = new LongAdder();

    RequestLog(boolean keepRecords) {
        this.keepRecords = keepRecords;
    }

    void add(RecordedRequest request) {
        switch (request.method()) {
            case "POST" -> posts.increment();
            case "DELETE" -> deletes.increment();
            default -> {
                if (request.path().startsWith(RunwaySimulator.TASKS_PATH)) {
                    gets.increment();
                }
            }
        }
        if (keepRecords) {
            records.add(request);
        }
    }

    List<RecordedRequest> records() {
        return List.copyOf(records);
    }

    long posts() {
        return posts.sum();
    }

    long taskReads() {
        return gets.sum();
    }

    long deletes() {
        return deletes.sum();
    }

    void clear() {
        records.clear();
        posts.reset();
        gets.reset();
        deletes.reset();
    }
}
