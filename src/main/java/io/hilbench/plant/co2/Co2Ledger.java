package io.hilbench.plant.co2;

import java.util.Arrays;

/**
 * The CO2 charge's mass and energy ledger of {@link Co2HeatPumpPlant} (issue #15 item 2): what every CO2 volume holds,
 * as a function of the plant state, and every flow across the CO2's boundary, integrated over the sub-steps. Energy is
 * referred to the property tables' enthalpy (stored U = Σ M·h − p·V, plus the low side's metal from 0 °C), so a mass
 * crossing the boundary carries its enthalpy.
 *
 * <pre>
 *   ΔU_hs  = ∫ṁ_comp·h_2 − ∫Q_gc − ∫ṁ_HV221·h_gco − ∫ṁ_def·h_2 − ∫ṁ_PSV·h_2                 high side (cells + line)
 *   ΔU_rec = ∫ṁ_HV221·h_gco + ∫ṁ_def·h'_rec − ∫ṁ_EEV·h'_rec − ∫ṁ_HV222·h_bp + Q_rec,standstill   receiver
 *   ΔU_ls  = ∫ṁ_EEV·h'_rec + ∫Q_evap + ∫ṁ_HV222·h_bp − ∫ṁ_comp·h_suc + ∫Q_amb                    low side (+ metal)
 *   Σ:  ΔU = ∫(P_el − P_housing − P_clip) + ∫Q_evap − ∫Q_gc − ∫Q_defrost − ∫ṁ_PSV·h_2 + ∫Q_amb + ∫Q_rec,standstill
 * </pre>
 * with Q_defrost = ṁ_def·(h_2 − h'_rec), the hot gas condensed in a coil, and P_clip the compressor heat the gas cooler
 * does not see when the discharge is held at the tables' 195 °C. Two terms are not physical flows and are kept apart,
 * so they are visible: the high side's pressure set by the standstill creep (its mass follows the pressure) and its
 * mass re-based on the march at a start ({@link Term#HIGH_SIDE_CREEP_MASS} …). The accumulators cost a few
 * multiply-adds per sub-step; the stored values are computed only when a {@link Balance} is asked for.
 */
public final class Co2Ledger {
    /** Integrated terms (J or kg, as named), cumulative since the plant's reset. */
    public enum Term {
        /** Compressor electric energy, J. */
        ELECTRIC_J,
        /** Compressor housing loss to the room, J. */
        HOUSING_LOSS_J,
        /** Compressor heat not carried into the gas cooler (discharge held at the tables' edge), J. */
        DISCHARGE_CLIP_J,
        /** Energy the compressors put into the gas, ṁ·(h_2 − h_suc), J. */
        COMPRESSOR_TO_GAS_J,
        /** Heat from the air into the CO2 in the air evaporators, J. */
        AIR_EVAPORATOR_J,
        /** Heat from the tank water into the CO2 in the water evaporator, J. */
        WATER_EVAPORATOR_J,
        /** Heat from the CO2 into the DH water in the gas cooler, J. */
        GAS_COOLER_J,
        /** Heat the defrost hot gas gives to the coils (condensing), J. */
        DEFROST_J,
        /** Mass PSV-202 vented, kg. */
        VENTED_KG,
        /** Enthalpy PSV-202 vented, J. */
        VENTED_J,
        /** Low side's heat exchange with the coldest place at standstill (into the CO2 positive), J. */
        LOW_SIDE_AMBIENT_J,
        /** Receiver's heat exchange at standstill (its creep, P4), J. */
        RECEIVER_STANDSTILL_J,
        /** High side at standstill: the mass the creep's pressure adds (not a physical flow), kg. */
        HIGH_SIDE_CREEP_MASS,
        /** High side at standstill: the energy the creep adds (not a physical flow), J. */
        HIGH_SIDE_CREEP_J,
        /** High side at a start: the mass the re-base on the march adds (not a physical flow), kg. */
        HIGH_SIDE_START_MASS,
        /** High side at a start: the energy the re-base adds (not a physical flow), J. */
        HIGH_SIDE_START_J,
        /** Net mass into the high side from its flows, kg. */
        HS_NET_KG,
        /** Net energy into the high side from its flows, J. */
        HS_NET_J,
        /** Net mass into the receiver, kg. */
        REC_NET_KG,
        /** Net energy into the receiver, J. */
        REC_NET_J,
        /** Net mass into the low side, kg. */
        LS_NET_KG,
        /** Net energy into the low side, J. */
        LS_NET_J,
        /** Mass through the compressors (the throughput), kg. */
        COMPRESSOR_MASS_KG
    }

    final double[] sum = new double[Term.values().length];

    void add(Term t, double v) {
        sum[t.ordinal()] += v;
    }

    void reset() {
        Arrays.fill(sum, 0.0);
    }

    /**
     * What the volumes hold at one moment and the integrals up to it. Masses kg, energies J.
     *
     * @param timeS plant time
     */
    public record Balance(double timeS, double highSideKg, double highSideJ, double receiverKg, double receiverJ,
                          double lowSideKg, double lowSideJ, double[] terms) {
        public double term(Term t) { return terms[t.ordinal()]; }

        public double storedKg() { return highSideKg + receiverKg + lowSideKg; }

        public double storedJ() { return highSideJ + receiverJ + lowSideJ; }

        /** Energy into the CO2 across its boundary from physical flows, cumulative, J. */
        public double physicalInJ() {
            return term(Term.COMPRESSOR_TO_GAS_J) + term(Term.AIR_EVAPORATOR_J) + term(Term.WATER_EVAPORATOR_J)
                    - term(Term.GAS_COOLER_J) - term(Term.DEFROST_J) - term(Term.VENTED_J)
                    + term(Term.LOW_SIDE_AMBIENT_J) + term(Term.RECEIVER_STANDSTILL_J);
        }

        /** Mass into the CO2 across its boundary from physical flows, cumulative, kg. */
        public double physicalInKg() { return -term(Term.VENTED_KG); }

        /** The high side's non-physical terms (creep at standstill, re-base at a start), cumulative, kg. */
        public double highSideSetKg() { return term(Term.HIGH_SIDE_CREEP_MASS) + term(Term.HIGH_SIDE_START_MASS); }

        /** The same, J. */
        public double highSideSetJ() { return term(Term.HIGH_SIDE_CREEP_J) + term(Term.HIGH_SIDE_START_J); }

        /** Stored change minus physical inflow since {@code earlier}: what appeared from nowhere, kg. */
        public double massResidualKgSince(Balance earlier) {
            return (storedKg() - earlier.storedKg()) - (physicalInKg() - earlier.physicalInKg());
        }

        /** Stored change minus physical inflow since {@code earlier}, J. */
        public double energyResidualJSince(Balance earlier) {
            return (storedJ() - earlier.storedJ()) - (physicalInJ() - earlier.physicalInJ());
        }

        /** One volume's residual since {@code earlier}: stored change minus its own net flows, kg (0 hs, 1 rec, 2 ls). */
        public double volumeResidualKgSince(Balance earlier, int volume) {
            return switch (volume) {
                case 0 -> highSideKg - earlier.highSideKg - d(earlier, Term.HS_NET_KG);
                case 1 -> receiverKg - earlier.receiverKg - d(earlier, Term.REC_NET_KG);
                default -> lowSideKg - earlier.lowSideKg - d(earlier, Term.LS_NET_KG);
            };
        }

        /** One volume's residual since {@code earlier}, J (0 hs, 1 rec, 2 ls). */
        public double volumeResidualJSince(Balance earlier, int volume) {
            return switch (volume) {
                case 0 -> highSideJ - earlier.highSideJ - d(earlier, Term.HS_NET_J);
                case 1 -> receiverJ - earlier.receiverJ - d(earlier, Term.REC_NET_J);
                default -> lowSideJ - earlier.lowSideJ - d(earlier, Term.LS_NET_J);
            };
        }

        /** A term's increase since {@code earlier}. */
        public double d(Balance earlier, Term t) {
            return term(t) - earlier.term(t);
        }
    }
}
