package io.hilbench.plant.weather;

import io.hilbench.Units;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.StringReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** Weather series: CSV reading, interpolation, the design days and the synthetic year (plant-models/weather/README.md). */
class WeatherSeriesTest {
    static final Path DIR = Path.of("plant-models/weather");

    static final String CSV = "# provenance: a test\n# periodS: 86400\n" + WeatherSeries.HEADER + "\n"
            + "0,0,90,0,0\n43200,10,50,800,100\n";

    @Test
    void readsInterpolatesAndWraps() throws IOException {
        WeatherSeries s = WeatherSeries.read("test.csv", new StringReader(CSV));
        WeatherSeries.Cursor c = s.cursor();
        c.at(21600);
        assertThat(Units.kToDegC(c.airTemperatureK())).isCloseTo(5, within(1e-9));
        assertThat(c.relativeHumidityRatio()).isCloseTo(0.7, within(1e-12));
        assertThat(c.globalHorizontalWPerM2()).isCloseTo(400, within(1e-9));
        c.at(64800);   // between the last sample and the first of the next day
        assertThat(Units.kToDegC(c.airTemperatureK())).isCloseTo(5, within(1e-9));
        c.at(86400 + 21600);   // the next day repeats
        assertThat(c.globalHorizontalWPerM2()).isCloseTo(400, within(1e-9));
        c.at(-21600);          // and so does the day before
        assertThat(Units.kToDegC(c.airTemperatureK())).isCloseTo(5, within(1e-9));
    }

    /** Bad input gets a clear error naming the file, the line and the field (DESIGN §9). */
    @Test
    void badCsvIsRefusedWithTheLine() {
        assertThatThrownBy(() -> WeatherSeries.read("w.csv", new StringReader("time,air\n"))).hasMessageContaining("w.csv:1: expected the header");
        assertThatThrownBy(() -> WeatherSeries.read("w.csv", new StringReader(WeatherSeries.HEADER + "\n0,abc,90,0,0\n")))
                .hasMessageContaining("w.csv:2:airTemperatureDegC: not a number: 'abc'");
        assertThatThrownBy(() -> WeatherSeries.read("w.csv", new StringReader(WeatherSeries.HEADER + "\n0,1,90,0,0\n0,1,90,0,0\n")))
                .hasMessageContaining("is not after");
        assertThatThrownBy(() -> WeatherSeries.read("w.csv", new StringReader(WeatherSeries.HEADER + "\n0,1,90,10,20\n")))
                .hasMessageContaining("diffuseWPerM2");
        assertThatThrownBy(() -> WeatherSeries.read("w.csv", new StringReader(WeatherSeries.HEADER + "\n0,1,90,0\n")))
                .hasMessageContaining("w.csv:2: expected 5 fields, found 4");
    }

    /**
     * Reference data: the synthetic year's monthly means equal the monthly statistics it is built from (temperature
     * exactly, radiation to rounding), and the design days hold their stated values.
     */
    @Test
    void syntheticYearReproducesItsMonthlyStatistics() {
        WeatherSeries y = SyntheticWeatherYear.generate();
        assertThat(y.size()).isEqualTo(8760);
        int k = 0;
        double annual = 0;
        for (int m = 0; m < 12; m++) {
            double t = 0, g = 0, rh = 0;
            int hours = SyntheticWeatherYear.DAYS[m] * 24;
            for (int h = 0; h < hours; h++, k++) {
                t += Units.kToDegC(y.airTemperatureK(k)) / hours;
                g += y.globalHorizontalWPerM2(k) / 1000;
                rh += 100 * y.relativeHumidityRatio(k) / hours;
                assertThat(y.diffuseHorizontalWPerM2(k)).isLessThanOrEqualTo(y.globalHorizontalWPerM2(k));
            }
            annual += g;
            assertThat(t).as("month %d mean temperature", m + 1).isCloseTo(SyntheticWeatherYear.MEAN_TEMPERATURE_DEG_C[m], within(1e-9));
            assertThat(g).as("month %d global radiation", m + 1).isCloseTo(SyntheticWeatherYear.GLOBAL_RADIATION_KWH_PER_M2[m], within(0.01));
            assertThat(rh).as("month %d humidity", m + 1).isCloseTo(SyntheticWeatherYear.RELATIVE_HUMIDITY_PERCENT[m], within(1.0));
        }
        assertThat(annual).isCloseTo(1013, within(0.1));
        // the same seed gives the same year
        assertThat(SyntheticWeatherYear.generate().airTemperatureK(4000)).isEqualTo(y.airTemperatureK(4000));
    }

    @Test
    void designDaysHoldTheirStatedConditions() {
        WeatherSeries winter = DesignDays.winterDesign();
        for (int i = 0; i < winter.size(); i++) {
            assertThat(Units.kToDegC(winter.airTemperatureK(i))).isCloseTo(0, within(1e-9));
            assertThat(winter.relativeHumidityRatio(i)).isEqualTo(0.9);
            assertThat(winter.diffuseHorizontalWPerM2(i)).as("overcast: all diffuse").isEqualTo(winter.globalHorizontalWPerM2(i));
        }
        WeatherSeries cold = DesignDays.cold();
        assertThat(Units.kToDegC(cold.airTemperatureK(40))).isCloseTo(-12, within(1e-9));
        WeatherSeries spring = DesignDays.sunnySpring();
        double max = 0, min = 1e9, peak = 0;
        for (int i = 0; i < spring.size(); i++) {
            max = Math.max(max, Units.kToDegC(spring.airTemperatureK(i)));
            min = Math.min(min, Units.kToDegC(spring.airTemperatureK(i)));
            peak = Math.max(peak, spring.globalHorizontalWPerM2(i));
        }
        assertThat(max).isCloseTo(14, within(1e-9));
        assertThat(min).isCloseTo(4, within(1e-9));
        assertThat(peak).as("clear-sky noon on 20 April at 55.5° N").isBetween(550.0, 750.0);
    }

    /** The CSV files in plant-models/weather/ are exactly what the plant uses (written to 0.01 by the generator). */
    @Test
    void filesEqualTheBuiltInSeries() throws IOException {
        for (int i = 0; i < BuiltInWeather.count(); i++) {
            WeatherSeries file = WeatherSeries.read(DIR.resolve(BuiltInWeather.FILES.get(i)));
            WeatherSeries built = BuiltInWeather.byIndex(i);
            assertThat(file.size()).isEqualTo(built.size());
            assertThat(file.periodS()).isEqualTo(built.periodS());
            for (int k = 0; k < built.size(); k++) {
                assertThat(file.timeS(k)).isEqualTo(Math.rint(built.timeS(k)));
                assertThat(file.airTemperatureK(k)).isCloseTo(built.airTemperatureK(k), within(0.0051));
                assertThat(file.relativeHumidityRatio(k)).isCloseTo(built.relativeHumidityRatio(k), within(0.000051));
                assertThat(file.globalHorizontalWPerM2(k)).isCloseTo(built.globalHorizontalWPerM2(k), within(0.0051));
                assertThat(file.diffuseHorizontalWPerM2(k)).isCloseTo(built.diffuseHorizontalWPerM2(k), within(0.0051));
            }
        }
    }

}
