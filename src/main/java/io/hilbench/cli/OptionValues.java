package io.hilbench.cli;

/** Parsing of command-line option values shared by the commands: one wording of the error for every command. */
final class OptionValues {
    private OptionValues() {}

    /** The option's value as a finite number, or an IllegalArgumentException naming the option and the text. */
    static double finite(String option, String text) {
        try {
            double v = Double.parseDouble(text.trim());
            if (!Double.isFinite(v)) throw new NumberFormatException();
            return v;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " must be a finite number, was '" + text + "'");
        }
    }
}
