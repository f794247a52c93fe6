package io.hilbench.plant.co2;

/**
 * Design data of the liquid receiver (flash tank) with its flash-gas bypass ({@link Receiver}). SI units.
 *
 * @param volumeM3              internal volume (0.5 m³ [U])
 * @param pressureMinPa         set-point floor (35 bar [S DESIGN §5])
 * @param aboveSuctionPa        set-point above suction (5 bar [S DESIGN §5])
 * @param pressureMaxPa         set-point ceiling (65 bar [S DESIGN §5])
 * @param vapourShareOfVolume   share of the volume taken by vapour at standstill, the rest liquid: the receiver's initial
 *                              liquid inventory (0.5 [U]: 193 kg at 20 °C)
 */
public record ReceiverParameters(double volumeM3, double pressureMinPa, double aboveSuctionPa, double pressureMaxPa,
                                 double vapourShareOfVolume) {
    public ReceiverParameters {
        Check.positive("volumeM3", volumeM3);
        Check.positive("pressureMinPa", pressureMinPa);
        Check.nonNegative("aboveSuctionPa", aboveSuctionPa);
        if (!(pressureMaxPa > pressureMinPa)) throw new IllegalArgumentException("pressureMaxPa must be > pressureMinPa (" + pressureMinPa + "), was " + pressureMaxPa);
        Check.inRange("vapourShareOfVolume", vapourShareOfVolume, 0.05, 0.95);
    }

    public static ReceiverParameters solrodDefaults() {
        return new ReceiverParameters(0.5, 35e5, 5e5, 65e5, 0.5);
    }
}
