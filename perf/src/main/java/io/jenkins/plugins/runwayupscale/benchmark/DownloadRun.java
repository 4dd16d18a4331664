package io.jenkins.plugins.runwayupscale.benchmark;

import io.jenkins.plugins.runwayupscale.client.ApiKey;
import io.jenkins.plugins.runwayupscale.client.DownloadResult;
import io.jenkins.plugins.runwayupscale.client.RunwayClient;
import io.jenkins.plugins.runwayupscale.client.RunwayEngine;
import io.jenkins.plugins.runwayupscale.client.RunwaySettings;
import io.jenkins.plugins.runwayupscale.client.RunwayTask;
import io.jenkins.plugins.runwayupscale.client.WaitListener;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Streams a large output from the simulator, with our downloader and with curl, on the same URL in the same run. */
final class DownloadRun {
    /**
     * What was measured.
     *
     * @param bytes size of the output
     * @param oursMbps our best throughput, MB/s
     * @param curlMbps curl's best throughput, MB/s (0 when curl is missing)
     * @param heapGrowthMb peak heap growth during our downloads, MB
     */
    record Result(long bytes, double oursMbps, double curlMbps, double heapGrowthMb) {}

    private DownloadRun() {}

    static Result run(long bytes, int rounds) throws Exception {
        Path dir = Files.createTempDirectory("runway-download");
        try (SimulatorProcess simulator = SimulatorProcess.withOutputs(bytes);
                RunwayEngine engine = RunwayEngine.start()) {
            RunwayClient client = engine.client(
                    RunwaySettings.builder().baseUrl(simulator.baseUrl()).build(), ApiKey.of(SimulatorProcess.KEY));
            String id = client.submit("https://cdn.example.com/big.mp4").join();
            RunwayTask task = client.waitForTask(id, WaitListener.NONE).join();
            String url = task.outputs().get(0);
            double ours = 0;
            double curl = 0;
            long growth = 0;
            for (int round = 0; round < rounds; round++) {
                curl = Math.max(curl, curl(url, dir.resolve("curl.mp4"), bytes));
                long before = JvmProbe.heapAfterGc();
                long start = System.nanoTime();
                try (JvmProbe.Sampler sampler = new JvmProbe.Sampler(20)) {
                    DownloadResult result =
                            client.download(url, dir.resolve("ours.mp4")).join();
                    double seconds = (System.nanoTime() - start) / 1e9;
                    if (result.bytes() != bytes) {
                        throw new IllegalStateException("downloaded " + result.bytes() + " of " + bytes + " bytes");
                    }
                    ours = Math.max(ours, bytes / 1e6 / seconds);
                    sampler.close();
                    growth = Math.max(growth, sampler.maxHeap() - before);
                }
                Files.deleteIfExists(dir.resolve("ours.mp4"));
            }
            return new Result(bytes, ours, curl, growth / 1e6);
        } finally {
            deleteWithFiles(dir);
        }
    }

    /** Removes a benchmark's temporary folder and the files in it. */
    static void deleteWithFiles(Path dir) throws IOException {
        try (var files = Files.list(dir)) {
            for (Path f : files.toList()) {
                Files.deleteIfExists(f);
            }
        }
        Files.deleteIfExists(dir);
    }

    private static double curl(String url, Path target, long bytes) throws Exception {
        long start = System.nanoTime();
        Process p;
        try {
            p = new ProcessBuilder("curl", "-s", "-f", "-o", target.toString(), url)
                    .redirectErrorStream(true)
                    .start();
        } catch (IOException e) {
            return 0;
        }
        int exit = p.waitFor();
        double seconds = (System.nanoTime() - start) / 1e9;
        long size = Files.exists(target) ? Files.size(target) : 0;
        Files.deleteIfExists(target);
        if (exit != 0 || size != bytes) {
            return 0;
        }
        return bytes / 1e6 / seconds;
    }
}
