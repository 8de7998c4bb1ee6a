package io.iterdemo.lab;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Map;

/**
 * The lab directory: where the lessons' commands run and what their relative paths name, the same layout
 * in the Debian package and in a project checkout: {@code iterdemo.jar} (a link to the jar), then one
 * directory per step with its unit files ({@code step-3/iterdemo.service}, {@code p3test-3/p3test.socket}).
 * It is {@code lab/} next to the running jar: {@code /usr/share/iterdemo/lab} from the package,
 * {@code target/lab} in a checkout after {@code mvn package}; {@code ITERDEMO_LAB_DIR} overrides it.
 */
final class LabDirectory {
    /** What makes a lab directory exist, for the line that says it does not. */
    static final String REMEDY = "install the iterdemo package, or mvn -B package in a checkout; ITERDEMO_LAB_DIR names another";

    private LabDirectory() {
    }

    static Path find(Map<String, String> env) {
        String override = env.get("ITERDEMO_LAB_DIR");
        if (override != null && !override.isBlank()) {
            return Path.of(override).toAbsolutePath().normalize();
        }
        try {
            Path jar = Path.of(LabDirectory.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return jar.toAbsolutePath().getParent().resolve("lab");
        } catch (URISyntaxException | RuntimeException e) {
            return Path.of("/usr/share/iterdemo/lab");
        }
    }
}
