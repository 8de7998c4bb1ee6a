package io.iterdemo.lab;

import io.iterdemo.lab.Ladder.Command;
import io.iterdemo.lab.Ladder.Course;
import io.iterdemo.lab.Ladder.Directive;
import io.iterdemo.lab.Ladder.Expect;
import io.iterdemo.lab.Ladder.FileCheck;
import io.iterdemo.lab.Ladder.Lang;
import io.iterdemo.lab.Ladder.Loaded;
import io.iterdemo.lab.Ladder.Observation;
import io.iterdemo.lab.Ladder.Phase;
import io.iterdemo.lab.Ladder.Step;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Renders a course as one Markdown page per language. Both pages take every command, unit file and
 * quoted output from the same data; only the prose differs.
 */
public final class LessonWriter {
    /**
     * Ubuntu 24.04's systemd: its archive is out of the tests' reach, and the two Debian releases around it
     * cover it; a lesson names it where it falls on the older side of a step's {@code since}.
     */
    static final int UBUNTU_24_04_SYSTEMD = 255;

    private final Loaded loaded;
    private final Lang lang;
    private final StringBuilder out = new StringBuilder();

    private LessonWriter(Loaded loaded, Lang lang) {
        this.loaded = loaded;
        this.lang = lang;
    }

    /** The course's whole page in {@code lang}, as committed under {@code systemd/}. */
    public static String page(Loaded loaded, Lang lang) {
        return new LessonWriter(loaded, lang).render();
    }

    /**
     * One step's part of the page, for {@code iterdemo lab show}; the first step comes with the course's
     * introduction and setup, which it starts from.
     */
    public static String step(Loaded loaded, Step step, Lang lang) {
        LessonWriter writer = new LessonWriter(loaded, lang);
        Course course = loaded.course();
        if (loaded.steps().indexOf(step) == 0) {
            writer.line("# " + course.title().in(lang));
            writer.line();
            writer.line(course.intro().in(lang));
            writer.line();
            if (!course.setup().isEmpty()) {
                writer.line("## " + writer.label("setup"));
                writer.line();
                course.setup().forEach(writer::phase);
            }
        }
        writer.step(course, step);
        return writer.out.toString().stripTrailing() + "\n";
    }

    /** The labels of the page, in both languages. */
    private String label(String key) {
        boolean fr = lang == Lang.FR;
        return switch (key) {
            case "generated" -> fr
                    ? "Page générée à partir de `systemd/ladder/` ; ne pas la modifier à la main (voir `docs/ladder.md`). "
                      + "Chaque commande et chaque sortie citée ici a été rejouée par `iterdemo lab run`, dans les "
                      + "tests du projet, sous systemd 252 (Debian 12) et sous systemd 257 (Debian 13) ; une étape "
                      + "marquée « systemd >= N », sous systemd 257 seulement."
                    : "Generated from `systemd/ladder/`; do not edit by hand (see `docs/ladder.md`). Every command "
                      + "and every quoted output on this page is replayed by `iterdemo lab run`, in the project's "
                      + "tests, under systemd 252 (Debian 12) and under systemd 257 (Debian 13); a step marked "
                      + "\"systemd >= N\", under systemd 257 only.";
            case "other" -> fr ? "English version" : "Version française";
            case "setup" -> fr ? "Mise en place" : "Setup";
            case "step" -> fr ? "ÉTAPE" : "STEP";
            case "why" -> fr ? "Pourquoi" : "Why";
            case "focus" -> fr ? "Focus attributs" : "Directives in focus";
            case "file" -> fr ? "Fichier" : "File";
            case "shipped" -> fr ? "dans le dossier du lab :" : "in the lab directory:";
            case "check" -> fr ? "Vérifie : `iterdemo lab check` (puis `iterdemo lab next`)"
                    : "Check: `iterdemo lab check` (then `iterdemo lab next`)";
            case "given" -> fr ? "Si tu commences ici sur une machine neuve (après la mise en place)"
                    : "Starting here on a fresh machine (after the setup)";
            case "scenario" -> fr ? "Scénario" : "Scenario";
            case "works" -> fr ? "Marche" : "Works";
            case "break" -> fr ? "Casse" : "Break";
            case "fix" -> fr ? "Répare" : "Fix";
            case "explore" -> fr ? "Observe" : "Look closer";
            case "do" -> fr ? "Fais" : "Do";
            case "see" -> fr ? "Tu vois" : "You see";
            case "journal" -> fr ? "le journal de l'unité (`journalctl -u %s`) contient"
                    : "the unit's journal (`journalctl -u %s`) contains";
            case "contains" -> fr ? "contient" : "contains";
            case "absent" -> fr ? "n'existe pas" : "does not exist";
            case "atLeast" -> fr ? "atteint au moins" : "reaches at least";
            case "exit" -> fr ? "code de sortie" : "exit status";
            case "exposure" -> fr ? "Exposition (`systemd-analyze security %s`)" : "Exposure (`systemd-analyze security %s`)";
            case "cleanup" -> fr ? "Nettoyage (quand tu auras terminé)" : "Cleanup (when you are done)";
            case "recap" -> fr ? "Tableau récap : attribut → effet concret → commande de test"
                    : "Recap: directive → concrete effect → test command";
            case "recapHead" -> fr ? "| Étape | Attribut | Effet concret | Commande de test |"
                    : "| Step | Directive | Concrete effect | Test command |";
            case "scores" -> fr ? "Exposition par étape (`systemd-analyze security`, mesurée sous systemd 252)"
                    : "Exposure per step (`systemd-analyze security`, measured under systemd 252)";
            case "scoresHead" -> fr ? "| Étape | Unité | Exposition, Debian 12 (systemd 252) | Exposition, Debian 13 (systemd 257) |"
                    : "| Step | Unit | Exposure, Debian 12 (systemd 252) | Exposure, Debian 13 (systemd 257) |";
            case "walk" -> fr ? "Le chemin, directive par directive (exposition après chacune)"
                    : "The way there, directive by directive (exposure after each)";
            case "walkHead" -> fr ? "| Ajout | Exposition | Ce que ça restreint | Prix pour le service |"
                    : "| Added | Exposure | What it restricts | Price for the service |";
            case "free" -> fr ? "aucun" : "none";
            default -> throw new IllegalArgumentException(key);
        };
    }

    private String render() {
        Course course = loaded.course();
        String other = course.id() + "." + (lang == Lang.FR ? "en" : "fr") + ".md";
        line("# " + course.title().in(lang));
        line();
        line("> " + label("generated") + " [" + label("other") + "](" + other + ")");
        line();
        line(course.intro().in(lang));
        line();
        if (!course.setup().isEmpty()) {
            line("## " + label("setup"));
            line();
            course.setup().forEach(this::phase);
        }
        for (Step step : loaded.steps()) {
            step(course, step);
        }
        if (!course.cleanup().isEmpty()) {
            line("## " + label("cleanup"));
            line();
            course.cleanup().forEach(this::phase);
        }
        recap();
        scores();
        if (course.outro() != null) {
            line(course.outro().in(lang));
            line();
        }
        return out.toString().stripTrailing() + "\n";
    }

    private void step(Course course, Step step) {
        line("---");
        line();
        line("## " + label("step") + " " + step.number() + " — " + step.title().in(lang)
                + (step.since() != null ? " (systemd >= " + step.since() + ")" : ""));
        line();
        if (step.since() != null) {
            line(lang == Lang.FR
                    ? "> Cette étape demande systemd " + step.since() + " ou plus récent : elle se joue sur "
                      + newerReleases(step) + ". Sur " + olderReleases(step) + ", `iterdemo lab` la saute en disant pourquoi."
                    : "> This step needs systemd " + step.since() + " or newer: it runs on " + newerReleases(step)
                      + ". On " + olderReleases(step) + ", `iterdemo lab` skips it and says why.");
            line();
        }
        line("### " + label("why"));
        line();
        line(step.why().in(lang));
        line();
        if (!step.directives().isEmpty()) {
            line("### " + label("focus"));
            line();
            for (Directive d : step.directives()) {
                line("* **" + d.directive() + "**" + colon() + " " + d.effect().in(lang));
            }
            line();
        }
        line("### " + label("file") + " `/etc/systemd/system/" + course.unitName() + "` (" + label("shipped")
                + " `" + course.labFile(step) + "`)");
        line();
        line("```ini");
        out.append(step.unit().stripTrailing()).append('\n');
        line("```");
        line();
        for (Map.Entry<String, String> other : step.otherUnits().entrySet()) {
            line("### " + label("file") + " `/etc/systemd/system/" + other.getKey() + "` (" + label("shipped") + " `"
                    + step.id() + "/" + other.getKey() + "`)");
            line();
            line("```ini");
            out.append(other.getValue().stripTrailing()).append('\n');
            line("```");
            line();
        }
        if (!step.given().isEmpty()) {
            line(label("given") + colon());
            line();
            commands(step.given());
        }
        line("### " + label("scenario"));
        line();
        step.phases().forEach(this::phase);
        if (step.exposure() != null) {
            line("**" + String.format(label("exposure"), course.unitName()) + "**" + colon() + " `" + step.exposure() + "`");
            line();
        }
        if (step.walk() != null) {
            walk(step.walk());
        }
    }

    private void walk(Ladder.Walk walk) {
        line("### " + label("walk"));
        line();
        line(walk.start().in(lang));
        line();
        line(label("walkHead"));
        line("|---|---|---|---|");
        line("| — | " + walk.fromExposure() + " | | |");
        for (Ladder.WalkStep step : walk.steps()) {
            List<String> changes = new java.util.ArrayList<>(step.lines().stream().map(l -> "`" + cell(l) + "`").toList());
            step.drop().forEach(key -> changes.add("~~`" + key + "=`~~"));
            String added = String.join("<br>", changes);
            line("| " + added + " | " + step.exposure() + " | " + cell(step.restricts().in(lang)) + " | "
                    + (step.price() == null ? label("free") : cell(step.price().in(lang))) + " |");
        }
        line();
    }

    private void phase(Phase phase) {
        // A phase with neither kind nor title (the setup's, the cleanup's) is text under the section's heading.
        if (phase.kind() != null || phase.title() != null) {
            StringBuilder heading = new StringBuilder("#### ");
            if (phase.kind() != null) {
                heading.append(label(phase.kind()));
            }
            if (phase.title() != null) {
                heading.append(phase.kind() != null ? " — " : "").append(phase.title().in(lang));
            }
            line(heading.toString());
            line();
        }
        if (phase.text() != null) {
            line(phase.text().in(lang));
            line();
        }
        if (!phase.run().isEmpty()) {
            commands(phase.run());
        }
        observations(phase);
        if (phase.note() != null) {
            line(phase.note().in(lang));
            line();
        }
        if (phase.kind() != null && (phase.expect() != null || !phase.observe().isEmpty())) {
            line(label("check"));
            line();
        }
    }

    private void commands(List<Command> commands) {
        line("```bash");
        for (Command c : commands) {
            StringBuilder text = new StringBuilder(c.run());
            if (c.expectedExit() != 0) {
                text.append("   # → ").append(label("exit")).append(' ').append(c.expectedExit());
            }
            line(text.toString());
        }
        line("```");
        line();
    }

    private void observations(Phase phase) {
        Expect expect = phase.expect();
        boolean any = !phase.observe().isEmpty()
                || (expect != null && (!expect.show().isEmpty() || !expect.atLeast().isEmpty()
                    || !expect.journal().isEmpty() || !expect.files().isEmpty()));
        if (!any) {
            return;
        }
        line(label("see") + colon());
        line();
        if (expect != null && !expect.show().isEmpty()) {
            line("```console");
            line("$ systemctl show -p " + String.join(",", expect.show().keySet()) + " " + loaded.course().unitName());
            for (Map.Entry<String, String> e : expect.show().entrySet()) {
                line(e.getKey() + "=" + e.getValue());
            }
            line("```");
            line();
        }
        for (Observation o : phase.observe()) {
            if (!o.variesByRelease()) {
                consoleBlock(o, Quoted.Release.DEBIAN_13);
                continue;
            }
            // Each release's output, as measured on it.
            for (Quoted.Release release : Quoted.Release.values()) {
                line(release.label() + colon());
                line();
                consoleBlock(o, release);
            }
        }
        if (expect != null) {
            for (Map.Entry<String, Long> e : expect.atLeast().entrySet()) {
                line("* `systemctl show -p " + e.getKey() + " " + loaded.course().unitName() + "` "
                        + label("atLeast") + " `" + e.getValue() + "`");
            }
            if (!expect.journal().isEmpty()) {
                line("* " + String.format(label("journal"), loaded.course().unitName()) + colon() + " "
                        + String.join(listSeparator(), expect.journal().stream().map(this::quoted).toList()));
            }
            for (FileCheck f : expect.files()) {
                if (f.mustBeAbsent()) {
                    line("* `" + f.path() + "` " + label("absent"));
                } else {
                    line("* `" + f.path() + "` " + label("contains") + " "
                            + String.join(listSeparator(), f.contains().stream().map(LessonWriter::code).toList()));
                }
            }
            if (!expect.atLeast().isEmpty() || !expect.journal().isEmpty() || !expect.files().isEmpty()) {
                line();
            }
        }
    }

    private void recap() {
        boolean any = loaded.steps().stream().anyMatch(s -> !s.directives().isEmpty());
        if (!any) {
            return;
        }
        line("---");
        line();
        line("## " + label("recap"));
        line();
        line(label("recapHead"));
        line("|---|---|---|---|");
        for (Step step : loaded.steps()) {
            for (Directive d : step.directives()) {
                line("| " + step.number() + " | `" + cell(d.directive()) + "` | " + cell(d.effect().in(lang)) + " | `"
                        + cell(d.check()) + "` |");
            }
        }
        line();
    }

    private void scores() {
        boolean any = loaded.steps().stream().anyMatch(s -> s.exposure() != null);
        if (!any) {
            return;
        }
        line("## " + label("scores"));
        line();
        line(label("scoresHead"));
        line("|---|---|---|---|");
        for (Step step : loaded.steps()) {
            if (step.exposure() != null) {
                // One score for both releases: each step's is measured on each (the lab's runs under systemd).
                StringBuilder row = new StringBuilder("| " + step.number() + " — " + cell(step.title().in(lang)) + " | `"
                        + loaded.course().labFile(step) + "` |");
                for (Quoted.Release release : Quoted.Release.values()) {
                    row.append(' ').append(step.runsOn(release.systemd()) ? step.exposure() : "—").append(" |");
                }
                line(row.toString());
            }
        }
        line();
    }

    private void consoleBlock(Observation o, Quoted.Release release) {
        line("```console");
        line("$ " + o.run());
        o.linesOn(release.systemd()).forEach(this::line);
        line("```");
        line();
    }

    /** A quoted text as inline code; one per release, each named, where the releases differ. */
    private String quoted(Quoted text) {
        if (!text.variesByRelease()) {
            return code(text.text());
        }
        return String.join(" / ", java.util.Arrays.stream(Quoted.Release.values())
                .map(release -> release.label() + colon() + " " + code(text.on(release))).toList());
    }

    private static String code(String text) {
        return text.contains("`") ? "`` " + text + " ``" : "`" + text + "`";
    }

    private static String cell(String text) {
        return text.replace("|", "\\|").replace("\n", " ");
    }

    /** The colon after a label: French typography puts a space before it, English none. */
    /** The releases whose systemd runs {@code step}: "Debian 13 (systemd 257)". */
    private static String newerReleases(Step step) {
        return String.join(", ", java.util.Arrays.stream(Quoted.Release.values())
                .filter(r -> step.runsOn(r.systemd())).map(Quoted.Release::label).toList());
    }

    /** The releases whose systemd predates {@code step}, and Ubuntu 24.04's 255 when it does too. */
    private String olderReleases(Step step) {
        List<String> older = new ArrayList<>(java.util.Arrays.stream(Quoted.Release.values())
                .filter(r -> !step.runsOn(r.systemd())).map(Quoted.Release::label).toList());
        if (!step.runsOn(UBUNTU_24_04_SYSTEMD)) {
            older.add("Ubuntu 24.04 (systemd " + UBUNTU_24_04_SYSTEMD + ")");
        }
        String last = older.remove(older.size() - 1);
        return older.isEmpty() ? last : String.join(", ", older) + (lang == Lang.FR ? " et " : " and ") + last;
    }

    private String colon() {
        return lang == Lang.FR ? " :" : ":";
    }

    /** Between items of a list in a sentence: French puts a space before the semicolon, English none. */
    private String listSeparator() {
        return lang == Lang.FR ? " ; " : "; ";
    }

    private void line(String text) {
        out.append(text).append('\n');
    }

    private void line() {
        out.append('\n');
    }
}
