package io.hilbench.points;

import java.util.Objects;

/**
 * What a point is wired to (DESIGN §6 {@code binding} column):
 * <ul>
 *   <li>{@code plant.<output>}: a plant output (sensor true value or state), in SI units</li>
 *   <li>{@code input.<input>}: a plant input an actuator commits, in SI units</li>
 *   <li>{@code bench.<variable>}: a bench variable ({@link BenchVariable})</li>
 *   <li>{@code const.<name>}: a permissive the plant does not model, held by the point itself</li>
 *   <li>{@code controller.<name>}: a variable of the controller's supervisory interface (controller maps only)</li>
 * </ul>
 */
public record Binding(Source source, String name) {
    public enum Source { PLANT, INPUT, BENCH, CONST, CONTROLLER }

    public Binding {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(name, "name");
        if (name.isBlank()) throw new IllegalArgumentException("binding name is empty");
    }

    public static Binding parse(String text) {
        String t = text == null ? "" : text.trim();
        int dot = t.indexOf('.');
        if (dot <= 0 || dot == t.length() - 1) {
            throw new IllegalArgumentException("binding '" + t + "' is not plant.<output>, input.<input>, bench.<variable>, const.<name> or controller.<name>");
        }
        String prefix = t.substring(0, dot);
        Source s = switch (prefix) {
            case "plant" -> Source.PLANT;
            case "input" -> Source.INPUT;
            case "bench" -> Source.BENCH;
            case "const" -> Source.CONST;
            case "controller" -> Source.CONTROLLER;
            default -> throw new IllegalArgumentException("binding '" + t + "' has unknown prefix '" + prefix + "' (expected plant, input, bench, const or controller)");
        };
        return new Binding(s, t.substring(dot + 1));
    }

    @Override
    public String toString() {
        return source.name().toLowerCase(java.util.Locale.ROOT) + "." + name;
    }
}
