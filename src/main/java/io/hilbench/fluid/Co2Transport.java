package io.hilbench.fluid;

/**
 * Transport properties of CO2 for heat-transfer correlations: viscosity and thermal conductivity as functions
 * of temperature and density (take the density from {@link Co2Properties}).
 *
 * <p><b>Viscosity</b>: A. Fenghour, W.A. Wakeham, V. Vesovic, "The Viscosity of Carbon Dioxide", J. Phys.
 * Chem. Ref. Data 27, 31 (1998), doi:10.1063/1.556013. Zero-density limit (Eqs. (3)-(4))
 * <pre>
 *   eta0 = 1.00697 sqrt(T) / Psi(T*)  [uPa s],  ln Psi = sum_{i=0..4} a_i (ln T*)^i,  T* = T / 251.196 K
 * </pre>
 * plus the excess viscosity (Eq. (8))
 * <pre>
 *   d_eta = d11 rho + d21 rho^2 + d64 rho^6 / T*^3 + d81 rho^8 + d82 rho^8 / T*  [uPa s, rho in kg/m3]
 * </pre>
 * The critical enhancement is omitted, as Fenghour et al. recommend outside the immediate vicinity of the
 * critical point (it is below 1 % except within roughly 1 % of T_c and rho_c).
 *
 * <p><b>Thermal conductivity</b>: G. Scalabrin, P. Marchi, F. Finezzo, R. Span, "A Reference Multiparameter
 * Thermal Conductivity Equation for Carbon Dioxide with an Optimized Functional Form", J. Phys. Chem. Ref. Data
 * 35, 1549 (2006), doi:10.1063/1.2213631: the background term only,
 * <pre>
 *   lambda_bg = sum_i A_i delta^d_i tau^t_i exp(-gamma_i delta^l_i)  [W/(m K)], delta = rho/467.6, tau = T_c/T
 * </pre>
 * with the reducing conductivity folded into A_i, transcribed from CoolProp's dev/fluids/CarbonDioxide.json
 * (TRANSPORT.conductivity.residual, MIT licence, commit 10a73a494969ba778a7e68408c66f54f2dbaae0d).
 * <b>Simplification</b>: Scalabrin's critical-enhancement term is NOT implemented. Far from the critical point
 * it is small (the published check values at 218 K, 225 K and 275 K are met within 0.03 %); near it, and along
 * the pseudo-critical line of a gas cooler, the real conductivity is higher: at 304 K the published saturated
 * values are 140.3 (liquid) and 217.95 (vapour) mW/(m K), where this class gives 54.1 and 43.5. See
 * plant-models/co2-properties/README.md.
 *
 * <p>Validity enforced: T from the triple point to 1000 K, rho from 0 to 1400 kg/m3. Stateless, thread-safe,
 * allocation-free.
 */
public final class Co2Transport {

    /** Lowest temperature accepted, K (triple point). */
    public static final double MIN_TEMPERATURE_K = SpanWagnerCo2.TRIPLE_TEMPERATURE_K;
    /** Highest temperature accepted, K. */
    public static final double MAX_TEMPERATURE_K = 1000.0;
    /** Highest density accepted, kg/m3. */
    public static final double MAX_DENSITY_KG_PER_M3 = 1400.0;

    // Fenghour et al. (1998), Table 1 (zero-density) and Table 3 (excess), units uPa s with rho in kg/m3
    private static final double EPSILON_OVER_K_K = 251.196;
    private static final double ZERO_DENSITY_FACTOR = 1.00697;
    private static final double[] PSI_A = {0.235156, -0.491266, 5.211155e-2, 5.347906e-2, -1.537102e-2};
    private static final double D11 = 0.4071119e-2;
    private static final double D21 = 0.7198037e-4;
    private static final double D64 = 0.2411697e-16;
    private static final double D81 = 0.2971072e-22;
    private static final double D82 = -0.1627888e-22;

    // Scalabrin et al. (2006) background, as reduced in CoolProp's CarbonDioxide.json
    private static final double TC_K = 304.1282;
    private static final double RHOC_KG_PER_M3 = 467.6;
    private static final double[] LAMBDA_A = {0.0370597124660408, 0.0007696647124242399, 0.0075538113451464,
        -0.032416436589336, 0.078894098855904, 0.0177830586854928, 0.10744756315137599, 0.31839746259479995,
        -0.00082691726160072, 2.0846013855224798e-05};
    private static final int[] LAMBDA_D = {1, 5, 1, 1, 2, 0, 5, 9, 0, 0};
    private static final double[] LAMBDA_T = {0.0, 0.0, -1.5, 0.0, -1.0, -1.5, -1.5, -1.5, -3.5, -5.5};
    private static final double[] LAMBDA_GAMMA = {0, 0, 0, 5, 5, 5, 5, 5, 5, 5};
    private static final int[] LAMBDA_L = {0, 0, 0, 2, 2, 2, 2, 2, 2, 2};

    private static void check(double temperatureK, double densityKgPerM3) {
        Ranges.require("temperatureK (CO2 transport)", temperatureK, MIN_TEMPERATURE_K, MAX_TEMPERATURE_K);
        Ranges.require("densityKgPerM3 (CO2 transport)", densityKgPerM3, 0.0, MAX_DENSITY_KG_PER_M3);
    }

    /** Dynamic viscosity, Pa s, Fenghour et al. (1998) without the critical enhancement. */
    public double viscosityPaS(double temperatureK, double densityKgPerM3) {
        check(temperatureK, densityKgPerM3);
        double tStar = temperatureK / EPSILON_OVER_K_K;
        double lnT = Math.log(tStar);
        double lnPsi = PSI_A[0] + lnT * (PSI_A[1] + lnT * (PSI_A[2] + lnT * (PSI_A[3] + lnT * PSI_A[4])));
        double eta0 = ZERO_DENSITY_FACTOR * Math.sqrt(temperatureK) / Math.exp(lnPsi);
        double rho = densityKgPerM3;
        double rho2 = rho * rho;
        double rho6 = rho2 * rho2 * rho2;
        double rho8 = rho6 * rho2;
        double excess = D11 * rho + D21 * rho2 + D64 * rho6 / (tStar * tStar * tStar) + D81 * rho8 + D82 * rho8 / tStar;
        return (eta0 + excess) * 1.0e-6;
    }

    /**
     * Thermal conductivity, W/(m K): Scalabrin et al. (2006) background term only (no critical enhancement,
     * see the class comment for the size of the omission near the critical point).
     */
    public double thermalConductivityWPerMK(double temperatureK, double densityKgPerM3) {
        check(temperatureK, densityKgPerM3);
        double delta = densityKgPerM3 / RHOC_KG_PER_M3;
        double tau = TC_K / temperatureK;
        double lnTau = Math.log(tau);
        double sum = 0;
        for (int i = 0; i < LAMBDA_A.length; i++) {
            double term = LAMBDA_A[i] * Math.pow(delta, LAMBDA_D[i]) * Math.exp(LAMBDA_T[i] * lnTau);
            if (LAMBDA_L[i] != 0) {
                term *= Math.exp(-LAMBDA_GAMMA[i] * Math.pow(delta, LAMBDA_L[i]));
            }
            sum += term;
        }
        return sum;
    }

    /** Prandtl number cp eta / lambda, dimensionless, for a single-phase state. */
    public double prandtlNumber(double temperatureK, double densityKgPerM3, double cpJPerKgK) {
        return cpJPerKgK * viscosityPaS(temperatureK, densityKgPerM3)
                / thermalConductivityWPerMK(temperatureK, densityKgPerM3);
    }
}
