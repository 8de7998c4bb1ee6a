package io.iterdemo.lab;

import io.iterdemo.lab.Ladder.Course;
import io.iterdemo.lab.Ladder.Touches;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * What a course's {@link Touches} named was like before the course began, saved on the machine under
 * {@value ProgressFile#DIRECTORY}{@code /before-COURSE/}, and put back by {@code iterdemo lab reset}.
 * <ul>
 * <li>paths that existed: archived with owners, modes, ACLs and extended attributes ({@code tar --acls
 * --xattrs}); those that did not are listed, to be removed;</li>
 * <li>users that existed: their {@code getent passwd} and {@code getent group} lines, to be recreated
 * with the same ids when the course's cleanup deleted them (a user the Debian package created, say);</li>
 * <li>units: whether each was enabled and active, to be enabled and started again.</li>
 * </ul>
 * It all goes through the {@link Machine}, so the system tests exercise it exactly as a student's machine does.
 */
public final class BeforeTheCourse {
    private static final Duration LIMIT = Duration.ofSeconds(300);

    private final Machine machine;
    private final Course course;
    private final String dir;

    public BeforeTheCourse(Machine machine, Course course) {
        this.machine = machine;
        this.course = course;
        this.dir = ProgressFile.DIRECTORY + "/before-" + course.id();
    }

    /** Saves the state of everything the course touches; replaces an earlier save. */
    public void save() throws LabFailure, IOException, InterruptedException {
        Touches touches = course.touches();
        StringBuilder script = new StringBuilder("set -e; umask 077; rm -rf " + dir + "; mkdir -p " + dir + "; cd " + dir
                + "; : > existing; : > absent; : > users; : > groups; : > units\n");
        for (String path : touches.paths()) {
            String q = Texts.shellQuote(path);
            script.append("if [ -e ").append(q).append(" ] || [ -L ").append(q).append(" ]; then echo ").append(q)
                    .append(" >> existing; else echo ").append(q).append(" >> absent; fi\n");
        }
        script.append("if [ -s existing ]; then sed 's|^/||' existing | tar --acls --xattrs -cpf paths.tar -C / -T -; fi\n");
        for (String user : touches.users()) {
            String q = Texts.shellQuote(user);
            script.append("if getent passwd ").append(q).append(" > /dev/null; then getent passwd ").append(q)
                    .append(" >> users; getent group \"$(id -g ").append(q).append(")\" >> groups; fi\n");
        }
        for (String unit : touches.units()) {
            String q = Texts.shellQuote(unit);
            script.append("printf '%s %s %s\\n' ").append(q).append(" \"$(systemctl is-enabled ").append(q)
                    .append(" 2>/dev/null || true)\" \"$(systemctl is-active ").append(q).append(" 2>/dev/null || true)\" >> units\n");
        }
        run("save what the course " + course.id() + " touches", script.toString());
    }

    /**
     * Stops the course's units that run (the Debian package's own {@code iterdemo.service}, say): a course
     * starts from units that do not run, and {@code reset} starts again those that did.
     */
    public void stopUnits() throws LabFailure, IOException, InterruptedException {
        StringBuilder script = new StringBuilder();
        for (String unit : course.touches().units()) {
            script.append("systemctl stop ").append(Texts.shellQuote(unit)).append(" 2>/dev/null\n");
        }
        script.append("true\n");
        run("stop the units of the course " + course.id(), script.toString());
    }

    /** Whether a save exists for the course. */
    public boolean saved() throws IOException, InterruptedException {
        return machine.sh("test -d " + dir, LIMIT).ok();
    }

    /**
     * What reset removes: each path the course touches that exists now and did not before the course (or
     * every existing path it touches, when nothing was saved), one per line, then users and units likewise.
     */
    public List<String> toRemove() throws IOException, InterruptedException {
        StringBuilder script = new StringBuilder();
        for (String path : course.touches().paths()) {
            String q = Texts.shellQuote(path);
            script.append("if { [ -e ").append(q).append(" ] || [ -L ").append(q).append(" ]; } && ! grep -qxF ")
                    .append(q).append(" ").append(dir).append("/existing 2>/dev/null; then echo ").append(q).append("; fi\n");
        }
        for (String user : course.touches().users()) {
            String q = Texts.shellQuote(user);
            script.append("if getent passwd ").append(q).append(" > /dev/null && ! grep -q '^'").append(q)
                    .append("':' ").append(dir).append("/users 2>/dev/null; then echo user ").append(q).append("; fi\n");
        }
        Machine.Outcome outcome = machine.sh(script.toString(), LIMIT);
        return outcome.stdout().lines().filter(l -> !l.isBlank()).toList();
    }

    /**
     * After the course's cleanup: stops the course's units, removes what is left of what it touched that did
     * not exist before, restores what did (paths, users, units' enablement and activity), and drops the save.
     */
    public void restore() throws LabFailure, IOException, InterruptedException {
        Touches touches = course.touches();
        StringBuilder script = new StringBuilder("cd / || exit 1\n");
        for (String unit : touches.units()) {
            script.append("systemctl stop ").append(Texts.shellQuote(unit)).append(" 2>/dev/null\n");
        }
        for (String path : touches.paths()) {
            script.append("rm -rf ").append(Texts.shellQuote(path)).append('\n');
        }
        script.append("if [ -f ").append(dir).append("/paths.tar ]; then tar --acls --xattrs -xpf ").append(dir)
                .append("/paths.tar -C / || exit 1; fi\n");
        for (String user : touches.users()) {
            String q = Texts.shellQuote(user);
            // Saved: recreate it if the cleanup deleted it, with its ids, home and shell. Not saved: delete it.
            script.append("line=$(grep '^'").append(q).append("':' ").append(dir).append("/users 2>/dev/null)\n")
                    .append("if [ -n \"$line\" ]; then\n")
                    .append("  if ! getent passwd ").append(q).append(" > /dev/null; then\n")
                    .append("    IFS=: read -r name _ uid gid gecos home shell <<EOF\n$line\nEOF\n")
                    .append("    group=$(awk -F: -v gid=\"$gid\" '$3 == gid { print $1 }' ").append(dir).append("/groups | head -n 1)\n")
                    .append("    getent group \"$gid\" > /dev/null || groupadd --system -g \"$gid\" \"$group\" || exit 1\n")
                    .append("    useradd --system -u \"$uid\" -g \"$gid\" -c \"$gecos\" -d \"$home\" -M -s \"$shell\" \"$name\" || exit 1\n")
                    .append("  fi\n")
                    .append("elif getent passwd ").append(q).append(" > /dev/null; then userdel ").append(q).append(" || exit 1\n")
                    .append("fi\n");
        }
        script.append("systemctl daemon-reload || exit 1\n");
        for (String unit : touches.units()) {
            String q = Texts.shellQuote(unit);
            script.append("systemctl reset-failed ").append(q).append(" 2>/dev/null\n");
            script.append("state=$(grep '^'").append(q).append("' ' ").append(dir).append("/units 2>/dev/null)\n")
                    .append("case \"$state\" in *' enabled '*) systemctl enable ").append(q).append(" 2>/dev/null ;; esac\n")
                    .append("case \"$state\" in *' active') systemctl start ").append(q).append(" ;; esac\n");
        }
        script.append("rm -rf ").append(dir).append('\n');
        run("put back what the course " + course.id() + " touched", script.toString());
    }

    private void run(String what, String script) throws LabFailure, IOException, InterruptedException {
        Machine.Outcome outcome = machine.sh(script, LIMIT);
        if (!outcome.ok()) {
            List<String> lines = new ArrayList<>(Texts.lastLines(outcome.stderr(), 5));
            throw new LabFailure("cannot " + what + ": " + (lines.isEmpty() ? "exit " + outcome.exitCode()
                    : lines.get(lines.size() - 1)), outcome.describe("(" + what + ")"));
        }
    }
}
