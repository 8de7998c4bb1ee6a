package io.iterdemo.lab;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;

/**
 * Course data that cannot be used, with a message that names the file, the line when known, and the key:
 * {@code step-3.yaml:41: key phases[1].expect.show: Cannot deserialize ...}. {@code iterdemo lab} prints it
 * as its one line and exits 78 (CONFIG).
 */
public final class CourseDataException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public CourseDataException(String message) {
        super(message);
    }

    /** The parser's complaint about {@code file} ({@code text}), reduced to file, line, key and its first sentence. */
    static CourseDataException of(String file, String text, JsonProcessingException e) {
        StringBuilder message = new StringBuilder(file);
        JsonLocation location = e.getLocation();
        if (location != null && location.getLineNr() > 0) {
            message.append(':').append(keyLine(text, e, location.getLineNr()));
        }
        if (e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            message.append(": key ").append(keyPath(mapping));
        }
        String reason = e.getOriginalMessage() == null ? e.getClass().getSimpleName() : e.getOriginalMessage();
        // Jackson appends the class and a known-properties list after the first line: keep the sentence only.
        reason = reason.lines().findFirst().orElse(reason).replaceAll(" \\(class [^)]*\\)", "")
                .replaceAll("\\(for Object starting at.*", "").strip();
        return new CourseDataException(message.append(": ").append(reason).toString());
    }

    /**
     * The line of the key the parser complains about: the YAML parser reports where it stood, which for an
     * unknown key is a line or two after it; the key's own line is the last one at or before that which
     * sets it.
     */
    private static int keyLine(String text, JsonProcessingException e, int reported) {
        if (!(e instanceof UnrecognizedPropertyException unknown) || unknown.getPropertyName() == null) {
            return reported;
        }
        java.util.regex.Pattern key = java.util.regex.Pattern.compile(
                "^[\\s-]*\"?" + java.util.regex.Pattern.quote(unknown.getPropertyName()) + "\"?\\s*:.*");
        java.util.List<String> lines = text.lines().toList();
        for (int line = Math.min(reported, lines.size()); line >= 1; line--) {
            if (key.matcher(lines.get(line - 1)).matches()) {
                return line;
            }
        }
        return reported;
    }

    /** {@code phases[1].expect.show}: the field names and list indexes from the document's root. */
    private static String keyPath(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference reference : e.getPath()) {
            if (reference.getFieldName() != null) {
                if (path.length() > 0) {
                    path.append('.');
                }
                path.append(reference.getFieldName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.toString();
    }
}
