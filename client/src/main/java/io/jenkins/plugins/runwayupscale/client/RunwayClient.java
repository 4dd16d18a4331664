package io.jenkins.plugins.runwayupscale.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Pattern;

/**
 * CometAPI's Runway upscale endpoints for one key and one set of settings: submit, read, wait, cancel, download.
 * Cheap to create; the network and the scheduler belong to the {@link RunwayEngine} that made it.
 */
public final class RunwayClient {
    static final String SUBMIT_PATH = "/runwayml/v1/video_upscale";
    static final String TASKS_PATH = "/runwayml/v1/tasks/";
    static final int MAX_TASK_ID = 128;
    private static final Duration SUBMIT_LIMIT = Duration.ofMinutes(5);
    private static final Pattern TASK_ID = Pattern.compile("[A-Za-z0-9_-][A-Za-z0-9._-]*");
    private static final String TASK_ID_RULE =
            "letters, digits, '.', '_' and '-', not starting with '.', at most " + MAX_TASK_ID + " characters";

    private final RunwayEngine engine;
    private final RunwaySettings settings;
    private final ApiKey key;
    private final FailureClassifier classifier;
    private final ServerText text;
    private final RequestBudget budget;

    RunwayClient(RunwayEngine engine, RunwaySettings settings, ApiKey key) {
        this.budget = engine.budget(key);
        this.engine = engine;
        this.settings = settings;
        this.key = key;
        this.classifier = new FailureClassifier(key, settings.model());
        this.text = new ServerText(key);
    }

    public RunwaySettings settings() {
        return settings;
    }

    /**
     * Submits the video for upscaling; the future yields the task id. Input is checked first and nothing is
     * sent when it is invalid. Retried only when the request certainly never arrived, or on 429 and 503.
     */
    public CompletableFuture<String> submit(String videoUri) throws InvalidInputException {
        return submit(videoUri, engine.scheduler().now().plus(SUBMIT_LIMIT));
    }

    /**
     * As {@link #submit(String)}, with the submission bounded by {@code deadline} (the caller's overall timeout;
     * never more than five minutes): a server still sending its answer then is cut off, and the future fails with a
     * {@link TaskTimedOutException} that says the task may have been created.
     */
    public CompletableFuture<String> submit(String videoUri, Instant deadline) throws InvalidInputException {
        String checked = VideoUris.validate(videoUri, settings.dataUriLimit());
        return submit(new HttpCall("POST", endpoint(SUBMIT_PATH), headers(), submitBody(checked)), deadline);
    }

    /**
     * Submits a video file inline, streamed from the file through a base64 encoder into the request (never held in
     * memory), with its exact Content-Length; a retried submission (429, 503, or a request that never left) reads the
     * file again. Refused before anything is sent when it is over the settings' data-URI limit; refused while sending,
     * before the request is complete (so no task is created), when the file no longer has the size and SHA-256 it was
     * inspected with. At most {@link EngineConfig#maxInlineSubmissions()} are under way at once in the engine; the
     * others wait their turn within their deadline, which is otherwise as for {@link #submit(String, Instant)}.
     */
    public CompletableFuture<String> submit(InlineVideoFile video, Instant deadline) throws InvalidInputException {
        settings.dataUriLimit().check("'" + video.name() + "'", video.bytes());
        String json = submitBody(InlineVideoBody.emptyDataUri(video));
        HttpCall request =
                new HttpCall("POST", endpoint(SUBMIT_PATH), headers(), null, new InlineVideoBody(video, json));
        return submit(request, deadline);
    }

    /** The submission's JSON: {@code videoUri} first (an inline body streams the video in after its head). */
    private String submitBody(String videoUri) {
        ObjectNode body = Json.MAPPER.createObjectNode();
        body.put("videoUri", videoUri);
        body.put("model", settings.model());
        settings.modelOptions().forEach((name, value) -> body.set(name, Json.MAPPER.valueToTree(value)));
        return body.toString();
    }

    private CompletableFuture<String> submit(HttpCall request, Instant deadline) {
        ApiCall call = ApiCall.submit();
        Instant limit = engine.scheduler().now().plus(SUBMIT_LIMIT);
        Instant bound = deadline == null || deadline.isAfter(limit) ? limit : deadline;
        return engine.caller().call(budget, call, request, classifier, bound, answer -> readTaskId(call, answer));
    }

    private String readTaskId(ApiCall call, HttpAnswer answer) throws RunwayException {
        JsonNode root = Json.tryParse(answer.body());
        if (root == null) {
            throw classifier.unusable(
                    call, answer, "is not JSON; the task may have been created (it was not resubmitted)");
        }
        String id = firstText(root, "id", "task_id");
        if (id == null && root.path("data").isObject()) {
            id = firstText(root.get("data"), "id", "task_id");
        }
        if (id == null) {
            throw classifier.unusable(
                    call, answer, "has no task id; the task may have been created (it was not resubmitted)");
        }
        try {
            return checkTaskId(id);
        } catch (InvalidInputException e) {
            throw classifier.unusable(
                    call,
                    answer,
                    "names the task '" + text.clean(id, ServerText.SHORT_LIMIT) + "', which is no usable task id ("
                            + TASK_ID_RULE + "); the task may have been created (and billed), it was not resubmitted");
        }
    }

    /** Reads the task once (with the retries a read allows, within about five minutes). */
    public CompletableFuture<RunwayTask> readTask(String taskId) throws InvalidInputException {
        return readTask(taskId, engine.scheduler().now().plus(Duration.ofMinutes(5)));
    }

    /**
     * Reads the task once, within {@code deadline} (the caller's overall timeout): the command line's reuse reads an
     * earlier task so, bounded by {@code --timeout}.
     */
    public CompletableFuture<RunwayTask> readTask(String taskId, Instant deadline) throws InvalidInputException {
        checkTaskId(taskId);
        return read(taskId, deadline);
    }

    CompletableFuture<RunwayTask> read(String taskId, Instant deadline) {
        ApiCall call = ApiCall.read(taskId);
        HttpCall request = new HttpCall(call.kind().method(), taskUri(taskId), headers(), null);
        return engine.caller().call(budget, call, request, classifier, deadline, answer -> {
            // Every string of the task is cleaned after decoding: an escaped key or control characters never pass.
            RunwayTask task = TaskParser.parse(Json.tryParse(answer.body()), taskId, text);
            if (task == null) {
                throw classifier.unusable(call, answer, "is not a task in either documented shape");
            }
            if (!task.id().equals(taskId)) {
                // A task's identity is what its submission returned: a server cannot rename it (file names follow).
                throw classifier.unusable(
                        call, answer, "is about another task ('" + task.id() + "'); nothing was kept");
            }
            String refusal = OutputUrls.refusal(task.outputs());
            if (refusal != null) {
                // Refused, never cleaned: these URLs reach sh steps and scripts that interpolate them.
                throw new InvalidResponseException(
                        "Runway task " + taskId + " " + refusal + "; nothing of it was used. Ask CometAPI's support"
                                + " about the task.",
                        call.answered(answer.status(), null));
            }
            return task;
        });
    }

    /** Waits for a task submitted just now, for the configured wait timeout. */
    public CompletableFuture<RunwayTask> waitForTask(String taskId, WaitListener listener)
            throws InvalidInputException {
        Instant now = engine.scheduler().now();
        return waitForTask(taskId, now, now.plus(settings.waitTimeout()), listener);
    }

    /**
     * Waits for a task until it ends or the deadline passes. {@code submittedAt} anchors the task_not_exist grace
     * window, so a wait resumed after a restart keeps the original one. The future completes with the SUCCEEDED
     * task or with a {@link RunwayException}; cancelling it stops polling at once.
     */
    public CompletableFuture<RunwayTask> waitForTask(
            String taskId, Instant submittedAt, Instant deadline, WaitListener listener) throws InvalidInputException {
        checkTaskId(taskId);
        TaskWaiter waiter = new TaskWaiter(
                this,
                engine.pollingPolicy(),
                engine.scheduler(),
                taskId,
                submittedAt,
                deadline,
                settings.taskNotExistGrace(),
                listener == null ? WaitListener.NONE : listener);
        waiter.begin();
        return waiter.result();
    }

    /** Asks CometAPI to cancel the task; the future always completes normally with what happened. */
    public CompletableFuture<CancelResult> cancel(String taskId) {
        try {
            checkTaskId(taskId);
        } catch (InvalidInputException e) {
            return CompletableFuture.completedFuture(new CancelResult(CancelResult.Outcome.FAILED, e.getMessage()));
        }
        ApiCall call = ApiCall.cancel(taskId);
        HttpCall request = new HttpCall(call.kind().method(), taskUri(taskId), headers(), null);
        Instant deadline = engine.scheduler().now().plus(Duration.ofMinutes(1));
        return engine.caller()
                .call(budget, call, request, classifier, deadline, answer -> cancelAnswered(taskId, answer))
                .exceptionally(error -> new CancelResult(
                        CancelResult.Outcome.FAILED,
                        "Could not cancel Runway task " + taskId + ": "
                                + Futures.cause(error).getMessage()));
    }

    private static CancelResult cancelAnswered(String taskId, HttpAnswer answer) {
        if (answer.status() < 300) {
            return new CancelResult(CancelResult.Outcome.CANCELLED, "Cancel of Runway task " + taskId + " accepted.");
        }
        return new CancelResult(
                CancelResult.Outcome.NOT_SUPPORTED,
                "CometAPI does not support cancelling Runway task " + taskId + " (HTTP " + answer.status()
                        + "); it may keep running, and be billed, until it finishes.");
    }

    /**
     * Streams an output URL into a file in constant memory, replacing it if it exists, within the default
     * {@link DownloadLimits} (outputs on this client's base URL are trusted); see {@link OutputDownloader}.
     */
    public CompletableFuture<DownloadResult> download(String outputUrl, Path target) {
        return download(outputUrl, target, true);
    }

    /**
     * As {@link #download(String, Path)}; without {@code overwrite} an existing file is never replaced and the
     * future fails with an {@link java.io.UncheckedIOException} around a
     * {@link java.nio.file.FileAlreadyExistsException}.
     */
    public CompletableFuture<DownloadResult> download(String outputUrl, Path target, boolean overwrite) {
        return download(
                outputUrl,
                target,
                overwrite,
                DownloadLimits.defaults(settings.baseUrl().toString()));
    }

    /**
     * As {@link #download(String, Path, boolean)} within {@code limits}: the future fails with a
     * {@link TaskTimedOutException} at the deadline, a {@link TransportException} when the host stays silent for the
     * idle timeout or cuts the download short, and an {@link InvalidResponseException} for an output over the size
     * cap or a URL (or redirect) that {@link OutputHosts} refuses. A failed download leaves no file behind.
     */
    public CompletableFuture<DownloadResult> download(
            String outputUrl, Path target, boolean overwrite, DownloadLimits limits) {
        return engine.downloader().download(outputUrl, target, overwrite, limits);
    }

    private Map<String, String> headers() {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Authorization", key.authorizationHeader());
        headers.put("X-Runway-Version", settings.runwayVersion());
        headers.put("Accept", "application/json");
        return headers;
    }

    private URI endpoint(String path) {
        return URI.create(settings.baseUrl() + path);
    }

    private URI taskUri(String taskId) {
        return endpoint(
                TASKS_PATH + URLEncoder.encode(taskId, StandardCharsets.UTF_8).replace("+", "%20"));
    }

    /**
     * Task ids are opaque, but they become request paths and file names: only letters, digits, '.', '_' and '-',
     * not starting with '.', at most 128 characters.
     */
    static String checkTaskId(String taskId) throws InvalidInputException {
        if (taskId == null || taskId.isBlank()) {
            throw InvalidInputException.local("task id", "is missing");
        }
        if (taskId.length() > MAX_TASK_ID || !TASK_ID.matcher(taskId).matches()) {
            throw InvalidInputException.local(
                    "task id",
                    "'" + Excerpt.cut(taskId, ServerText.SHORT_LIMIT) + "' is not a task id (" + TASK_ID_RULE + ")");
        }
        return taskId;
    }

    private static String firstText(JsonNode node, String... fields) {
        for (String f : fields) {
            String v = Json.text(node, f);
            if (v != null && !v.isBlank()) {
                return v;
            }
        }
        return null;
    }

    @Override
    public String toString() {
        return "RunwayClient[" + settings.baseUrl() + ", model " + settings.model() + "]";
    }
}
