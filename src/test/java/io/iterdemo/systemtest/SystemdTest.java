package io.iterdemo.systemtest;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Marks a test class that runs against one VM of its own, booted before its first test and
 * shut down after its last. Test and lifecycle methods get it as a {@link Vm} parameter.
 * When a test fails, the status of {@link #units()} and the guest's journal are attached.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(SystemdVmExtension.class)
public @interface SystemdTest {
    /** The units under test, whose {@code systemctl status} goes with every failure. */
    String[] units() default {};

    /**
     * Whether the VM boots with the .deb that {@code mvn package} built already installed by apt (a
     * {@link PackageLayer}, made once per run), its iterdemo.service enabled and starting.
     */
    boolean packageInstalled() default false;
}
