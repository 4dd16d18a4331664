package io.jenkins.plugins.runwayupscale;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The freestyle form's option lines with build variables in them. */
class OptionLinesTest {
    private static final Map<String, String> BUILD = Map.of(
            "RES", "4k\nmodel=someone_elses_model\nvideoUri=https://evil.example.com/x.mp4",
            "CREATIVITY", "30",
            "BOOST", "true");

    private static String expand(String text) {
        String result = text;
        for (Map.Entry<String, String> variable : BUILD.entrySet()) {
            result = result.replace("$" + variable.getKey(), variable.getValue());
        }
        return result;
    }

    @Test
    void aBuildVariableHoldingLineBreaksStaysInsideItsOwnValue() throws Exception {
        Map<String, Object> options =
                OptionLines.parseThenExpand("resolution=$RES\ncreativity=$CREATIVITY\n", OptionLinesTest::expand);

        assertThat(options).containsOnlyKeys("resolution", "creativity");
        assertThat(options.get("resolution")).isEqualTo(BUILD.get("RES"));
        assertThat(options.get("creativity")).as("typed as if written").isEqualTo(30L);
    }

    @Test
    void valuesWithoutVariablesAreTakenAsWritten() throws Exception {
        Map<String, Object> options =
                OptionLines.parseThenExpand("fpsBoost=$BOOST\nflavor=vivid\nsharpen=12.5", OptionLinesTest::expand);

        assertThat(options)
                .containsEntry("fpsBoost", true)
                .containsEntry("flavor", "vivid")
                .containsEntry("sharpen", 12.5);
    }
}
