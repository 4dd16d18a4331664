package io.jenkins.plugins.runwayupscale.benchmark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.knowm.xchart.VectorGraphicsEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The picture of section 1: per family, polls per task against p95 detection delay, the SDK loop's point joined to
 * ours (medians over the seeds), so each segment shows what the policy saved and what it cost.
 */
final class PolicyChart {
    private PolicyChart() {}

    static void write(List<FamilyResult> families, Path file) throws IOException {
        System.setProperty("java.awt.headless", "true");
        XYChart chart = new XYChartBuilder()
                .width(900)
                .height(560)
                .title("Polls per task against p95 detection delay: SDK loop (circle) to ours (diamond)")
                .xAxisTitle("polls per task (log scale)")
                .yAxisTitle("p95 detection delay (s)")
                .build();
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        chart.getStyler().setXAxisLogarithmic(true);
        chart.getStyler().setYAxisMin(0.0);
        chart.getStyler().setYAxisMax(8.0);
        chart.getStyler().setChartBackgroundColor(java.awt.Color.WHITE);
        for (FamilyResult f : families) {
            double[] m = f.medians();
            XYSeries sdk = chart.addSeries(f.family().label() + " ", new double[] {m[2]}, new double[] {m[3]});
            sdk.setMarker(SeriesMarkers.CIRCLE);
            sdk.setShowInLegend(false);
            XYSeries ours = chart.addSeries(f.family().label(), new double[] {m[2], m[0]}, new double[] {m[3], m[1]});
            ours.setMarker(SeriesMarkers.DIAMOND);
            ours.setLineColor(sdk.getMarkerColor());
            ours.setMarkerColor(sdk.getMarkerColor());
        }
        Files.createDirectories(file.toAbsolutePath().getParent());
        String name = file.toString();
        VectorGraphicsEncoder.saveVectorGraphic(
                chart,
                name.endsWith(".svg") ? name.substring(0, name.length() - 4) : name,
                VectorGraphicsEncoder.VectorGraphicsFormat.SVG);
    }
}
