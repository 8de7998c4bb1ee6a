package io.iterdemo.lab;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Collections;
import java.util.Iterator;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * A line of output (or a text of the journal) that a lesson quotes, which may differ between the systemd
 * releases the lessons cover. In the step data it is either a string, which holds on every release, or a
 * map from systemd version to the text that release prints, measured on each:
 *
 * <pre>{@code
 * - {252: "Failed to locate executable /usr/bin/javaX: No such file or directory",
 *    257: "Unable to locate executable '/usr/bin/javaX': No such file or directory"}
 * }</pre>
 *
 * <p>The keys are the versions of {@link Release}: a systemd between two of them gets the older one's text
 * (Ubuntu 24.04's 255 gets 252's), an older one the oldest text, a newer one the newest.
 */
public record Quoted(NavigableMap<Integer, String> byVersion) {
    /** The releases the lessons are proven on, by the major version of their systemd. */
    public enum Release {
        DEBIAN_12(252, "Debian 12"),
        DEBIAN_13(257, "Debian 13");

        private final int systemd;
        private final String name;

        Release(int systemd, String name) {
            this.systemd = systemd;
            this.name = name;
        }

        public int systemd() {
            return systemd;
        }

        /** "Debian 13 (systemd 257)": how a lesson names the release a quote was measured on. */
        public String label() {
            return name + " (systemd " + systemd + ")";
        }

        /** The release whose systemd has major version {@code systemd}, if the lessons cover it. */
        static Release of(int systemd) {
            for (Release release : values()) {
                if (release.systemd == systemd) {
                    return release;
                }
            }
            throw new IllegalArgumentException("systemd " + systemd + " is not a release the lessons cover ("
                    + String.join(", ", java.util.Arrays.stream(values()).map(Release::label).toList()) + ")");
        }
    }

    public Quoted {
        byVersion = Collections.unmodifiableNavigableMap(new TreeMap<>(byVersion));
        if (byVersion.isEmpty()) {
            throw new IllegalArgumentException("a quoted text needs at least one version");
        }
    }

    /** The same text on every release. */
    public static Quoted everywhere(String text) {
        return new Quoted(new TreeMap<>(Map.of(0, text)));
    }

    /**
     * From the step data: a string, or a map whose keys are systemd versions of {@link Release}.
     *
     * @throws IllegalArgumentException for any other shape, or a version the lessons do not cover
     */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    static Quoted of(JsonNode node) {
        if (node.isTextual()) {
            return everywhere(node.textValue());
        }
        if (!node.isObject() || node.isEmpty()) {
            throw new IllegalArgumentException("expected a text, or one text per systemd version such as "
                    + "{252: \"...\", 257: \"...\"}, found " + node);
        }
        TreeMap<Integer, String> texts = new TreeMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> field = it.next();
            int version;
            try {
                version = Integer.parseInt(field.getKey().strip());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("'" + field.getKey() + "' is not a systemd version (252, 257)");
            }
            Release.of(version);
            if (!field.getValue().isTextual()) {
                throw new IllegalArgumentException("the text for systemd " + version + " is not a string: "
                        + field.getValue());
            }
            texts.put(version, field.getValue().textValue());
        }
        return new Quoted(texts);
    }

    /** The text systemd {@code systemd} (its major version) prints. */
    public String on(int systemd) {
        Map.Entry<Integer, String> entry = byVersion.floorEntry(systemd);
        return entry != null ? entry.getValue() : byVersion.firstEntry().getValue();
    }

    /** The text on {@code release}. */
    public String on(Release release) {
        return on(release.systemd());
    }

    /** Whether the releases print different texts, so that a lesson shows each. */
    public boolean variesByRelease() {
        return byVersion.size() > 1;
    }

    /** The text of a quote that {@linkplain #variesByRelease() does not vary}; else the newest release's. */
    public String text() {
        return byVersion.lastEntry().getValue();
    }

    @Override
    public String toString() {
        return variesByRelease() ? byVersion.toString() : text();
    }
}
