package io.iterdemo.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.iterdemo.lab.Ladder.Loaded;
import io.iterdemo.lab.Ladder.Phase;
import io.iterdemo.lab.Ladder.Step;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * What a lesson's commands need is installed by the lesson's own setup, not assumed: a minimal Debian install
 * (what the test VM's image is) lacks curl and Java. And the test VM can install it: every package a setup
 * names is in the VM's Debian repository (systemtest/guest/repo-packages.txt), so the system tests run the
 * setup's own {@code apt install}.
 */
class LessonPrerequisitesTest {
    /** Commands the lessons may use that a minimal Debian 12 install does not have, and their package. */
    private static final Map<String, String> NOT_IN_A_MINIMAL_INSTALL = Map.ofEntries(
            Map.entry("curl", "curl"), Map.entry("java", "default-jre-headless"), Map.entry("wget", "wget"),
            Map.entry("python3", "python3"), Map.entry("jq", "jq"), Map.entry("nc", "netcat-openbsd"),
            Map.entry("lsof", "lsof"), Map.entry("strace", "strace"), Map.entry("logrotate", "logrotate"),
            Map.entry("setfacl", "acl"), Map.entry("getfacl", "acl"), Map.entry("getfattr", "attr"),
            Map.entry("setfattr", "attr"), Map.entry("openssl", "openssl"), Map.entry("sudo", "sudo"));
    /** A command word: at the start of a line or after a shell operator or command substitution. */
    private static final Pattern COMMAND_WORD = Pattern.compile("(?:^|&&|\\|\\||[|;(]|\\$\\()\\s*(?:sudo\\s+)?([\\w.-]+)(?![\\w.-]*=)");

    @Test
    void everyCommandMissingFromAMinimalInstallIsInstalledByTheCourseSetup() {
        for (Loaded loaded : Ladder.shipped()) {
            Set<String> installed = setupPackages(loaded);
            for (String line : commandLines(loaded)) {
                Matcher word = COMMAND_WORD.matcher(line);
                while (word.find()) {
                    String pkg = NOT_IN_A_MINIMAL_INSTALL.get(word.group(1));
                    assertTrue(pkg == null || installed.contains(pkg), loaded.course().id() + ": `" + line + "` runs "
                            + word.group(1) + ", but the setup does not install " + pkg + " (it installs " + installed + ")");
                }
            }
        }
    }

    @Test
    void theSetupOfEveryCourseInstallsJavaAndCurl() {
        for (Loaded loaded : Ladder.shipped()) {
            assertTrue(setupPackages(loaded).containsAll(List.of("default-jre-headless", "curl")),
                    loaded.course().id() + " installs " + setupPackages(loaded));
        }
    }

    @Test
    void everyPackageASetupInstallsIsInTheTestVmsRepository() throws IOException {
        Set<String> repository = new TreeSet<>();
        try (Stream<String> lines = Files.lines(Ladder.projectDir().resolve("systemtest/guest/repo-packages.txt"))) {
            lines.map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).forEach(repository::add);
        }
        Set<String> wanted = new TreeSet<>();
        Ladder.shipped().forEach(loaded -> wanted.addAll(setupPackages(loaded)));
        wanted.removeAll(repository);
        assertEquals(Set.of(), wanted, "installed by a course's setup, missing from systemtest/guest/repo-packages.txt");
    }

    @Test
    void theCommandWordsOfALineAreFoundAfterEveryOperator() {
        Matcher word = COMMAND_WORD.matcher("test -x a && curl -s b | grep c; x=$(java -version) || sudo jq .");
        List<String> words = new ArrayList<>();
        while (word.find()) {
            words.add(word.group(1));
        }
        assertEquals(List.of("test", "curl", "grep", "java", "jq"), words);
    }

    private static Set<String> setupPackages(Loaded loaded) {
        return new TreeSet<>(loaded.course().setupPackages());
    }

    private static List<String> commandLines(Loaded loaded) {
        List<String> lines = new ArrayList<>();
        List<Phase> phases = new ArrayList<>(loaded.course().setup());
        phases.addAll(loaded.course().cleanup());
        for (Step step : loaded.steps()) {
            phases.addAll(step.phases());
            step.given().forEach(c -> lines.add(c.run()));
            step.directives().stream().filter(d -> d.check() != null).forEach(d -> lines.add(d.check()));
        }
        for (Phase phase : phases) {
            phase.run().forEach(c -> lines.add(c.run()));
            phase.observe().forEach(o -> lines.add(o.run()));
        }
        return lines;
    }
}
