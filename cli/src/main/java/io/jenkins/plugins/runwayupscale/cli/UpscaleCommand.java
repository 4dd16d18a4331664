package io.jenkins.plugins.runwayupscale.cli;

import io.jenkins.plugins.runwayupscale.client.ApiKey;
import io.jenkins.plugins.runwayupscale.client.CancelResult;
import io.jenkins.plugins.runwayupscale.client.DataUriLimit;
import io.jenkins.plugins.runwayupscale.client.DownloadLimits;
import io.jenkins.plugins.runwayupscale.client.DownloadResult;
import io.jenkins.plugins.runwayupscale.client.DownloadedVideo;
import io.jenkins.plugins.runwayupscale.client.Durations;
import io.jenkins.plugins.runwayupscale.client.EarlierReport;
import io.jenkins.plugins.runwayupscale.client.EarlierReports;
import io.jenkins.plugins.runwayupscale.client.EngineConfig;
import io.jenkins.plugins.runwayupscale.client.InlineVideo;
import io.jenkins.plugins.runwayupscale.client.InlineVideoFile;
import io.jenkins.plugins.runwayupscale.client.InvalidInputException;
import io.jenkins.plugins.runwayupscale.client.InvalidResponseException;
import io.jenkins.plugins.runwayupscale.client.ModelOptions;
import io.jenkins.plugins.runwayupscale.client.OutputHosts;
import io.jenkins.plugins.runwayupscale.client.ReportMatch;
import io.jenkins.plugins.runwayupscale.client.ReusedFrom;
import io.jenkins.plugins.runwayupscale.client.RunwayClient;
import io.jenkins.plugins.runwayupscale.client.RunwayEngine;
import io.jenkins.plugins.runwayupscale.client.RunwayException;
import io.jenkins.plugins.runwayupscale.client.RunwaySettings;
import io.jenkins.plugins.runwayupscale.client.RunwayTask;
import io.jenkins.plugins.runwayupscale.client.TaskArtifacts;
import io.jenkins.plugins.runwayupscale.client.TaskReport;
import io.jenkins.plugins.runwayupscale.client.TaskStatus;
import io.jenkins.plugins.runwayupscale.client.UserAgent;
import io.jenkins.plugins.runwayupscale.client.VideoUris;
import io.jenkins.plugins.runwayupscale.simulator.RunwaySimulator;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The {@code runway-upscale} command: submit one video, wait for it, print the output URL(s) on stdout. */
@Command(
        name = "runway-upscale",
        mixinStandardHelpOptions = true,
        versionProvider = UpscaleCommand.Version.class,
        sortOptions = false,
        usageHelpAutoWidth = true,
        description = {
            "Upscales a video 4x with CometAPI's Runway upscaler and prints the output URL(s) on stdout.",
            "The API key is read from the environment variable COMETAPI_KEY (never from an argument).",
            "Progress and messages go to stderr."
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:the task SUCCEEDED",
            "1:the task FAILED or was CANCELLED",
            "2:bad input or usage; nothing was sent",
            "3:API, authentication or network error; an output that is refused (too large, not at a place outputs"
                    + " may be, holding shell characters) or a download that fails",
            "4:timed out: the task, the submission's answer or the download did not end within --timeout",
            "130:interrupted (Ctrl-C): waiting stopped, a cancel was sent"
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  runway-upscale --simulate https://example.com/clip.mp4",
            "  COMETAPI_KEY=... runway-upscale --output-dir out --download https://cdn.example.com/final.mp4",
            "  COMETAPI_KEY=... runway-upscale --video-file out/intro.mp4 --download-to out/intro-4k.mp4"
        })
final class UpscaleCommand implements Callable<Integer> {
    static final String KEY_VARIABLE = "COMETAPI_KEY";
    static final String BASE_URL_VARIABLE = "COMETAPI_BASE_URL";
    private static final Duration CANCEL_WAIT = Duration.ofSeconds(5);
    private static final Duration MINIMUM_DOWNLOAD = Duration.ofMillis(1);

    @Parameters(
            arity = "0..1",
            paramLabel = "<video-uri>",
            description = "https:// URL of the video, or a data:video/...;base64, URI")
    String videoUri;

    @Option(
            names = "--video-file",
            paramLabel = "<path>",
            description = "send a local video inline (within the model's data-URI limit: 16 MB for upscale_v1)")
    Path videoFile;

    @Option(
            names = "--data-uri-limit",
            paramLabel = "<size>",
            description = "largest video sent inline, e.g. 5MB, 800KB (default: the model's limit)")
    String dataUriLimit;

    @Option(
            names = "--base-url",
            paramLabel = "<url>",
            description = "CometAPI base URL (default: env COMETAPI_BASE_URL, else https://api.cometapi.com)")
    String baseUrl;

    @Option(
            names = "--runway-version",
            paramLabel = "<date>",
            description = "X-Runway-Version header (default: ${DEFAULT-VALUE})",
            defaultValue = RunwaySettings.DEFAULT_RUNWAY_VERSION)
    String runwayVersion;

    @Option(
            names = "--model",
            paramLabel = "<name>",
            description = "upscale model (default: ${DEFAULT-VALUE})",
            defaultValue = RunwaySettings.DEFAULT_MODEL)
    String model;

    @Option(
            names = "--option",
            paramLabel = "<key=value>",
            description = "extra model option passed into the request (repeatable)")
    List<String> options = new ArrayList<>();

    @Option(
            names = "--timeout",
            paramLabel = "<duration>",
            description = "how long to wait, e.g. 90s, 30m, 1h (default: ${DEFAULT-VALUE})",
            defaultValue = "60m")
    String timeout;

    @Option(
            names = "--max-rps",
            paramLabel = "<n>",
            description = "at most this many requests per second with this key; a 429 slows down further"
                    + " (default: ${DEFAULT-VALUE})",
            defaultValue = "20")
    double maxRequestsPerSecond;

    @Option(
            names = "--output-dir",
            paramLabel = "<dir>",
            description = "write runway-upscale/<taskId>.url and .json there")
    Path outputDir;

    @Option(
            names = "--download",
            description = "also download the upscaled video into the output dir (default: current dir)")
    boolean download;

    @Option(
            names = "--download-to",
            paramLabel = "<file>",
            description = "also download the upscaled video into this file")
    Path downloadTo;

    @Option(
            names = "--max-download",
            paramLabel = "<size>",
            description = "largest output downloaded, e.g. 500MB, 2GB; a larger one is refused on its Content-Length,"
                    + " or as soon as more arrives (default: ${DEFAULT-VALUE}: Runway's largest upscale, 4096 px a"
                    + " side and 40 s, even at 800 Mbit/s)",
            defaultValue = "4GB")
    String maxDownload;

    @Option(
            names = "--download-idle-timeout",
            paramLabel = "<duration>",
            description = "give a download up when nothing arrives for this long (default: ${DEFAULT-VALUE})",
            defaultValue = "60s")
    String downloadIdleTimeout;

    @Option(
            names = "--overwrite",
            description = "replace files that already exist (the task's .url and .json, the downloaded video);"
                    + " without it they are never touched")
    boolean overwrite;

    @Option(
            names = "--reuse",
            description = "with --output-dir: when a report there is of a SUCCEEDED task with the same video"
                    + " (--video-file or data: URI, by SHA-256), model, options and Runway version, take that task's"
                    + " result (read again for a fresh URL; else its downloaded file, if unchanged) instead of"
                    + " submitting")
    boolean reuse;

    @Option(names = "--quiet", description = "no progress on stderr; failures are still reported")
    boolean quiet;

    @Option(
            names = "--simulate",
            description = "run the whole flow against a built-in simulator: no key or network needed")
    boolean simulate;

    @Option(names = "--verbose", description = "show stack traces of failures")
    boolean verbose;

    private final Console console;
    private final Simulators simulators;
    private final Function<EngineConfig, RunwayEngine> engines;

    UpscaleCommand(Console console, Simulators simulators, Function<EngineConfig, RunwayEngine> engines) {
        this.console = console;
        this.simulators = simulators;
        this.engines = engines;
    }

    /** Parses the arguments and runs; returns the exit code. */
    static int run(String[] args, Console console) {
        return run(
                args,
                console,
                Simulators.BUILT_IN,
                config -> RunwayEngine.builder().config(config).build());
    }

    /** As {@link #run(String[], Console)}, with the simulator and the engine chosen by the caller (tests). */
    static int run(
            String[] args, Console console, Simulators simulators, Function<EngineConfig, RunwayEngine> engines) {
        CommandLine line = new CommandLine(new UpscaleCommand(console, simulators, engines));
        line.setOut(new PrintWriter(console.err(), true));
        line.setErr(new PrintWriter(console.err(), true));
        line.setParameterExceptionHandler((e, a) -> {
            console.err().println("runway-upscale: " + e.getMessage());
            console.err().println("Try 'runway-upscale --help'.");
            return ExitCode.BAD_INPUT;
        });
        return line.execute(args);
    }

    @Override
    public Integer call() {
        ProgressPrinter printer = new ProgressPrinter(console.err(), console.terminal(), quiet);
        Request request;
        EngineConfig config;
        try {
            request = request();
            config = engineConfig();
        } catch (InvalidInputException e) {
            printer.warn("runway-upscale: " + e.getMessage());
            return ExitCode.BAD_INPUT;
        }
        try (RunwaySimulator simulator = simulate ? simulators.start() : null;
                RunwayEngine engine = engines.apply(config)) {
            RunwaySettings settings = request.settings(simulator);
            ApiKey key = simulator != null ? ApiKey.of(simulator.apiKey()) : request.key();
            if (simulator != null) {
                printer.say("Simulating CometAPI at " + settings.baseUrl() + " (no key or network needed).");
            }
            return new Upscale(engine.client(settings, key), settings, request, printer).run(engine);
        } catch (InvalidInputException e) {
            printer.warn("runway-upscale: " + e.getMessage());
            return ExitCode.BAD_INPUT;
        }
    }

    private EngineConfig engineConfig() throws InvalidInputException {
        try {
            return EngineConfig.builder()
                    .maxRequestsPerSecond(maxRequestsPerSecond)
                    .build();
        } catch (IllegalArgumentException e) {
            throw InvalidInputException.local("--max-rps", e.getMessage());
        }
    }

    private Request request() throws InvalidInputException {
        if (videoUri != null && videoFile != null) {
            throw InvalidInputException.local("video", "give either <video-uri> or --video-file, not both");
        }
        if (videoUri == null && videoFile == null) {
            throw InvalidInputException.local("video", "missing; give a <video-uri> or --video-file <path>");
        }
        if (download && downloadTo != null) {
            throw InvalidInputException.local("--download-to", "give either --download or --download-to, not both");
        }
        if (reuse && outputDir == null) {
            throw InvalidInputException.local(
                    "--reuse", "needs --output-dir: the earlier reports it may reuse are in <dir>/runway-upscale");
        }
        if (!reuse && downloadTargetTaken()) {
            // Checked before anything is sent: a task whose output could not be saved would be paid for nothing.
            // With --reuse it is checked once the earlier report is known: its downloaded file may be this one.
            throw downloadTargetExists();
        }
        Duration wait = duration(timeout, "--timeout");
        DownloadLimits downloadLimits = new DownloadLimits(
                duration(downloadIdleTimeout, "--download-idle-timeout"),
                wait,
                Sizes.parse(maxDownload, "--max-download"),
                null);
        String base = baseUrl != null ? baseUrl : console.env().get(BASE_URL_VARIABLE);
        RunwaySettings.Builder settings = RunwaySettings.builder()
                .baseUrl(base)
                .runwayVersion(runwayVersion)
                .model(model)
                .modelOptions(ModelOptions.parse(options, "--option"))
                .dataUriLimit(dataUriLimit == null ? null : Sizes.parse(dataUriLimit, "--data-uri-limit"))
                .waitTimeout(wait);
        DataUriLimit limit = settings.build().dataUriLimit();
        // A file is only checked here (constant memory); the submission streams it into the request.
        InlineVideoFile file =
                videoFile == null ? null : InlineVideoFile.inspect(videoFile, videoFile.toString(), limit);
        String video = file != null ? null : VideoUris.validate(videoUri, limit);
        ApiKey key = null;
        if (!simulate) {
            String value = console.env().get(KEY_VARIABLE);
            if (value == null || value.isBlank()) {
                throw InvalidInputException.local(
                        KEY_VARIABLE, "is not set; export your CometAPI key in it, or try --simulate");
            }
            key = ApiKey.of(value);
        }
        return new Request(video, file, settings, key, downloadLimits);
    }

    private boolean downloadTargetTaken() {
        return downloadTo != null && !overwrite && Files.exists(downloadTo, LinkOption.NOFOLLOW_LINKS);
    }

    private InvalidInputException downloadTargetExists() {
        return InvalidInputException.local(
                "--download-to", downloadTo + " already exists; give --overwrite to replace it");
    }

    private static Duration duration(String text, String option) throws InvalidInputException {
        try {
            return Durations.parse(text);
        } catch (IllegalArgumentException e) {
            throw InvalidInputException.local(option, e.getMessage());
        }
    }

    /**
     * Checked input, ready to run; the download's limits get the API base URL once it is known.
     *
     * @param video the video URI, or null when a file is sent
     * @param file the video file sent inline, or null when a URI is sent
     */
    private record Request(
            String video,
            InlineVideoFile file,
            RunwaySettings.Builder builder,
            ApiKey key,
            DownloadLimits downloadLimits) {
        RunwaySettings settings(RunwaySimulator simulator) throws InvalidInputException {
            if (simulator != null) {
                builder.baseUrl(simulator.baseUrl());
            }
            return builder.build();
        }
    }

    /** One submission and its wait, with the exits the documentation promises. */
    private final class Upscale {
        private final RunwayClient client;
        private final RunwaySettings settings;
        private final Request request;
        /** The input as reports show it: the URI, or the file as {@code data:<type>;base64,... (<n> bytes)}. */
        private final String video;

        private final InlineVideo videoFile;
        private final DownloadLimits downloadLimits;
        private final ProgressPrinter printer;

        Upscale(RunwayClient client, RunwaySettings settings, Request request, ProgressPrinter printer) {
            this.client = client;
            this.settings = settings;
            this.request = request;
            this.video = request.file() != null ? request.file().displayUri() : request.video();
            // A data URI is recorded like a file (without a name), so that a later --reuse can match its SHA-256.
            this.videoFile =
                    request.file() != null ? request.file().video() : VideoUris.describeDataUri(request.video());
            DownloadLimits limits = request.downloadLimits();
            this.downloadLimits = new DownloadLimits(
                    limits.idleTimeout(),
                    limits.timeout(),
                    limits.maxBytes(),
                    settings.baseUrl().toString());
            this.printer = printer;
        }

        int run(RunwayEngine engine) {
            Instant submittedAt = engine.scheduler().now();
            Instant deadline = submittedAt.plus(settings.waitTimeout());
            if (reuse) {
                try {
                    Integer reused = reuse(engine, submittedAt, deadline);
                    if (reused != null) {
                        return reused;
                    }
                } catch (Interrupted e) {
                    printer.warn("Interrupted while reading an earlier task again; nothing was submitted.");
                    return ExitCode.INTERRUPTED;
                }
                if (downloadTargetTaken()) {
                    printer.warn("runway-upscale: " + downloadTargetExists().getMessage());
                    return ExitCode.BAD_INPUT;
                }
            }
            String taskId;
            try {
                // --timeout bounds the whole run, the submission included.
                taskId = await(
                        request.file() != null
                                ? client.submit(request.file(), deadline)
                                : client.submit(request.video(), deadline));
            } catch (Interrupted e) {
                printer.warn("Interrupted while submitting; the task may have been created (its id never arrived).");
                return ExitCode.INTERRUPTED;
            } catch (RunwayException e) {
                return failed(e, null, submittedAt, engine);
            }
            printer.say("Submitted Runway task " + taskId + " (model " + settings.model() + ").");
            CompletableFuture<RunwayTask> waiting;
            try {
                waiting = client.waitForTask(taskId, submittedAt, deadline, printer);
            } catch (InvalidInputException e) {
                return failed(e, taskId, submittedAt, engine);
            }
            RunwayTask done;
            try {
                done = await(waiting);
            } catch (Interrupted e) {
                waiting.cancel(true);
                CancelResult cancel = client.cancel(taskId)
                        .completeOnTimeout(
                                new CancelResult(CancelResult.Outcome.FAILED, "no answer to the cancel in time"),
                                CANCEL_WAIT.toSeconds(),
                                TimeUnit.SECONDS)
                        .join();
                printer.warn("Interrupted: stopped waiting for Runway task " + taskId + ". " + cancel.detail());
                return ExitCode.INTERRUPTED;
            } catch (RunwayException e) {
                return failed(e, taskId, submittedAt, engine);
            }
            return succeeded(done, submittedAt, deadline, engine);
        }

        /**
         * {@code --reuse}: takes the result of the newest matching report in the output folder and returns the exit
         * code, or returns null to submit (having said why). The earlier task is read again for a fresh URL; when it
         * cannot be, its downloaded file stands for it if it is unchanged.
         */
        private Integer reuse(RunwayEngine engine, Instant startedAt, Instant deadline) throws Interrupted {
            if (videoFile == null) {
                printer.say(Reuse.URL_NOT_MATCHED);
                return null;
            }
            ReportMatch wanted = ReportMatch.of(videoFile.sha256(), settings);
            Path folder = outputDir.resolve(TaskArtifacts.FOLDER);
            EarlierReports.Lookup lookup;
            try {
                lookup = EarlierReports.newest(folder, wanted);
            } catch (IOException e) {
                printer.say("--reuse: could not look into " + folder + " (" + e.getMessage() + "); submitting.");
                return null;
            }
            EarlierReport earlier = lookup.match();
            if (earlier == null) {
                printer.say(Reuse.noMatch(folder, wanted, lookup));
                return null;
            }
            ReusedFrom from = new ReusedFrom(Reuse.name(earlier), earlier.taskId(), wanted.inputSha256());
            Reuse.Kept kept = new Reuse.Kept(earlier);
            DownloadedVideo keptAtTarget = null;
            try {
                if (download || downloadTo != null) {
                    Path target = target(earlier.taskId());
                    keptAtTarget = kept.at(target).map(kept::video).orElse(null);
                    if (keptAtTarget == null && downloadTargetTaken()) {
                        printer.warn("runway-upscale: " + downloadTargetExists().getMessage());
                        return ExitCode.BAD_INPUT;
                    }
                }
            } catch (IOException e) {
                return null; // no usable target name: the submission path reports it as it always has
            }
            String why;
            try {
                RunwayTask task = await(client.readTask(earlier.taskId(), deadline));
                if (task.status() == TaskStatus.SUCCEEDED && !task.outputs().isEmpty()) {
                    printer.say(Reuse.reused(earlier, wanted));
                    return succeeded(task, startedAt, deadline, engine, from, keptAtTarget);
                }
                why = "it is " + task.describeStatus();
            } catch (RunwayException e) {
                why = e.getMessage();
            }
            Optional<Path> saved = kept.file();
            if (saved.isEmpty()) {
                printer.say(Reuse.notReused(earlier, wanted, why));
                return null;
            }
            printer.warn(Reuse.reusedSavedVideo(earlier, wanted, why, saved.get()));
            RunwayTask task = new RunwayTask(
                    earlier.taskId(), TaskStatus.SUCCEEDED, "SUCCEEDED", null, earlier.outputs(), null, null, null);
            return succeeded(task, startedAt, deadline, engine, from, kept.video(saved.get()));
        }

        private int succeeded(RunwayTask task, Instant submittedAt, Instant deadline, RunwayEngine engine) {
            return succeeded(task, submittedAt, deadline, engine, null, null);
        }

        /**
         * Prints and saves a SUCCEEDED task's result. {@code from} names the earlier report it was taken from (null
         * for a task submitted now); {@code kept} is a checked earlier download of it, saved instead of downloading.
         */
        private int succeeded(
                RunwayTask task,
                Instant submittedAt,
                Instant deadline,
                RunwayEngine engine,
                ReusedFrom from,
                DownloadedVideo kept) {
            try {
                // Nothing is printed or written of an output that may not be fetched: scripts would fetch it.
                OutputHosts hosts = new OutputHosts(settings.baseUrl().toString(), OutputHosts.SYSTEM);
                for (String output : task.outputs()) {
                    hosts.vet(output);
                }
            } catch (InvalidResponseException e) {
                return failed(e, task.id(), submittedAt, engine);
            }
            TaskReport report = TaskReport.succeeded(
                            TaskReport.Submission.of(task.id(), settings, video, submittedAt),
                            task,
                            engine.scheduler().now())
                    .withOptions(settings.modelOptions())
                    .withVideoFile(videoFile)
                    .withReusedFrom(from);
            task.outputs().forEach(console.out()::println);
            console.out().flush();
            printer.say("Runway task " + task.id() + " SUCCEEDED.");
            try {
                try {
                    if (download || downloadTo != null) {
                        report = report.withDownload(
                                kept == null ? downloadOutput(task, deadline, engine) : keep(kept, task.id()));
                    }
                } finally {
                    // A reused task's .url and .json are the earlier report's own files: this run updates them.
                    writeArtifacts(report, overwrite || from != null);
                }
            } catch (FileAlreadyExistsException e) {
                printer.warn("runway-upscale: the task succeeded but " + e.getFile()
                        + " already exists; it was left as it was (give --overwrite to replace it).");
                return ExitCode.API_ERROR;
            } catch (IOException e) {
                printer.warn("runway-upscale: the task succeeded but saving its files failed: " + e.getMessage());
                return ExitCode.API_ERROR;
            } catch (RunwayException e) {
                printer.warn("runway-upscale: the task succeeded but downloading its output failed: " + e.getMessage());
                return ExitCode.of(e);
            } catch (Interrupted e) {
                printer.warn("Interrupted while downloading the output of Runway task " + task.id() + ".");
                return ExitCode.INTERRUPTED;
            }
            return ExitCode.SUCCEEDED;
        }

        private int failed(RunwayException e, String taskId, Instant submittedAt, RunwayEngine engine) {
            printer.warn("runway-upscale: " + e.getMessage());
            if (verbose) {
                e.printStackTrace(console.err());
            }
            if (taskId != null && outputDir != null) {
                TaskReport report = TaskReport.failed(
                                TaskReport.Submission.of(taskId, settings, video, submittedAt),
                                e,
                                engine.scheduler().now())
                        .withOptions(settings.modelOptions())
                        .withVideoFile(videoFile);
                try {
                    writeArtifacts(report, overwrite);
                } catch (FileAlreadyExistsException exists) {
                    printer.warn("runway-upscale: did not write the task's files: " + exists.getFile()
                            + " already exists (give --overwrite to replace it).");
                } catch (IOException io) {
                    printer.warn("runway-upscale: could not write the task's files: " + io.getMessage());
                }
            }
            return ExitCode.of(e);
        }

        private void writeArtifacts(TaskReport report, boolean replace) throws IOException {
            if (outputDir == null) {
                return;
            }
            List<Path> files = TaskArtifacts.write(outputDir.resolve(TaskArtifacts.FOLDER), report, replace);
            files.forEach(f -> printer.say("Wrote " + f));
        }

        /**
         * Downloads the first output (Runway's upscale gives one) within what is left of {@code --timeout}; returns
         * what was saved, which the report records. Ctrl-C stops it and removes its part file before returning.
         */
        private DownloadedVideo downloadOutput(RunwayTask task, Instant deadline, RunwayEngine engine)
                throws IOException, RunwayException, Interrupted {
            if (task.outputs().size() > 1) {
                printer.say("Runway task " + task.id() + " gave "
                        + task.outputs().size() + " outputs; downloading the first.");
            }
            Path target = target(task.id());
            Files.createDirectories(target.getParent());
            Duration left = Duration.between(engine.scheduler().now(), deadline);
            // At or past the deadline the download still starts, to end at once with the downloader's own timeout.
            DownloadLimits limits =
                    downloadLimits.withTimeout(left.compareTo(MINIMUM_DOWNLOAD) < 0 ? MINIMUM_DOWNLOAD : left);
            CompletableFuture<DownloadResult> downloading =
                    client.download(task.outputs().get(0), target, overwrite, limits);
            DownloadResult result;
            try {
                result = await(downloading);
            } catch (Interrupted e) {
                downloading.cancel(true);
                throw e;
            } catch (CompletionException e) {
                if (e.getCause() instanceof UncheckedIOException io) {
                    throw io.getCause();
                }
                throw e;
            }
            DownloadedVideo saved = DownloadedVideo.of(result.file(), target.toString(), result.contentType());
            printer.say(
                    "Downloaded " + saved.bytes() + " bytes to " + saved.file() + " (SHA-256 " + saved.sha256() + ")");
            return saved;
        }

        /**
         * An earlier run's checked download as this run's: kept where it is when it is the target, else copied there
         * (beside it first, then renamed, so that the target is whole or absent and, without --overwrite, never
         * replaced).
         */
        private DownloadedVideo keep(DownloadedVideo kept, String taskId) throws IOException {
            Path target = target(taskId);
            Path source = Path.of(kept.file());
            if (!source.equals(target.toAbsolutePath().normalize())) {
                Files.createDirectories(target.getParent());
                // Created new with the usual permissions (a temporary file's 0600 would make the video private).
                Path part = target.resolveSibling("." + target.getFileName() + "." + UUID.randomUUID() + ".part");
                try {
                    try (InputStream in = Files.newInputStream(source, LinkOption.NOFOLLOW_LINKS)) {
                        Files.copy(in, part);
                    }
                    if (overwrite) {
                        Files.move(part, target, StandardCopyOption.REPLACE_EXISTING);
                    } else {
                        Files.move(part, target);
                    }
                } finally {
                    Files.deleteIfExists(part);
                }
                printer.say("Copied " + source + " to " + target + " (the earlier run's download).");
            } else {
                printer.say("Kept " + target + " (the earlier run's download, unchanged).");
            }
            // Its SHA-256 was checked just before; a video of gigabytes is not hashed twice.
            return new DownloadedVideo(target.toString(), kept.bytes(), kept.sha256(), null);
        }

        /** {@code --download-to}, or {@code <taskId>.mp4} in the output dir (or the current dir). */
        private Path target(String taskId) throws IOException {
            if (downloadTo == null) {
                // The name comes from the checked task id only, and must land directly in the folder.
                Path dir = outputDir == null ? Path.of(".") : outputDir;
                return TaskArtifacts.fileIn(dir, taskId + ".mp4");
            }
            return downloadTo.toAbsolutePath();
        }
    }

    /** Waits for the future unless the user presses Ctrl-C first. */
    private <T> T await(CompletableFuture<T> future) throws RunwayException, Interrupted {
        // Only waits: the outcome is read from the future itself below.
        CompletableFuture.anyOf(future, console.interrupted())
                .handle((v, e) -> null)
                .join();
        if (!future.isDone() && console.interrupted().isDone()) {
            throw new Interrupted();
        }
        try {
            return future.join();
        } catch (CompletionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RunwayException runway) {
                throw runway;
            }
            throw e;
        }
    }

    /** Ctrl-C while waiting. */
    private static final class Interrupted extends Exception {
        private static final long serialVersionUID = 1L;
    }

    /** {@code --version}: this tool's version, as sent in the User-Agent. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"runway-upscale " + UserAgent.VERSION};
        }
    }
}
