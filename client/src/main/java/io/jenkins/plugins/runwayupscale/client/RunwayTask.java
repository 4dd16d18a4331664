package io.jenkins.plugins.runwayupscale.client;

import java.util.List;
import java.util.Locale;

/**
 * One reading of a Runway task, whichever response shape it came in.
 *
 * @param id the task id
 * @param status the mapped status
 * @param rawStatus the status exactly as CometAPI sent it
 * @param progress 0..1, or null when the task reports none
 * @param outputs output URLs (only when SUCCEEDED)
 * @param failure Runway's failure text, or null
 * @param failureCode Runway's dotted failure code, or null
 * @param createdAt creation time as sent, or null
 */
public record RunwayTask(
        String id,
        TaskStatus status,
        String rawStatus,
        Double progress,
        List<String> outputs,
        String failure,
        String failureCode,
        String createdAt) {

    public RunwayTask {
        outputs = outputs == null ? List.of() : List.copyOf(outputs);
    }

    /** "RUNNING 45%", "PENDING", "WARMING_UP (unknown status)". */
    public String describeStatus() {
        String name = status == TaskStatus.UNKNOWN ? rawStatus + " (unknown status)" : status.name();
        if (progress != null && !status.isTerminal()) {
            return name + " " + percent() + "%";
        }
        return name;
    }

    /** Progress as a whole percentage, 0 when unknown. */
    public int percent() {
        return progress == null ? 0 : (int) Math.floor(progress * 100 + 1e-9);
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "RunwayTask[%s %s, outputs=%d]", id, describeStatus(), outputs.size());
    }
}
