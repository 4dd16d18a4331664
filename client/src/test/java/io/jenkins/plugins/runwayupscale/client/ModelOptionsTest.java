package io.jenkins.plugins.runwayupscale.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ModelOptionsTest {
    @Test
    void pairsKeepTheirJsonTypes() throws Exception {
        Map<String, Object> options = ModelOptions.parse(
                List.of("resolution=4k", "creativity=30", "sharpen=0.5", "fpsBoost=true", "flavor = natural"),
                "--option");
        assertThat(options)
                .containsExactly(
                        Map.entry("resolution", "4k"),
                        Map.entry("creativity", 30L),
                        Map.entry("sharpen", 0.5),
                        Map.entry("fpsBoost", true),
                        Map.entry("flavor", "natural"));
    }

    @Test
    void linesSkipBlanksAndComments() throws Exception {
        assertThat(ModelOptions.parseLines("# the 4k master\nresolution=4k\n\n  creativity=30  \n", "options"))
                .containsExactly(Map.entry("resolution", "4k"), Map.entry("creativity", 30L));
        assertThat(ModelOptions.parseLines(null, "options")).isEmpty();
        assertThat(ModelOptions.toLines(Map.of("resolution", "4k"))).isEqualTo("resolution=4k\n");
    }

    @Test
    void pipelineValuesAreNormalized() throws Exception {
        Map<String, Object> groovy = new LinkedHashMap<>();
        groovy.put("creativity", new BigDecimal("0.3"));
        groovy.put("sharpen", 40);
        groovy.put("fpsBoost", false);
        groovy.put("resolution", new StringBuilder("4").append('k'));
        assertThat(ModelOptions.check(groovy, "options"))
                .containsExactly(
                        Map.entry("creativity", 0.3),
                        Map.entry("sharpen", 40L),
                        Map.entry("fpsBoost", false),
                        Map.entry("resolution", "4k"));
    }

    @Test
    void refusesBadNamesValuesAndReservedFields() {
        assertThatThrownBy(() -> ModelOptions.parse(List.of("resolution"), "--option"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("--option: 'resolution' is not of the form key=value");
        assertThatThrownBy(() -> ModelOptions.parse(List.of("fps-boost=true"), "--option"))
                .hasMessage("--option: option name 'fps-boost' may contain only letters, digits and underscores");
        assertThatThrownBy(() -> ModelOptions.parse(List.of("a=1", "a=2"), "--option"))
                .hasMessage("--option: 'a' is given twice");
        assertThatThrownBy(() -> ModelOptions.check(Map.of("model", "x"), "options"))
                .hasMessageContaining("'model' cannot be set as an option");
        assertThatThrownBy(() -> ModelOptions.check(Map.of("videoUri", "x"), "options"))
                .hasMessageContaining("'videoUri' cannot be set as an option");
        assertThatThrownBy(() -> ModelOptions.check(Map.of("sizes", List.of(1, 2)), "options"))
                .hasMessage("options: option 'sizes' has a list; use a string, a number or a boolean");
        Map<String, Object> nothing = new LinkedHashMap<>();
        nothing.put("flavor", null);
        assertThatThrownBy(() -> ModelOptions.check(nothing, "options"))
                .hasMessage("options: option 'flavor' has no value; use a string, a number or a boolean");
        assertThatThrownBy(() -> ModelOptions.check(Map.of("x", Double.NaN), "options"))
                .hasMessageContaining("option 'x' has a value of type Double");
    }

    @ParameterizedTest
    @ValueSource(strings = {"VIDEOURI", "videouri", "VideoUri", "Model", "MODEL"})
    void refusesTheRequestsOwnFieldsInAnyCase(String name) {
        assertThatThrownBy(() -> ModelOptions.parse(List.of(name + "=x"), "--option"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("'" + name + "' cannot be set as an option");
        assertThatThrownBy(() -> ModelOptions.check(Map.of(name, "x"), "options"))
                .hasMessageContaining("'" + name + "' cannot be set as an option");
    }

    @Test
    void acceptsThirtyTwoOptionsAndRefusesAThirtyThird() throws Exception {
        List<String> pairs = new ArrayList<>();
        for (int i = 1; i <= 32; i++) {
            pairs.add("o" + i + "=" + i);
        }
        assertThat(ModelOptions.parse(pairs, "--option")).hasSize(32);

        pairs.add("o33=33");
        assertThatThrownBy(() -> ModelOptions.parse(pairs, "--option"))
                .hasMessage("--option: 33 options given; at most 32 are accepted");
    }

    @Test
    void acceptsNamesAndValuesOfAThousandCharactersAndNoMore() throws Exception {
        String thousand = "a".repeat(1000);
        assertThat(ModelOptions.check(Map.of(thousand, thousand), "options")).containsEntry(thousand, thousand);

        assertThatThrownBy(() -> ModelOptions.check(Map.of("a".repeat(1001), "x"), "options"))
                .hasMessageContaining("is 1001 characters long; at most 1000 are accepted");
        assertThatThrownBy(() -> ModelOptions.parse(List.of("prompt=" + "v".repeat(1001)), "--option"))
                .hasMessage("--option: option 'prompt' has a value of 1001 characters; at most 1000 are accepted");
    }

    @Test
    void settingsCheckTheirOptions() {
        assertThatThrownBy(() ->
                        RunwaySettings.builder().modelOption("bad name", 1).build())
                .hasMessageContaining("model options: option name 'bad name'");
    }
}
