package io.iterdemo.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.iterdemo.lab.Ladder.Command;
import io.iterdemo.lab.Ladder.Loaded;
import io.iterdemo.lab.Ladder.Phase;
import io.iterdemo.lab.Ladder.Step;
import io.iterdemo.systemtest.Result;
import io.iterdemo.systemtest.Vm;
import java.util.List;

/**
 * A student's path through a step, on a Debian 12 with the .deb installed: {@code iterdemo lab start N},
 * {@code lab check} on the working service, {@code lab next}; {@code lab check} fails while the break is not
 * typed yet, naming what differs; the break typed by hand (the lesson's commands, in the lab directory),
 * {@code lab check} passes; and so on to the fix and the step passed; then {@code lab reset} puts the machine
 * back as it was before the course. Played by {@code LabStudentPathSystemTest}.
 */
final class StudentPath {
    private StudentPath() {
    }

    static void walk(Vm vm, String courseId, String number) throws Exception {
        List<String> before = LabInVm.fingerprint(vm, courseId);
        Loaded course = LabInVm.course(courseId);
        Step step = course.step(number);
        String words = (courseId.equals("ladder") ? "" : courseId + " ") + number;

        LabInVm.labOk(vm, "start " + words);
        int phase = LabCommand.StartVerb.leadingPhases(step);
        if (!step.phases().get(phase).kind().equals("break")) {
            LabInVm.labOk(vm, "check " + LabInVm.WAIT);
            LabInVm.labOk(vm, "next " + LabInVm.WAIT);
            phase++;
        }
        boolean breakSeenFailing = false;
        for (; phase < step.phases().size(); phase++) {
            Phase current = step.phases().get(phase);
            if (current.kind().equals("break") && !breakSeenFailing && current.expect() != null) {
                Result early = LabInVm.lab(vm, "check --wait 3");
                assertNotEquals(0, early.exitCode(), "lab check passes before the break is typed:\n" + early.stdout());
                assertTrue(early.stdout().contains(": expected "), "the failed check names what differs:\n" + early.stdout());
                assertTrue(early.stdout().contains("hint: "), "the failed check gives a hint:\n" + early.stdout());
                assertTrue(current.run().isEmpty()
                        || early.stdout().contains("the phase's commands: iterdemo lab show " + words + "\n"),
                        "the failed check points at this course's lesson:\n" + early.stdout());
                breakSeenFailing = true;
            }
            for (Command command : current.run()) {
                // Typed by hand, in the lab directory, as the lesson says.
                Result typed = vm.run(java.time.Duration.ofMinutes(5),
                        List.of("/bin/sh", "-c", "cd " + LabInVm.LAB + " && " + command.run()));
                assertEquals(command.expectedExit(), typed.exitCode(), typed.describe());
            }
            LabInVm.labOk(vm, "check " + LabInVm.WAIT);
            Result next = LabInVm.labOk(vm, "next " + LabInVm.WAIT);
            if (phase == step.phases().size() - 1) {
                assertTrue(next.stdout().contains("step " + number + " passed"), next.stdout());
            }
        }
        assertTrue(breakSeenFailing, "step " + words + " has a break whose check failed before it was typed");
        assertTrue(LabInVm.labOk(vm, "list").stdout().lines()
                .anyMatch(l -> l.strip().startsWith(number + " ") && l.strip().endsWith("passed")), "list shows the step passed");
        LabInVm.resetPutsTheMachineBack(vm, courseId, before);
    }
}
