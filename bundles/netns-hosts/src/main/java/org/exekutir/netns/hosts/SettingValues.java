package org.exekutir.netns.hosts;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.exekutir.api.host.SettingProblem;

/**
 * Reading the providers' settings from the job's merged configuration. A bad value is an
 * exception whose message begins with the setting's name, so {@link #problems} can name the
 * setting when the workspace step checks them before anything is made.
 */
public final class SettingValues {

    private SettingValues() {
    }

    /** What a parser refuses. */
    @FunctionalInterface
    public interface Parser {
        void parse() throws NetnsException;
    }

    /** @return what the parser refuses, by setting (the one its message begins with, else {@code otherwise}) */
    public static List<SettingProblem> problems(Set<String> names, String otherwise, Parser parser) {
        try {
            parser.parse();
            return List.of();
        } catch (NetnsException e) {
            String message = e.getMessage();
            String key = names.stream().filter(name -> message.startsWith(name + ": ")).findFirst().orElse(otherwise);
            String problem = message.startsWith(key + ": ") ? message.substring(key.length() + 2) : message;
            return List.of(SettingProblem.of(key, problem));
        }
    }

    public static String text(Map<String, Object> settings, String key, String otherwise) {
        Object value = settings.get(key);
        return value == null || value.toString().isBlank() ? otherwise : value.toString().strip();
    }

    public static long wholeNumber(Map<String, Object> settings, String key, long otherwise, long least, long most)
            throws NetnsException {
        String text = text(settings, key, Long.toString(otherwise));
        try {
            long value = Long.parseLong(text);
            if (value >= least && value <= most) {
                return value;
            }
        } catch (NumberFormatException e) {
            // told below
        }
        throw new NetnsException(key + ": '" + text + "' is not a whole number from " + least + " to " + most);
    }

    public static Duration seconds(Map<String, Object> settings, String key, Duration otherwise, long least)
            throws NetnsException {
        return Duration.ofSeconds(wholeNumber(settings, key, otherwise.toSeconds(), least, 86_400));
    }

    public static boolean flag(Map<String, Object> settings, String key) throws NetnsException {
        String text = text(settings, key, "false").toLowerCase(Locale.ROOT);
        if (text.equals("false") || text.equals("no")) {
            return false;
        }
        if (text.equals("true") || text.equals("yes")) {
            return true;
        }
        throw new NetnsException(key + ": '" + settings.get(key) + "' is neither true nor false");
    }
}
