package io.iterdemo.cli;

/** The version this build was packaged as, read from the jar manifest. */
public final class Version {
    private Version() {
    }

    public static String current() {
        String version = Main.class.getPackage().getImplementationVersion();
        // Classes run from target/classes (an IDE, a unit test) have no manifest.
        return version != null ? version : "development build";
    }
}
