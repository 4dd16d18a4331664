package io.jenkins.plugins.runwayupscale.upscale;

import io.jenkins.plugins.runwayupscale.client.RunwayTask;
import io.jenkins.plugins.runwayupscale.client.TaskStatus;
import java.util.List;

/** Readings of a Runway task, as the engine reports them. */
public final class Tasks {
    public static final String OUTPUT = "https://cdn.runway.example/out/final-4x.mp4";

    private Tasks() {}

    public static RunwayTask running(String id, double progress) {
        return new RunwayTask(id, TaskStatus.RUNNING, "RUNNING", progress, List.of(), null, null, null);
    }

    public static RunwayTask succeeded(String id) {
        return new RunwayTask(id, TaskStatus.SUCCEEDED, "SUCCEEDED", 1.0, List.of(OUTPUT), null, null, null);
    }

    public static RunwayTask failed(String id, String code, String failure) {
        return new RunwayTask(id, TaskStatus.FAILED, "FAILED", null, List.of(), failure, code, null);
    }
}
