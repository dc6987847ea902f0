package io.modelshift.cli.output;

/** ANSI colour only on a terminal (never in pipes, files or CI logs), and never when NO_COLOR is set. */
public record Palette(boolean enabled) {

    public static Palette detect() {
        return new Palette(System.console() != null && System.getenv("NO_COLOR") == null
                && !"dumb".equals(System.getenv("TERM")));
    }

    public String bold(String s) {
        return wrap("1", s);
    }

    public String good(String s) {
        return wrap("32", s);
    }

    public String bad(String s) {
        return wrap("31", s);
    }

    public String warn(String s) {
        return wrap("33", s);
    }

    /** Green for Pass/Promoted, red for Fail/Aborted/Frozen, yellow for everything undecided. */
    public String verdict(String word) {
        if (word == null) {
            return "-";
        }
        return switch (word) {
            case "Pass", "Promoted", "PASS", "yes" -> good(word);
            case "Fail", "Aborted", "Frozen", "Error", "FAIL" -> bad(word);
            default -> warn(word);
        };
    }

    private String wrap(String code, String s) {
        return enabled ? "\u001b[" + code + "m" + s + "\u001b[0m" : s;
    }
}
