package io.iterdemo.config;

/** A configuration value that the daemon cannot run with. The message names the variable and its value. */
public final class ConfigException extends Exception {
    private static final long serialVersionUID = 1L;

    public ConfigException(String message) {
        super(message);
    }
}
