package io.hilbench.points;

/** One point's part of a write request: an engineering value, or the text of a string point. */
public record PointWrite(int pointIndex, double value, String text) {
    public static PointWrite of(int pointIndex, double value) {
        return new PointWrite(pointIndex, value, null);
    }
}
