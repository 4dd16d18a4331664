package io.jenkins.plugins.runwayupscale.client;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** Builds the states a waiter hands its policy after a series of readings, as {@link TaskWaiter} keeps them. */
final class Readings {
    static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    private final String taskId;
    private final List<PollState.Observation> history = new ArrayList<>();
    private PollState.Observation last;
    private Instant readingSince;
    private Instant previousReadAt;
    private Instant runningFrom;
    private Instant runningSeenAt;
    private int polls;

    Readings() {
        this("t");
    }

    Readings(String taskId) {
        this.taskId = taskId;
    }

    Readings read(double secondsAfterSubmission, TaskStatus status, Double progress) {
        return read(T0.plusMillis((long) (secondsAfterSubmission * 1000)), status, progress);
    }

    Readings read(Instant at, TaskStatus status, Double progress) {
        if (last == null || last.status() != status || !Objects.equals(last.progress(), progress)) {
            readingSince = at;
        }
        if (runningFrom == null && status == TaskStatus.RUNNING) {
            runningFrom = last == null ? T0 : last.at();
            runningSeenAt = at;
        }
        if (last == null || last.status() != status || tenth(last.progress()) != tenth(progress)) {
            history.add(new PollState.Observation(at, status, progress));
        }
        previousReadAt = last == null ? null : last.at();
        last = new PollState.Observation(at, status, progress);
        polls++;
        return this;
    }

    private static int tenth(Double progress) {
        return progress == null ? -1 : (int) Math.floor(progress * 10 + 1e-9);
    }

    /** The state right after the last reading. */
    PollState state() {
        return state(last == null ? T0 : last.at());
    }

    PollState state(Instant now) {
        RunwayTask task = last == null
                ? null
                : new RunwayTask(
                        taskId, last.status(), last.status().name(), last.progress(), List.of(), null, null, null);
        return new PollState(
                taskId,
                "upscale_v1",
                T0,
                now,
                polls,
                task,
                readingSince,
                previousReadAt,
                runningFrom,
                runningSeenAt,
                List.copyOf(history.subList(Math.max(0, history.size() - 16), history.size())));
    }
}
