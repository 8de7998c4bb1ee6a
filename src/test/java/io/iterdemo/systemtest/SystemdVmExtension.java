package io.iterdemo.systemtest;

import java.util.List;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.LifecycleMethodExecutionExceptionHandler;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * One VM per test class (see {@link SystemdTest}): boots it before all tests, hands it to
 * methods that declare a {@link Vm} parameter, attaches the guest's state to any failure,
 * and shuts the VM down after all tests.
 */
public final class SystemdVmExtension implements BeforeAllCallback, AfterAllCallback, ParameterResolver,
        TestExecutionExceptionHandler, LifecycleMethodExecutionExceptionHandler {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(SystemdVmExtension.class);

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        boolean packageInstalled = AnnotationSupport.findAnnotation(context.getRequiredTestClass(), SystemdTest.class)
                .map(SystemdTest::packageInstalled).orElse(false);
        Log.info("booting a VM for " + context.getDisplayName() + (packageInstalled ? ", the package installed" : ""));
        context.getStore(NAMESPACE).put(Vm.class, packageInstalled ? Vm.bootWithPackage(PackageLayer.builtDeb()) : Vm.boot());
    }

    @Override
    public void afterAll(ExtensionContext context) {
        Vm vm = context.getStore(NAMESPACE).remove(Vm.class, Vm.class);
        if (vm != null) {
            vm.close();
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == Vm.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        // Method-level stores see the class-level store, where beforeAll put the VM.
        return context.getStore(NAMESPACE).get(Vm.class, Vm.class);
    }

    @Override
    public void handleTestExecutionException(ExtensionContext context, Throwable failure) throws Throwable {
        throw withGuestState(context, failure);
    }

    @Override
    public void handleBeforeAllMethodExecutionException(ExtensionContext context, Throwable failure) throws Throwable {
        throw withGuestState(context, failure);
    }

    @Override
    public void handleBeforeEachMethodExecutionException(ExtensionContext context, Throwable failure) throws Throwable {
        throw withGuestState(context, failure);
    }

    @Override
    public void handleAfterEachMethodExecutionException(ExtensionContext context, Throwable failure) throws Throwable {
        throw withGuestState(context, failure);
    }

    @Override
    public void handleAfterAllMethodExecutionException(ExtensionContext context, Throwable failure) throws Throwable {
        throw withGuestState(context, failure);
    }

    private static Throwable withGuestState(ExtensionContext context, Throwable failure) {
        Vm vm = context.getStore(NAMESPACE).get(Vm.class, Vm.class);
        if (vm != null) {
            List<String> units = AnnotationSupport.findAnnotation(context.getRequiredTestClass(), SystemdTest.class)
                    .map(test -> List.of(test.units()))
                    .orElse(List.of());
            failure.addSuppressed(new GuestDiagnostics(vm.diagnostics(units)));
        }
        return failure;
    }
}
