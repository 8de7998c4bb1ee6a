package io.iterdemo.os;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.Properties;

import org.junit.jupiter.api.Test;

/** The errors are jnr 2.3.4 / jffi 1.4.3's own, as captured from runs in each situation (stack frames cut short). */
class NativeLibraryExceptionTest {
    private static final String REMEDY = "point -Djava.io.tmpdir at a directory that does (under systemd: "
            + "CacheDirectory=iterdemo and -Djava.io.tmpdir=%C/iterdemo)";

    /** /tmp mounted noexec, the working directory /tmp as well: the write works, dlopen(3) refuses. */
    private static final String NOEXEC = "could not get native definition for type `POINTER`, original error message"
            + " follows: java.lang.UnsatisfiedLinkError: Unable to execute or load jffi binary stub from `/tmp`. Set"
            + " `TMPDIR` or Java property `java.io.tmpdir` to a read/write path that is not mounted \"noexec\".\n"
            + "/tmp/jffi11514799590392061019.so: /tmp/jffi11514799590392061019.so: failed to map segment from shared"
            + " object\n"
            + "\tat com.kenai.jffi.internal.StubLoader.tempLoadError(StubLoader.java:579)\n"
            + "\tat com.kenai.jffi.internal.StubLoader.loadFromJar(StubLoader.java:478)\n";

    /**
     * /tmp noexec, the working directory read-only (ProtectSystem=strict): jffi reports only its last attempt,
     * the working directory's, with the message it has for java.io.tmpdir.
     */
    private static final String READ_ONLY = "could not get native definition for type `POINTER`, original error"
            + " message follows: java.io.IOException: Unable to write jffi binary stub to `/tmp`. Set `TMPDIR` or Java"
            + " property `java.io.tmpdir` to a read/write path that is not mounted \"noexec\".\n"
            + "\tat com.kenai.jffi.internal.StubLoader.tempReadonlyError(StubLoader.java:569)\n"
            + "\tat com.kenai.jffi.internal.StubLoader.loadFromJar(StubLoader.java:470)\n"
            + "Caused by: java.io.IOException: Read-only file system\n"
            + "\tat java.base/java.io.UnixFileSystem.createFileExclusively(Native Method)\n"
            + "\t... 39 more\n";

    private static Throwable asJnrThrowsIt(String jffiText) {
        UnsatisfiedLinkError error = new UnsatisfiedLinkError("could not load FFI provider jnr.ffi.provider.jffi.Provider");
        error.initCause(new UnsatisfiedLinkError(jffiText));
        return error;
    }

    private static Properties directories(String tmpdir, String workdir) {
        Properties properties = new Properties();
        properties.setProperty("java.io.tmpdir", tmpdir);
        properties.setProperty("user.dir", workdir);
        return properties;
    }

    @Test
    void namesDlopensReasonAndTheTmpdirMountedNoexec() {
        String message = NativeLibraryException.message("sd_notify", asJnrThrowsIt(NOEXEC), directories("/tmp", "/tmp"));
        assertEquals("cannot load the native library that sd_notify needs (/tmp/jffi11514799590392061019.so: failed to"
                + " map segment from shared object): java.io.tmpdir (/tmp) must allow writing and executing files; "
                + REMEDY, message);
    }

    @Test
    void namesBothDirectoriesJffiTriedWhenTheyDiffer() {
        String message = NativeLibraryException.message("socket activation", asJnrThrowsIt(READ_ONLY),
                directories("/tmp", "/"));
        assertEquals("cannot load the native library that socket activation needs (Read-only file system):"
                + " java.io.tmpdir (/tmp), or else the working directory (/), must allow writing and executing files; "
                + REMEDY, message);
    }

    @Test
    void namesJffiExtractDirWhenItIsSet() {
        Properties properties = directories("/tmp", "/");
        properties.setProperty("jffi.extract.dir", "/var/cache/iterdemo");
        UnsatisfiedLinkError fromExtractDir = new UnsatisfiedLinkError("could not load jffi library from /var/cache/iterdemo");
        fromExtractDir.initCause(new java.io.IOException("Permission denied"));
        String message = NativeLibraryException.message("sd_notify", fromExtractDir, properties);
        assertEquals("cannot load the native library that sd_notify needs (Permission denied): jffi.extract.dir"
                + " (/var/cache/iterdemo) must allow writing and executing files; point it at a directory that does",
                message);
    }

    @Test
    void givesNoDirectoryAdviceForAFailureThatIsNotAboutTheDirectory() {
        String message = NativeLibraryException.message("sd_notify",
                asJnrThrowsIt("could not locate stub library in jar file.  Tried [jni/riscv64-Linux/libjffi-1.4.so]"),
                directories("/tmp", "/"));
        assertEquals("cannot load the native library that sd_notify needs (could not locate stub library in jar file."
                + "  Tried [jni/riscv64-Linux/libjffi-1.4.so])", message);
    }

    @Test
    void keepsEveryMessageOnOneLine() {
        for (String text : new String[] {NOEXEC, READ_ONLY, "\n\n", "a\nb"}) {
            String message = NativeLibraryException.message("sd_notify", asJnrThrowsIt(text), directories("/tmp", "/"));
            assertFalse(message.contains("\n") || message.contains("\t"), message);
        }
    }

    @Test
    void fallsBackToTheErrorsNameWithoutAMessage() {
        assertEquals("UnsatisfiedLinkError", NativeLibraryException.reason(new UnsatisfiedLinkError()));
    }
}
