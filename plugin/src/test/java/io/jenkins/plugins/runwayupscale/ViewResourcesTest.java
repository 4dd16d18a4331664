package io.jenkins.plugins.runwayupscale;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Parameter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.MessageFormat;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.w3c.dom.ProcessingInstruction;

/**
 * Checks the Jelly views and help files as Jenkins will read them, without Jenkins: bound fields, help files,
 * localized text and escaping. A broken view otherwise shows only when someone opens the page.
 */
class ViewResourcesTest {
    /** {@code ${%text}} or {@code ${%key(arguments)}}: Stapler's localized text. */
    private static final Pattern LOCALIZED = Pattern.compile("\\$\\{%([^}(]*)(\\([^}]*\\))?}");
    /** A message key rather than words: dotted, underscored or camelCase, which Stapler would show raw. */
    private static final Pattern KEY_LIKE = Pattern.compile("\\w+([._]\\w+)+|[a-z]+[A-Z]\\w*");
    /** help-field.html, possibly localized (help-field_de.html). */
    private static final Pattern FIELD_HELP = Pattern.compile("help-(\\w+?)(_[a-z]{2}(_[A-Z]{2})?)?\\.html");
    /** An expression reading a property of the page's object or descriptor. */
    private static final Pattern PROPERTY = Pattern.compile("\\b(it|descriptor)\\.(\\w+)(\\()?");

    private static Path root;
    private static List<Path> views;

    @BeforeAll
    static void findViews() throws Exception {
        root = Path.of(ViewResourcesTest.class.getResource("/index.jelly").toURI())
                .getParent();
        try (Stream<Path> files = Files.walk(root)) {
            views = files.filter(file -> file.toString().endsWith(".jelly"))
                    .sorted()
                    .toList();
        }
        assertThat(views).as("the plugin's views").hasSizeGreaterThanOrEqualTo(4);
    }

    @Test
    void everyViewEscapesByDefault() throws Exception {
        List<String> unescaped = new ArrayList<>();
        for (Path view : views) {
            if (!escapesByDefault(parse(view))) {
                unescaped.add(relative(view));
            }
        }

        assertThat(unescaped)
                .as("views without <?jelly escape-by-default='true'?> before their root element")
                .isEmpty();
    }

    @Test
    void everyFieldHasAGetterAndIsBound() throws Exception {
        List<String> problems = new ArrayList<>();
        for (Path view : views) {
            Class<?> described = describedClass(view);
            if (described == null) {
                continue;
            }
            for (String field : fields(view)) {
                if (getter(described, field) == null) {
                    problems.add(
                            where(view, field) + " has no getter get/is" + capitalized(field) + " on " + described);
                }
                if (!bound(described, field)) {
                    problems.add(where(view, field) + " is neither a @DataBoundConstructor parameter nor a"
                            + " @DataBoundSetter of " + described);
                }
            }
        }

        assertThat(problems).isEmpty();
    }

    @Test
    void everyHelpFileBelongsToAField() throws Exception {
        List<String> strays = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path help : files.filter(file -> file.getFileName().toString().startsWith("help"))
                    .toList()) {
                String name = help.getFileName().toString();
                if (name.matches("help(_[a-z]{2}(_[A-Z]{2})?)?\\.html")) {
                    continue;
                }
                Matcher fieldHelp = FIELD_HELP.matcher(name);
                if (!fieldHelp.matches()
                        || !fieldsOfClassDirectory(help.getParent()).contains(fieldHelp.group(1))) {
                    strays.add(relative(help));
                }
            }
        }

        assertThat(strays).as("help files no form field shows").isEmpty();
    }

    /**
     * Each form field has its help file where Jenkins looks for it: beside its form, or, for the shared form of the
     * build step, beside the Pipeline step, to which the build step's descriptor redirects every shared field.
     */
    @Test
    void everyFieldOfAClassOwnFormHasHelp() throws Exception {
        List<String> missing = new ArrayList<>();
        for (Path view : views) {
            Class<?> described = describedClass(view);
            if (described == null) {
                continue;
            }
            Path helpBeside = described == RunwayUpscaleBuilder.class ? view(RunwayUpscaleStep.class, "x") : view;
            for (String field : ownFields(parse(view))) {
                if (!Files.exists(helpBeside.resolveSibling("help-" + field + ".html"))) {
                    missing.add(where(view, field));
                }
            }
        }

        assertThat(missing)
                .as("fields without help-<field>.html where Jenkins looks for it")
                .isEmpty();
    }

    /**
     * Structs, which the Snippet Generator and the Steps Reference use, reads a parameter's help only from
     * {@code help-<parameter>.html} beside the step's class, ignoring the descriptor's redirects; and it shows a
     * parameter whose type it cannot categorize (a Map) with an exception's text.
     */
    @Test
    void everyParameterOfThePipelineStepHasHelpBesideTheStepAndAPlainType() throws Exception {
        List<String> problems = new ArrayList<>();
        for (Method setter : RunwayUpscaleStep.class.getMethods()) {
            if (!setter.isAnnotationPresent(DataBoundSetter.class)) {
                continue;
            }
            String parameter = Character.toLowerCase(setter.getName().charAt(3))
                    + setter.getName().substring(4);
            if (RunwayUpscaleStep.class.getResource("RunwayUpscaleStep/help-" + parameter + ".html") == null) {
                problems.add(parameter + " has no RunwayUpscaleStep/help-" + parameter + ".html");
            }
            Class<?> type = setter.getParameterTypes()[0];
            boolean plain = type == String.class
                    || type.isPrimitive()
                    || type == Integer.class
                    || type == Long.class
                    || type == Boolean.class;
            if (!plain) {
                problems.add(parameter + " has type " + type.getName() + ", which structs may not categorize");
            }
        }
        for (Constructor<?> constructor : RunwayUpscaleStep.class.getConstructors()) {
            if (constructor.isAnnotationPresent(DataBoundConstructor.class) && constructor.getParameterCount() > 0) {
                problems.add("the @DataBoundConstructor takes parameters, which structs and Declarative require");
            }
        }

        assertThat(problems).isEmpty();
    }

    /** The step includes the build step's form; its descriptor redirects help for exactly the fields listed. */
    @Test
    void theStepServesHelpForEveryFieldOfTheSharedForm() throws Exception {
        Path shared = view(RunwayUpscaleBuilder.class, "config.jelly");

        assertThat(fields(view(RunwayUpscaleStep.class, "config.jelly")))
                .containsExactlyInAnyOrderElementsOf(fields(shared));
        assertThat(UpscaleForm.FIELDS).containsExactlyInAnyOrderElementsOf(fields(shared));
    }

    @Test
    void everyLocalizedTextResolves() throws Exception {
        List<String> problems = new ArrayList<>();
        for (Path view : views) {
            Properties bundle = bundleOf(view);
            Set<String> used = new TreeSet<>();
            Matcher text = LOCALIZED.matcher(Files.readString(view));
            while (text.find()) {
                String key = text.group(1);
                used.add(key);
                String message = bundle.getProperty(key, "");
                if (!message.isEmpty()) {
                    problems.addAll(formatProblems(view, key, message));
                } else if (KEY_LIKE.matcher(key).matches()) {
                    problems.add(relative(view) + ": ${%" + key + "} is not in " + bundleName(view)
                            + ", so the page would show the key itself");
                } else {
                    // Stapler falls back to the text itself, run through MessageFormat like any message.
                    problems.addAll(formatProblems(view, key, key));
                }
            }
            for (String key : bundle.stringPropertyNames()) {
                if (!used.contains(key)) {
                    problems.add(bundleName(view) + ": " + key + " is used by no ${%...} of " + relative(view));
                }
            }
        }

        assertThat(problems).isEmpty();
    }

    @Test
    void everyPropertyAViewReadsExists() throws Exception {
        List<String> problems = new ArrayList<>();
        for (Path view : views) {
            Class<?> described = describedClass(view);
            if (described == null) {
                continue;
            }
            Matcher property = PROPERTY.matcher(Files.readString(view));
            while (property.find()) {
                boolean isDescriptor = property.group(1).equals("descriptor");
                if (!isDescriptor && view.getFileName().toString().equals("config.jelly")) {
                    // In a configuration form "it" is whatever holds the form, not the described object.
                    continue;
                }
                Class<?> owner = isDescriptor ? descriptorOf(described) : described;
                String name = property.group(2);
                boolean found = property.group(3) != null ? publicMethod(owner, name) : getter(owner, name) != null;
                if (!found) {
                    problems.add(relative(view) + ": " + property.group() + " does not exist on " + owner);
                }
            }
        }

        assertThat(problems).isEmpty();
    }

    // ---- reading views

    private static Document parse(Path view) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        try (InputStream in = Files.newInputStream(view)) {
            return factory.newDocumentBuilder().parse(in);
        }
    }

    private static boolean escapesByDefault(Document document) {
        Node first = document.getFirstChild();
        while (first != null && first.getNodeType() == Node.COMMENT_NODE) {
            first = first.getNextSibling();
        }
        return first instanceof ProcessingInstruction instruction
                && instruction.getTarget().equals("jelly")
                && instruction.getData().replace('"', '\'').contains("escape-by-default='true'");
    }

    /** The fields a view binds, those of the pages it includes too. */
    private static Set<String> fields(Path view) throws Exception {
        Document document = parse(view);
        Set<String> fields = new LinkedHashSet<>(ownFields(document));
        NodeList elements = document.getElementsByTagNameNS("jelly:stapler", "include");
        for (int i = 0; i < elements.getLength(); i++) {
            Element include = (Element) elements.item(i);
            String owner = include.getAttribute("class");
            Path page = owner.isEmpty()
                    ? view.resolveSibling(include.getAttribute("page"))
                    : root.resolve(owner.replace('.', '/')).resolve(include.getAttribute("page"));
            assertThat(page).as("page included by " + relative(view)).exists();
            fields.addAll(fields(page));
        }
        return fields;
    }

    private static Set<String> ownFields(Document document) {
        Set<String> fields = new LinkedHashSet<>();
        NodeList elements = document.getElementsByTagName("*");
        for (int i = 0; i < elements.getLength(); i++) {
            Element element = (Element) elements.item(i);
            if (element.hasAttribute("field")) {
                fields.add(element.getAttribute("field"));
            }
        }
        return fields;
    }

    private static Set<String> fieldsOfClassDirectory(Path directory) throws Exception {
        Set<String> fields = new LinkedHashSet<>();
        try (Stream<Path> files = Files.list(directory)) {
            for (Path view : files.filter(views::contains).toList()) {
                fields.addAll(fields(view));
            }
        }
        return fields;
    }

    private static Properties bundleOf(Path view) throws IOException {
        Properties bundle = new Properties();
        Path file =
                view.resolveSibling(bundleName(view).substring(bundleName(view).lastIndexOf('/') + 1));
        if (Files.exists(file)) {
            try (InputStream in = Files.newInputStream(file)) {
                bundle.load(in);
            }
        }
        return bundle;
    }

    private static String bundleName(Path view) {
        return relative(view).replaceAll("\\.jelly$", ".properties");
    }

    private static List<String> formatProblems(Path view, String key, String message) {
        try {
            String shown = new MessageFormat(message).format(new Object[0]);
            if (!message.contains("{") && !shown.equals(message)) {
                return List.of(relative(view) + ": ${%" + key + "} shows as \"" + shown
                        + "\" (MessageFormat drops single quotes: write '' for one)");
            }
            return List.of();
        } catch (IllegalArgumentException e) {
            return List.of(relative(view) + ": ${%" + key + "} is no valid message: " + e.getMessage());
        }
    }

    private static Path view(Class<?> owner, String name) {
        return root.resolve(owner.getName().replace('.', '/')).resolve(name);
    }

    /** {@code a/b/Foo/config.jelly} describes {@code a.b.Foo}; views outside a class directory describe nothing. */
    private static Class<?> describedClass(Path view) {
        if (view.getParent().equals(root)) {
            return null;
        }
        Path directory = root.relativize(view.getParent());
        String name = directory.toString().replace(view.getFileSystem().getSeparator(), ".");
        try {
            return Class.forName(name, false, ViewResourcesTest.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new AssertionError(relative(view) + " sits in the directory of no class: " + name, e);
        }
    }

    private static String relative(Path file) {
        return root.relativize(file).toString().replace(file.getFileSystem().getSeparator(), "/");
    }

    private static String where(Path view, String field) {
        return relative(view) + ": field=\"" + field + "\"";
    }

    // ---- reading classes as Stapler does

    private static Method getter(Class<?> type, String property) {
        for (Method method : type.getMethods()) {
            boolean noArguments = method.getParameterCount() == 0 && !Modifier.isStatic(method.getModifiers());
            if (noArguments && method.getName().equals("get" + capitalized(property))) {
                return method;
            }
            if (noArguments
                    && method.getName().equals("is" + capitalized(property))
                    && (method.getReturnType() == boolean.class || method.getReturnType() == Boolean.class)) {
                return method;
            }
        }
        return null;
    }

    private static boolean publicMethod(Class<?> type, String name) {
        return Arrays.stream(type.getMethods())
                .anyMatch(method -> method.getName().equals(name));
    }

    private static boolean bound(Class<?> type, String field) {
        for (Constructor<?> constructor : type.getConstructors()) {
            if (constructor.isAnnotationPresent(DataBoundConstructor.class)) {
                for (Parameter parameter : constructor.getParameters()) {
                    assertThat(parameter.isNamePresent())
                            .as("parameter names compiled in (-parameters)")
                            .isTrue();
                    if (parameter.getName().equals(field)) {
                        return true;
                    }
                }
            }
        }
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            for (Method method : c.getDeclaredMethods()) {
                if (method.isAnnotationPresent(DataBoundSetter.class)
                        && method.getName().equals("set" + capitalized(field))
                        && method.getParameterCount() == 1) {
                    return true;
                }
            }
            for (Field member : c.getDeclaredFields()) {
                if (member.isAnnotationPresent(DataBoundSetter.class)
                        && member.getName().equals(field)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** A descriptor describes itself (a global configuration); otherwise it is the nested DescriptorImpl. */
    private static Class<?> descriptorOf(Class<?> described) {
        if (hudson.model.Descriptor.class.isAssignableFrom(described)) {
            return described;
        }
        return Arrays.stream(described.getClasses())
                .filter(hudson.model.Descriptor.class::isAssignableFrom)
                .findFirst()
                .orElseThrow(() -> new AssertionError(described + " has no nested descriptor"));
    }

    private static String capitalized(String name) {
        return Character.toUpperCase(name.charAt(0)) + name.substring(1);
    }
}
