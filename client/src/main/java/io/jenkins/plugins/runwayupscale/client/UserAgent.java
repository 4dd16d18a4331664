package io.jenkins.plugins.runwayupscale.client;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** {@code runway-upscale/<version>}, read from the build so it never drifts from the released version. */
public final class UserAgent {
    public static final String VERSION = readVersion();
    public static final String VALUE = "runway-upscale/" + VERSION;

    private UserAgent() {}

    private static String readVersion() {
        try (InputStream in = UserAgent.class.getResourceAsStream("version.properties")) {
            if (in == null) {
                return "dev";
            }
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version", "dev");
        } catch (IOException e) {
            return "dev";
        }
    }
}
