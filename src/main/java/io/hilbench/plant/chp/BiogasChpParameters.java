package io.hilbench.plant.chp;

import io.hilbench.plant.Require;

/**
 * Design data of {@link BiogasChp}. Tags: [S] named source, [L] common practice, not verified, [U] unknown.
 *
 * @param heatFlowMaxW            heat output at full load (3.7 MW [S domain notes §1, Solrød Biogas engine])
 * @param startRampS              from start to full heat (600 s [L]: gas engines reach full load in 5–15 min)
 * @param stopRampS               from full heat to off (120 s [L])
 * @param minimumRunS             a started engine runs at least this long (3,600 s [L])
 * @param minimumOffS             a stopped engine stays off at least this long (1,800 s [L])
 * @param outletAboveSupplySetK   the engine's heat-recovery circuit delivers this far above the network set-point (5 K [U])
 */
public record BiogasChpParameters(double heatFlowMaxW, double startRampS, double stopRampS, double minimumRunS,
                                  double minimumOffS, double outletAboveSupplySetK) {
    public BiogasChpParameters {
        Require.positive("heatFlowMaxW", heatFlowMaxW);
        Require.positive("startRampS", startRampS);
        Require.positive("stopRampS", stopRampS);
        Require.nonNegative("minimumRunS", minimumRunS);
        Require.nonNegative("minimumOffS", minimumOffS);
        Require.nonNegative("outletAboveSupplySetK", outletAboveSupplySetK);
    }

    public static BiogasChpParameters solrodDefaults() {
        return new BiogasChpParameters(3.7e6, 600.0, 120.0, 3600.0, 1800.0, 5.0);
    }
}
