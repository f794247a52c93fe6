package io.hilbench.plant.weather;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The sun-position equations against Duffie &amp; Beckman's worked examples and closed forms. */
class SunPositionTest {
    /** D&amp;B eq. 1.6.1a: δ = 23.45° at the June solstice (n = 172), about 0 at the equinoxes, −23.45° in December. */
    @Test
    void declination() {
        assertThat(Math.toDegrees(SunPosition.declinationRad(172))).isCloseTo(23.45, within(0.01));
        assertThat(Math.toDegrees(SunPosition.declinationRad(355))).isCloseTo(-23.45, within(0.01));
        assertThat(Math.toDegrees(SunPosition.declinationRad(81))).isCloseTo(0, within(0.5));
    }

    /** D&amp;B Example 1.5.1: on 3 February (n = 34) E = −13.5 min. */
    @Test
    void equationOfTime() {
        assertThat(SunPosition.equationOfTimeMin(34)).isCloseTo(-13.5, within(0.1));
    }

    /**
     * D&amp;B Example 1.6.1: Madison (43° N), 13 February (n = 44), 10:30 solar time, a surface at β = 45°, γ = 15°:
     * θ = 35.0°. The clock time is built back from solar time with the local meridian as the standard one. The example
     * rounds δ to −14°; eq. 1.6.1a gives −13.6° on day 44, which moves θ by 0.16°.
     */
    @Test
    void incidenceOnATiltedSurfaceMatchesTheWorkedExample() {
        SunPosition madison = new SunPosition(Math.toRadians(43), Math.toRadians(-89.4), Math.toRadians(-89.4));
        double n = 44;
        double clockH = 10.5 - SunPosition.equationOfTimeMin(n) / 60.0;
        double t = (n - 1) * 86400 + clockH * 3600;
        assertThat(Math.toDegrees(madison.hourAngleRad(t))).isCloseTo(-22.5, within(1e-6));
        double theta = Math.toDegrees(Math.acos(madison.cosIncidence(t, Math.toRadians(45), Math.toRadians(15))));
        assertThat(theta).isCloseTo(35.0, within(0.2));
    }

    /** Havdrup at solar noon on the June solstice: elevation 90° − 55.5° + 23.45° = 57.95°; a 40° south plane sees it at 7.95° incidence. */
    @Test
    void solarNoonElevationAtHavdrup() {
        SunPosition h = SunPosition.havdrup();
        double n = 172;
        double solarNoonClockH = 12 - (4 * (12.1 - 15.0) + SunPosition.equationOfTimeMin(n)) / 60.0;
        double t = (n - 1) * 86400 + solarNoonClockH * 3600;
        assertThat(Math.toDegrees(h.elevationRad(t))).isCloseTo(57.95, within(0.01));
        // on a 40° south-facing plane at solar noon the incidence angle is |φ − β − δ| = |55.5 − 40 − 23.45| = 7.95°
        assertThat(Math.toDegrees(Math.acos(h.cosIncidence(t, Math.toRadians(40), 0)))).isCloseTo(7.95, within(0.01));
        // at midnight the sun is below the horizon
        assertThat(h.cosZenith((n - 1) * 86400)).isNegative();
    }
}
