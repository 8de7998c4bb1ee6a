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
 * <li>units: whether each was enabled (or masked) and running, to be enabled and started again; they are
 * recorded first, then stopped, so that nothing writes to the files being archived;</li>
 * <li>paths that existed ({@code existing}): archived with owners, modes, ACLs and every extended attribute
 * ({@code tar --acls --xattrs --xattrs-include='*'}: file capabilities, SELinux labels); those that did not
 * ({@code absent}), to be removed;</li>
 * <li>users that existed: their {@code getent passwd} and {@code group} lines, to be recreated with the same
 * ids when the course's cleanup deleted them (the Debian package's {@code iterdemo}); those that did not
 * ({@code absent-users}), to be deleted.</li>
 * </ul>
 * Restoring follows what was saved, not today's course data: a path or user the data names since then is
 * left alone. A save is built in a temporary directory and renamed into place, and never replaced: the state
 * before the course is the one taken first. It all goes through the {@link Machine}, so the system tests
 * exercise it exactly as a student's machine does.
 */
public final class BeforeTheCourse {
    private static final Duration LIMIT = Duration.ofSeconds(300);

    private final Machine machine;
    private final Course course;
    private final String dir;

    public BeforeTheCourse(Machine machine, Course course) {
        this(machine, course, ProgressFile.DIRECTORY);
    }

    /** With the saves under {@code savesDirectory} instead of {@value ProgressFile#DIRECTORY} (tests). */
    BeforeTheCourse(Machine machine, Course course, String savesDirectory) {
        this.machine = machine;
        this.course = course;
        this.dir = savesDirectory + "/before-" + course.id();
    }

    /**
     * Records the course's units, stops those that run (a course starts from its units stopped), then saves
     * its paths and users. Does nothing when a save exists already.
     */
    public void save() throws LabFailure, IOException, InterruptedException {
        if (saved()) {
            return;
        }
        Touches touches = course.touches();
        String building = dir + ".new";
        StringBuilder script = new StringBuilder("set -e; umask 077; rm -rf " + building + "; mkdir -p " + building
                + "; cd " + building + "; : > existing; : > absent; : > users; : > groups; : > absent-users; : > units\n");
        for (String unit : touches.units()) {
            String q = Texts.shellQuote(unit);
            // "none" where systemctl prints nothing (no such unit), so that every line has three words.
            script.append("e=$(systemctl is-enabled ").append(q).append(" 2>/dev/null || true); a=$(systemctl is-active ")
                    .append(q).append(" 2>/dev/null || true); printf '%s %s %s\\n' ").append(q)
                    .append(" \"${e:-none}\" \"${a:-none}\" >> units\n");
        }
        for (String unit : touches.units()) {
            script.append("systemctl stop ").append(Texts.shellQuote(unit)).append(" 2>/dev/null || true\n");
        }
        for (String path : touches.paths()) {
            String q = Texts.shellQuote(path);
            script.append("if [ -e ").append(q).append(" ] || [ -L ").append(q).append(" ]; then echo ").append(q)
                    .append(" >> existing; else echo ").append(q).append(" >> absent; fi\n");
        }
        script.append("if [ -s existing ]; then sed 's|^/||' existing | tar --acls --xattrs --xattrs-include='*' -cpf paths.tar -C / -T -; fi\n");
        for (String user : touches.users()) {
            String q = Texts.shellQuote(user);
            script.append("if getent passwd ").append(q).append(" > /dev/null; then getent passwd ").append(q)
                    .append(" >> users; getent group \"$(id -g ").append(q).append(")\" >> groups; else echo ").append(q)
                    .append(" >> absent-users; fi\n");
        }
        script.append("cd /; mv ").append(building).append(' ').append(dir).append('\n');
        run("save what the course " + course.id() + " touches", script.toString());
    }

    /** Whether a save exists for the course. */
    public boolean saved() throws IOException, InterruptedException {
        return machine.sh("test -d " + dir, LIMIT).ok();
    }

    /**
     * What reset removes: each saved-as-absent path that exists now, and each saved-as-absent user that exists
     * now, one per line ({@code user NAME}).
     */
    public List<String> toRemove() throws IOException, InterruptedException {
        String script = "while IFS= read -r path; do if [ -e \"$path\" ] || [ -L \"$path\" ]; then echo \"$path\"; fi; done < "
                + dir + "/absent\n"
                + "while IFS= read -r user; do if getent passwd \"$user\" > /dev/null; then echo \"user $user\"; fi; done < "
                + dir + "/absent-users\n";
        Machine.Outcome outcome = machine.sh(script, LIMIT);
        return outcome.stdout().lines().filter(l -> !l.isBlank()).toList();
    }

    /**
     * After the course's cleanup: stops the course's units, removes what was absent before, puts back the
     * saved paths, users, units' enablement and activity, and drops the save only when all of it worked.
     */
    public void restore() throws LabFailure, IOException, InterruptedException {
        StringBuilder script = new StringBuilder("set -e; cd /\n");
        script.append("while read -r unit _; do systemctl stop \"$unit\" 2>/dev/null || true; done < ").append(dir).append("/units\n");
        script.append("while IFS= read -r path; do rm -rf \"$path\"; done < ").append(dir).append("/absent\n");
        script.append("while IFS= read -r path; do rm -rf \"$path\"; done < ").append(dir).append("/existing\n");
        script.append("if [ -f ").append(dir).append("/paths.tar ]; then tar --acls --xattrs --xattrs-include='*' -xpf ")
                .append(dir).append("/paths.tar -C /; fi\n");
        // A user saved as existing comes back with its ids, home and shell if the cleanup deleted it.
        script.append("while IFS=: read -r name _ uid gid gecos home shell; do\n")
                .append("  getent passwd \"$name\" > /dev/null && continue\n")
                .append("  group=$(awk -F: -v gid=\"$gid\" '$3 == gid { print $1 }' ").append(dir).append("/groups | head -n 1)\n")
                .append("  getent group \"$gid\" > /dev/null || groupadd --system -g \"$gid\" \"$group\"\n")
                .append("  useradd --system -u \"$uid\" -g \"$gid\" -c \"$gecos\" -d \"$home\" -M -s \"$shell\" \"$name\"\n")
                .append("done < ").append(dir).append("/users\n");
        script.append("while IFS= read -r user; do if getent passwd \"$user\" > /dev/null; then userdel \"$user\"; fi; done < ")
                .append(dir).append("/absent-users\n");
        // enable and mask only write symlinks here (--no-reload): systemd reloads once, after every file is back.
        // Each reload costs seconds on a small or emulated machine, and a plain enable would reload a second time.
        script.append("while read -r unit enabled active; do\n")
                .append("  case \"$enabled\" in\n")
                .append("    enabled) systemctl enable --no-reload \"$unit\" ;;\n")
                .append("    masked) systemctl mask --no-reload \"$unit\" ;;\n")
                .append("  esac\n")
                .append("done < ").append(dir).append("/units\n");
        script.append("systemctl daemon-reload\n");
        script.append("while read -r unit enabled active; do\n")
                .append("  systemctl reset-failed \"$unit\" 2>/dev/null || true\n")
                .append("  case \"$active\" in active|activating|reloading) systemctl start \"$unit\" ;; esac\n")
                .append("done < ").append(dir).append("/units\n");
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
