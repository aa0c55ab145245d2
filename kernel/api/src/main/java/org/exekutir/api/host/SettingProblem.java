package org.exekutir.api.host;

import java.util.Objects;

/** What is wrong with one {@code exekutir_vars.yml} setting; made by {@link #of}, so it can grow. */
public final class SettingProblem {

    private final String setting;
    private final String problem;

    private SettingProblem(String setting, String problem) {
        this.setting = Objects.requireNonNull(setting, "setting");
        this.problem = Objects.requireNonNull(problem, "problem");
    }

    /**
     * @param setting the key
     * @param problem what is wrong with its value, to follow the key in a message
     */
    public static SettingProblem of(String setting, String problem) {
        return new SettingProblem(setting, problem);
    }

    public String setting() {
        return setting;
    }

    public String problem() {
        return problem;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SettingProblem that && setting.equals(that.setting) && problem.equals(that.problem);
    }

    @Override
    public int hashCode() {
        return Objects.hash(setting, problem);
    }

    @Override
    public String toString() {
        return setting + ": " + problem;
    }
}
