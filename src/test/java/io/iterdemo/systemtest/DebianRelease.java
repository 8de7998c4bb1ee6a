package io.iterdemo.systemtest;

/**
 * The Debian release a system-test run boots, chosen for the whole run with {@code -Dsystem.release=12}
 * (the default) or {@code 13}; systemtest/build-image.sh builds one image per release. Tests read it to
 * assert what differs between the releases, as the release notes and the measured facts in
 * {@code ../shared/notes/debian13.md} give it.
 */
public enum DebianRelease {
    /** Debian 12 "bookworm": systemd 252, OpenJDK 17 as {@code default-jre-headless}. */
    BOOKWORM("12", "bookworm", 252, 17),
    /** Debian 13 "trixie": systemd 257, OpenJDK 21 as {@code default-jre-headless}. */
    TRIXIE("13", "trixie", 257, 21);

    private final String number;
    private final String codename;
    private final int systemd;
    private final int java;

    DebianRelease(String number, String codename, int systemd, int java) {
        this.number = number;
        this.codename = codename;
        this.systemd = systemd;
        this.java = java;
    }

    /**
     * The release named by the system property {@code system.release} (12 when unset).
     *
     * @throws IllegalArgumentException for any other value, naming it
     */
    public static DebianRelease ofRun() {
        String wanted = System.getProperty("system.release", "12").strip();
        for (DebianRelease release : values()) {
            if (release.number.equals(wanted) || release.codename.equals(wanted)) {
                return release;
            }
        }
        throw new IllegalArgumentException("system.release=" + wanted
                + ": the system tests boot Debian 12 (bookworm) or 13 (trixie)");
    }

    /** "12" or "13", as build-image.sh's {@code --release} takes it. */
    public String number() {
        return number;
    }

    /** The major version of the release's systemd, as {@code systemctl --version} prints it. */
    public int systemd() {
        return systemd;
    }

    /** The feature release of the release's {@code default-jre-headless}. */
    public int java() {
        return java;
    }

    @Override
    public String toString() {
        return "Debian " + number + " (" + codename + ", systemd " + systemd + ")";
    }
}
