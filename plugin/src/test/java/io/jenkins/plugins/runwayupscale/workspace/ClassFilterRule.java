package io.jenkins.plugins.runwayupscale.workspace;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InvalidClassException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.ObjectStreamClass;
import java.net.URL;
import java.security.CodeSource;
import java.util.Set;

/**
 * The rule of Jenkins core's class filter ({@code jenkins.security.ClassFilterImpl}, JEP-200), which every agent
 * channel applies to each class named in what it reads: arrays, throwables and enums pass; so do classes of Jenkins
 * core, of remoting and of a plugin's own jar (told by where the class was loaded from); of the rest, only the JDK and
 * library classes named in core's {@code whitelisted-classes.txt}. Classes of a library jar bundled in a plugin (our
 * client) are rejected. On the built-in node nothing is serialized, so only this rule or a real agent shows it.
 *
 * <p>In this build the shim of core and remoting is compiled into the same folder as the plugin's classes, so "the
 * plugin's own location" also covers what the real filter accepts as core and remoting.
 */
final class ClassFilterRule {
    /** The JDK classes of core's whitelist that a plugin's values can plausibly hold (a subset: stricter, never wider). */
    private static final Set<String> WHITELISTED = Set.of(
            "java.io.File",
            "java.lang.Boolean",
            "java.lang.Byte",
            "java.lang.Character",
            "java.lang.Double",
            "java.lang.Enum",
            "java.lang.Float",
            "java.lang.Integer",
            "java.lang.Long",
            "java.lang.Number",
            "java.lang.Object",
            "java.lang.Short",
            "java.lang.StackTraceElement",
            "java.lang.String",
            "java.math.BigDecimal",
            "java.math.BigInteger",
            "java.net.URI",
            "java.net.URL",
            "java.time.Ser",
            "java.util.ArrayList",
            "java.util.Arrays$ArrayList",
            "java.util.Collections$EmptyList",
            "java.util.Collections$EmptyMap",
            "java.util.Collections$UnmodifiableCollection",
            "java.util.Collections$UnmodifiableList",
            "java.util.Collections$UnmodifiableMap",
            "java.util.Collections$UnmodifiableRandomAccessList",
            "java.util.HashMap",
            "java.util.LinkedHashMap",
            "java.util.TreeMap",
            "java.util.UUID");

    private final String pluginLocation;

    private ClassFilterRule(String pluginLocation) {
        this.pluginLocation = pluginLocation;
    }

    /** The rule as an agent channel applies it to this plugin. */
    static ClassFilterRule forThisPlugin() {
        return new ClassFilterRule(location(ReadVideoFile.class));
    }

    boolean permits(Class<?> type) {
        if (type.isArray() || Throwable.class.isAssignableFrom(type) || Enum.class.isAssignableFrom(type)) {
            return true;
        }
        String location = location(type);
        return location != null && location.equals(pluginLocation) || WHITELISTED.contains(type.getName());
    }

    /** Writes {@code value} and reads it back as the other end of a channel would; refused classes throw. */
    Object roundTrip(Object value) throws IOException, ClassNotFoundException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(value);
        }
        try (ObjectInputStream in = new Filtered(new ByteArrayInputStream(bytes.toByteArray()))) {
            return in.readObject();
        }
    }

    private static String location(Class<?> type) {
        CodeSource source = type.getProtectionDomain().getCodeSource();
        URL url = source == null ? null : source.getLocation();
        return url == null ? null : url.toString();
    }

    private final class Filtered extends ObjectInputStream {
        Filtered(InputStream in) throws IOException {
            super(in);
        }

        @Override
        protected Class<?> resolveClass(ObjectStreamClass desc) throws IOException, ClassNotFoundException {
            Class<?> type = super.resolveClass(desc);
            if (!permits(type)) {
                throw new InvalidClassException(type.getName(), "rejected by the class filter: " + location(type));
            }
            return type;
        }
    }
}
