package io.hilbench.plant.weather;

import java.util.List;

/**
 * The weather series a scenario selects by number with the plant input {@code weather.seriesIndex} (the same data as
 * the CSV files in {@code plant-models/weather/}, generated here so the plant reads no file at run time; a test
 * holds the files equal to these). Built once, immutable.
 */
public final class BuiltInWeather {
    private BuiltInWeather() {}

    public static final int WINTER_DESIGN = 0, COLD = 1, SUNNY_SPRING = 2, SUMMER = 3, SYNTHETIC_YEAR = 4;

    /** CSV file names in plant-models/weather/, by index. */
    public static final List<String> FILES = List.of("winter-design-day.csv", "cold-day.csv", "sunny-spring-day.csv", "summer-day.csv", "synthetic-year-55.5N.csv");

    private static final class Holder {
        static final List<WeatherSeries> SERIES = List.of(DesignDays.winterDesign(), DesignDays.cold(), DesignDays.sunnySpring(),
                DesignDays.summer(), SyntheticWeatherYear.generate());
    }

    public static int count() { return 5; }

    /** The series with this index (0 winter design, 1 cold, 2 sunny spring, 3 summer, 4 synthetic year). */
    public static WeatherSeries byIndex(int index) {
        if (index < 0 || index >= count()) throw new IllegalArgumentException("weather series index must be 0.." + (count() - 1) + ", was " + index);
        return Holder.SERIES.get(index);
    }
}
