package io.hilbench.fluid;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.hilbench.Units;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fast path against the exact path (DESIGN §9: rho, h, s within 0.1 % and T within 0.02 K away from the
 * critical region) on a dense, seeded random grid, plus saturation tables, (p, T) inversion, range errors and
 * the cache.
 */
class Co2TablesTest {

    private static Co2Tables tables;
    private static final SpanWagnerCo2 EXACT = new SpanWagnerCo2();

    @BeforeAll
    static void buildTables() {
        tables = Co2Tables.build(Co2TableParameters.plantDefault());
    }

    @Test
    void tablesMatchTheEquationOfStateOnASeededRandomGrid() {
        Map<Co2TablesErrorMap.Region, Co2TablesErrorMap.RegionStats> map =
                new Co2TablesErrorMap(tables).compute(3000, 42L);
        map.forEach((region, r) -> {
            assertThat(r.count).as("samples in %s", region).isGreaterThan(50);
            boolean nearCritical = region == Co2TablesErrorMap.Region.NEAR_CRITICAL;
            // away from the critical region: the bars; near it: the bound documented in the README
            double tolT = nearCritical ? 0.05 : 0.02;
            double tolRel = nearCritical ? 1e-2 : 1e-3;
            assertThat(r.temperatureK.max()).as("T error in %s", region).isLessThan(tolT);
            assertThat(r.density.max()).as("rho error in %s", region).isLessThan(tolRel);
            assertThat(r.entropy.max()).as("s error in %s", region).isLessThan(tolRel);
            assertThat(r.enthalpyFromEntropy.max()).as("h(p,s) error in %s", region).isLessThan(tolRel);
            assertThat(r.temperatureFromEntropyK.max()).as("T(p,s) error in %s", region).isLessThan(tolT);
        });
    }

    @Test
    void saturationTablesMatchTheMaxwellSolution() {
        Random random = new Random(7L);
        for (int k = 0; k < 200; k++) {
            double t = 223.15 + random.nextDouble() * (SpanWagnerCo2.CRITICAL_TEMPERATURE_K - 1.0 - 223.15);
            Co2Saturation e = EXACT.saturationAtTemperature(t);
            Co2Saturation a = tables.saturationAtTemperature(t);
            assertThat(a.pressurePa()).isCloseTo(e.pressurePa(), within(1e-5 * e.pressurePa()));
            assertThat(a.liquidDensityKgPerM3()).isCloseTo(e.liquidDensityKgPerM3(), within(1e-3 * e.liquidDensityKgPerM3()));
            assertThat(a.vaporDensityKgPerM3()).isCloseTo(e.vaporDensityKgPerM3(), within(1e-3 * e.vaporDensityKgPerM3()));
            assertThat(a.liquidEnthalpyJPerKg()).isCloseTo(e.liquidEnthalpyJPerKg(), within(1e-3 * e.liquidEnthalpyJPerKg()));
            assertThat(a.vaporEnthalpyJPerKg()).isCloseTo(e.vaporEnthalpyJPerKg(), within(1e-3 * e.vaporEnthalpyJPerKg()));
            assertThat(tables.saturationTemperatureK(e.pressurePa())).isCloseTo(t, within(0.02));
            Co2Saturation byP = tables.saturationAtPressure(e.pressurePa());
            assertThat(byP.vaporEntropyJPerKgK()).isCloseTo(e.vaporEntropyJPerKgK(), within(1e-3 * e.vaporEntropyJPerKgK()));
        }
    }

    @Test
    void pressureTemperatureInversionReturnsTheExactEnthalpy() {
        Random random = new Random(11L);
        for (int k = 0; k < 300; k++) {
            double p = tables.minPressurePa() + random.nextDouble() * (tables.maxPressurePa() - tables.minPressurePa());
            double t = tables.minTemperatureK(p) + random.nextDouble() * (473.15 - tables.minTemperatureK(p));
            Co2State e = EXACT.stateFromPressureTemperature(p, t);
            double h = tables.enthalpyFromPressureTemperature(p, t);
            // 0.02 K of temperature error is worth cp * 0.02 K of enthalpy
            assertThat(h).as("h at p=%s, T=%s", p, t)
                    .isCloseTo(e.enthalpyJPerKg(), within(Math.max(1e-3 * e.enthalpyJPerKg(), 0.02 * e.cpJPerKgK())));
        }
    }

    @Test
    void twoPhaseLookupGivesQualityAndNoCpOrSpeedOfSound() {
        double p = Units.barToPa(30);
        Co2Saturation sat = EXACT.saturationAtPressure(p);
        double h = sat.liquidEnthalpyJPerKg() + 0.25 * sat.latentHeatJPerKg();
        Co2LookupResult r = new Co2LookupResult();
        tables.lookupPressureEnthalpy(p, h, r);
        assertThat(r.phase()).isEqualTo(Co2Phase.TWO_PHASE);
        assertThat(r.quality()).isCloseTo(0.25, within(1e-4));
        assertThat(r.temperatureK()).isCloseTo(sat.temperatureK(), within(0.01));
        assertThat(r.cpJPerKgK()).isNaN();
        assertThat(r.speedOfSoundMPerS()).isNaN();
    }

    /**
     * The isobar's look-ups (the gas cooler's march) are the general look-up's interpolant with the sums in the other
     * order: equal to rounding at any pressure, supercritical or subcritical (liquid, vapour: cached columns, reused
     * across look-ups and dropped when the pressure moves; two-phase: the isobar's saturation values, bit-equal), and an
     * enthalpy outside the table gets the general range error.
     */
    @Test
    void isobarLookupsEqualTheGeneralLookupToRounding() {
        Random random = new Random(5L);
        Co2Tables.Isobar iso = tables.newIsobar();
        Co2LookupResult a = new Co2LookupResult();
        Co2LookupResult b = new Co2LookupResult();
        int supercritical = 0, twoPhase = 0, liquid = 0, vapor = 0;
        for (int k = 0; k < 400; k++) {
            double p = Units.barToPa(k % 2 == 0 ? 74 + random.nextDouble() * 120 : 10 + random.nextDouble() * 62);
            iso.at(p);
            assertThat(iso.pressurePa()).isEqualTo(p);
            for (int j = 0; j < 25; j++) {
                // the march's range: gas-cooler outlet to discharge (and the same enthalpy twice: a cached column)
                double h = j == 24 ? 250e3 + 10e3 : 180e3 + random.nextDouble() * 380e3;
                iso.lookupThermal(h, a);
                tables.lookupPressureEnthalpyThermal(p, h, b);
                assertThat(a.phase()).isEqualTo(b.phase());
                assertThat(a.temperatureK()).isCloseTo(b.temperatureK(), within(1e-12 * b.temperatureK()));
                assertThat(a.densityKgPerM3()).isCloseTo(b.densityKgPerM3(), within(1e-12 * b.densityKgPerM3()));
                if (b.phase() != Co2Phase.TWO_PHASE) assertThat(a.cpJPerKgK()).isCloseTo(b.cpJPerKgK(), within(1e-11 * b.cpJPerKgK()));
                assertThat(a.entropyJPerKgK()).isNaN();
                if (b.phase() == Co2Phase.TWO_PHASE) {
                    assertThat(a.quality()).isEqualTo(b.quality());
                    assertThat(a.densityKgPerM3()).isEqualTo(b.densityKgPerM3());
                    twoPhase++;
                } else {
                    assertThat(a.quality()).isNaN();
                }
                if (b.phase() == Co2Phase.SUPERCRITICAL) supercritical++;
                if (b.phase() == Co2Phase.LIQUID) liquid++;
                if (b.phase() == Co2Phase.VAPOR) vapor++;
            }
        }
        assertThat(supercritical).as("supercritical look-ups").isGreaterThan(3000);
        assertThat(twoPhase).as("two-phase look-ups").isGreaterThan(500);
        assertThat(liquid).as("liquid look-ups").isGreaterThan(200);
        assertThat(vapor).as("vapour look-ups").isGreaterThan(200);
        iso.at(Units.barToPa(250));
        assertThatThrownBy(() -> iso.lookupThermal(400e3, a)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("pressurePa");
        iso.at(Units.barToPa(110));
        assertThatThrownBy(() -> iso.lookupThermal(5e6, a)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("enthalpyJPerKg must be within");
    }

    @Test
    void outOfRangeInputsNameTheQuantityValueAndRange() {
        assertThatThrownBy(() -> tables.temperatureFromPressureEnthalpy(Units.barToPa(250), 400e3))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("pressurePa")
                .hasMessageContaining("2.5E7");
        assertThatThrownBy(() -> tables.temperatureFromPressureEnthalpy(Units.barToPa(100), 2.0e6))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("enthalpyJPerKg");
        assertThatThrownBy(() -> tables.temperatureFromPressureEnthalpy(Units.barToPa(100), Double.NaN))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("enthalpyJPerKg");
        assertThatThrownBy(() -> tables.enthalpyFromPressureTemperature(Units.barToPa(100), Units.degCToK(250)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("temperatureK");
        assertThatThrownBy(() -> tables.saturationPressurePa(Units.degCToK(40)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("temperatureK");
    }

    @Test
    void cacheRoundTripReproducesTheBuiltTablesAndSurvivesACorruptFile(@TempDir Path dir) throws IOException {
        Co2TableParameters small = new Co2TableParameters(223.15, 218.15, 473.15, 20.0e6, 20, 20, 10, 10, 20, 20);
        Co2Tables built = Co2Tables.loadOrBuild(small, dir);
        Path file = dir.resolve(Co2Tables.cacheFileName(small));
        assertThat(file).exists();
        Co2Tables loaded = Co2Tables.loadOrBuild(small, dir);
        double p = Units.barToPa(100);
        double h = 400e3;
        assertThat(loaded.temperatureFromPressureEnthalpy(p, h)).isEqualTo(built.temperatureFromPressureEnthalpy(p, h));
        assertThat(loaded.saturationPressurePa(270.0)).isEqualTo(built.saturationPressurePa(270.0));
        Files.write(file, new byte[] {1, 2, 3});
        Co2Tables rebuilt = Co2Tables.loadOrBuild(small, dir);
        assertThat(rebuilt.temperatureFromPressureEnthalpy(p, h)).isEqualTo(built.temperatureFromPressureEnthalpy(p, h));
        // a different specification gets a different file
        assertThat(Co2Tables.cacheFileName(Co2TableParameters.plantDefault())).isNotEqualTo(file.getFileName().toString());
    }

    @Test
    void tableParametersRejectBadDesignData() {
        assertThatThrownBy(() -> new Co2TableParameters(223.15, 218.15, 473.15, 20.0e6, 3, 20, 10, 10, 20, 20))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("subcriticalPressureNodes");
        assertThatThrownBy(() -> new Co2TableParameters(223.15, 200.0, 473.15, 20.0e6, 20, 20, 10, 10, 20, 20))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("lowestTemperatureK");
    }
}
