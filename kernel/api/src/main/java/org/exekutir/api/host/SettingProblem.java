package org.exekutir.api.host;

import java.util.Objects;

/**
 * What is wrong with one {@code exekutir_vars.yml} setting.
 *
 * @param setting the key
 * @param problem what is wrong with its value, to follow the key in a message
 */
public record SettingProblem(String setting, String problem) {

    public SettingProblem {
        Objects.requireNonNull(setting, "setting");
        Objects.requireNonNull(problem, "problem");
    }
}
