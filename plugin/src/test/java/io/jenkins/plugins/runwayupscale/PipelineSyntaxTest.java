package io.jenkins.plugins.runwayupscale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.mockStatic;
import static org.mockito.Mockito.when;

import hudson.AbortException;
import hudson.Util;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.jenkinsci.plugins.structs.describable.UninstantiatedDescribable;
import org.junit.jupiter.api.Test;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.mockito.MockedStatic;

/**
 * How Pipeline sees {@code runwayUpscale}, by the rules of structs (which Pipeline, Declarative's validator and the
 * Snippet Generator share): constructor parameters are required, setters optional; a map of options is turned into
 * the lines the parameter holds, and back for the Snippet Generator.
 */
class PipelineSyntaxTest {
    private static final Pattern FENCED_GROOVY = Pattern.compile("```groovy\\n(.*?)```", Pattern.DOTALL);
    private static final Pattern CALL = Pattern.compile("\\brunwayUpscale\\b\\s*\\(?");
    private static final Pattern NAMED_ARGUMENT = Pattern.compile("(?<![\\w.'\"$])(\\w+)\\s*:(?!:)");
    private static final Pattern BRACKETS = Pattern.compile("\\[[^\\[\\]]*]");

    private final RunwayUpscaleStep.DescriptorImpl descriptor = new RunwayUpscaleStep.DescriptorImpl();

    /** The step's setters trim with core's {@code Util}, which the shim does not implement. */
    private static MockedStatic<Util> trimming() {
        MockedStatic<Util> util = mockStatic(Util.class);
        util.when(() -> Util.fixEmptyAndTrim(any())).then(invocation -> {
            String value = invocation.getArgument(0);
            return value == null || value.isBlank() ? null : value.strip();
        });
        return util;
    }

    /** Every named argument of every {@code runwayUpscale} call in a Pipeline block of the README and docs/. */
    private static List<Call> documentedCalls() throws Exception {
        List<Path> pages = new ArrayList<>(List.of(Path.of("..", "README.md")));
        try (Stream<Path> docs = Files.list(Path.of("..", "docs"))) {
            docs.filter(page -> page.toString().endsWith(".md")).sorted().forEach(pages::add);
        }
        List<Call> calls = new ArrayList<>();
        for (Path page : pages) {
            Matcher block = FENCED_GROOVY.matcher(Files.readString(page, StandardCharsets.UTF_8));
            while (block.find()) {
                Matcher call = CALL.matcher(block.group(1));
                while (call.find()) {
                    calls.add(new Call(page.getFileName() + ": " + statementAt(block.group(1), call.end())));
                }
            }
        }
        return calls;
    }

    /** The call's arguments: up to the end of a line that does not end with a comma (Groovy's continuation). */
    private static String statementAt(String code, int from) {
        StringBuilder statement = new StringBuilder();
        for (String line : code.substring(from).split("\\n")) {
            statement.append(line.strip()).append(' ');
            if (!line.strip().endsWith(",")) {
                break;
            }
        }
        return statement.toString().strip();
    }

    private record Call(String text) {
        Set<String> namedArguments() {
            String outer = text;
            // Map literals ([resolution: '4k']) hold keys of their own, not the step's.
            for (String previous = null; !outer.equals(previous); ) {
                previous = outer;
                outer = BRACKETS.matcher(outer).replaceAll("[]");
            }
            Set<String> names = new TreeSet<>();
            Matcher name = NAMED_ARGUMENT.matcher(outer.replaceAll("'[^']*'|\"[^\"]*\"", "''"));
            while (name.find()) {
                names.add(name.group(1));
            }
            return names;
        }
    }

    private static Set<String> required() {
        Set<String> required = new TreeSet<>();
        for (Constructor<?> constructor : RunwayUpscaleStep.class.getConstructors()) {
            if (constructor.isAnnotationPresent(DataBoundConstructor.class)) {
                for (var parameter : constructor.getParameters()) {
                    required.add(parameter.getName());
                }
            }
        }
        return required;
    }

    private static Set<String> optional() {
        Set<String> optional = new TreeSet<>();
        for (Method setter : RunwayUpscaleStep.class.getMethods()) {
            if (setter.isAnnotationPresent(DataBoundSetter.class)) {
                optional.add(Character.toLowerCase(setter.getName().charAt(3))
                        + setter.getName().substring(4));
            }
        }
        return optional;
    }

    @Test
    void theStepHasNoRequiredParameterSoEveryDocumentedCallPassesDeclarativesValidator() throws Exception {
        List<Call> calls = documentedCalls();
        assertThat(calls).as("runwayUpscale calls in the README and docs").hasSizeGreaterThanOrEqualTo(4);
        assertThat(required()).isEmpty();

        List<String> problems = new ArrayList<>();
        for (Call call : calls) {
            Set<String> named = call.namedArguments();
            if (named.isEmpty()) {
                problems.add(call.text() + ": use named parameters only");
            }
            for (String name : named) {
                if (!optional().contains(name) && !required().contains(name)) {
                    problems.add(call.text() + ": '" + name + "' is not a parameter of runwayUpscale");
                }
            }
            for (String name : required()) {
                if (!named.contains(name)) {
                    problems.add(call.text() + ": Missing required parameter: \"" + name + "\"");
                }
            }
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void aPipelineMapOfOptionsBecomesTheLinesTheStepHolds() throws Exception {
        Map<String, Object> options = new LinkedHashMap<>();
        options.put("resolution", new StringBuilder("4k"));
        options.put("creativity", 30);
        options.put("sharpen", new BigDecimal("12.5"));
        options.put("fpsBoost", true);
        Map<String, Object> arguments = new LinkedHashMap<>();
        arguments.put("videoFile", "out/intro.mp4");
        arguments.put("options", options);

        Map<String, Object> bound = descriptor.customInstantiate(arguments);

        assertThat(bound.get("videoFile")).isEqualTo("out/intro.mp4");
        assertThat(bound.get("options")).isEqualTo("resolution=4k\ncreativity=30\nsharpen=12.5\nfpsBoost=true\n");
        RunwayUpscaleStep step = new RunwayUpscaleStep();
        try (MockedStatic<Util> util = trimming()) {
            step.setVideoFile("out/intro.mp4");
            step.setOptions((String) bound.get("options"));
        }
        Map<String, Object> expected = new LinkedHashMap<>();
        expected.put("resolution", "4k");
        expected.put("creativity", 30L);
        expected.put("sharpen", 12.5);
        expected.put("fpsBoost", true);
        assertThat(List.copyOf(step.request().options().entrySet()).toString())
                .isEqualTo(List.copyOf(expected.entrySet()).toString());
        assertThat(step.request().options()).isEqualTo(expected);
        assertThat(arguments.get("options"))
                .as("the caller's map is left alone")
                .isSameAs(options);
    }

    @Test
    void lineTextIsTakenAsItIsAndBadMapsAreRefusedInWords() {
        Map<String, Object> lines = Map.of("options", "resolution=4k\n");
        assertThat(descriptor.customInstantiate(lines)).isSameAs(lines);

        assertThatThrownBy(() -> descriptor.customInstantiate(Map.of("options", Map.of("flavor", "vivid\nmodel=x"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("options: the value of option 'flavor' holds a line break; give one line");
        assertThatThrownBy(() -> descriptor.customInstantiate(Map.of("options", Map.of("res-olution", "4k"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("may contain only letters, digits and underscores");
        assertThatThrownBy(() -> descriptor.customInstantiate(Map.of("options", Map.of("crop", List.of(1, 2)))))
                .hasMessageContaining("option 'crop' has a list");
    }

    @Test
    void badOptionLinesAreRefusedWhenTheStepStarts() {
        RunwayUpscaleStep step = new RunwayUpscaleStep();
        try (MockedStatic<Util> util = trimming()) {
            step.setVideoUri("https://cdn.example.com/final.mp4");
            step.setOptions("resolution 4k");
        }

        assertThatThrownBy(step::request)
                .isInstanceOf(AbortException.class)
                .hasMessageContaining("'resolution 4k' is not of the form key=value");
    }

    @Test
    void theSnippetGeneratorWritesOptionsAsAMap() {
        UninstantiatedDescribable described = mock(UninstantiatedDescribable.class);
        Map<String, Object> arguments = new LinkedHashMap<>();
        arguments.put("videoFile", "out/intro.mp4");
        arguments.put("options", "resolution=4k\ncreativity=30\n");
        when(described.getArguments()).then(invocation -> arguments);
        List<Map<String, ?>> rewritten = new ArrayList<>();
        UninstantiatedDescribable result = mock(UninstantiatedDescribable.class);
        when(described.withArguments(any())).then(invocation -> {
            rewritten.add(invocation.getArgument(0));
            return result;
        });

        assertThat(descriptor.customUninstantiate(described)).isSameAs(result);
        assertThat(rewritten).hasSize(1);
        assertThat(rewritten.get(0).get("options")).isEqualTo(Map.of("resolution", "4k", "creativity", 30L));
        assertThat(rewritten.get(0).get("videoFile")).isEqualTo("out/intro.mp4");
    }

    /** The form's select always sends a value: the default is kept as null, so a config round trip changes nothing. */
    @Test
    void theDefaultReuseIsKeptAsNothing() {
        RunwayUpscaleStep step = new RunwayUpscaleStep();
        try (MockedStatic<Util> util = trimming()) {
            step.setReuse("content");
            assertThat(step.getReuse()).isNull();
            step.setReuse("never");
            assertThat(step.getReuse()).isEqualTo("never");
        }
    }
}
