package io.iterdemo.testing;

import java.util.regex.Pattern;

/**
 * The part of the WHATWG URL standard (https://url.spec.whatwg.org/) that decides whether a {@code Location}
 * a browser follows from http://host/... can lead to another host: leading and trailing C0 controls and spaces
 * are stripped, tabs and newlines removed anywhere, and then a scheme, or two leading slashes or backslashes
 * (a backslash is a slash in http URLs), name another origin. Everything else is a path on the same origin.
 */
public final class WhatwgUrl {
    private static final Pattern SCHEME = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]*:");

    private WhatwgUrl() {
    }

    /** Whether a browser resolves {@code location} against an http URL to that URL's own origin. */
    public static boolean staysOnTheOrigin(String location) {
        String url = location.replaceAll("^[\\x00-\\x20]+|[\\x00-\\x20]+$", "").replaceAll("[\\t\\n\\r]", "");
        if (SCHEME.matcher(url).find()) {
            return false;
        }
        return !(url.length() >= 2 && (url.charAt(0) == '/' || url.charAt(0) == '\\')
                && (url.charAt(1) == '/' || url.charAt(1) == '\\'));
    }
}
