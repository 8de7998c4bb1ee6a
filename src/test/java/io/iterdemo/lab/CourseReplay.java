package io.iterdemo.lab;

import io.iterdemo.systemtest.Vm;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Steps of a course, each played by the packaged {@code iterdemo lab run} on a Debian VM with the .deb
 * installed ({@code @SystemdTest(packageInstalled = true)} on the subclass), in order on one machine as a
 * trainer plays them; then {@code iterdemo lab reset} puts back what the course touched, the package's own service, user and files included. A subclass names the
 * course and has one test per step, in order.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
abstract class CourseReplay {
    private final String course;
    private List<String> before;

    CourseReplay(String course) {
        this.course = course;
    }

    @BeforeAll
    void thePackagedServiceRuns(Vm vm) throws Exception {
        LabInVm.packagedServiceRuns(vm);
        before = LabInVm.fingerprint(vm, course);
    }

    /** {@code iterdemo lab run} of step {@code number} of the course passes. */
    void run(Vm vm, String number) throws Exception {
        LabInVm.run(vm, course.equals("ladder") ? number : course + " " + number);
    }

    @AfterAll
    void resetPutsBackWhatTheCourseTouched(Vm vm) throws Exception {
        LabInVm.resetPutsTheMachineBack(vm, course, before);
    }
}
