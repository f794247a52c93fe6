package io.hilbench.fluid;

/**
 * Liquid water from IAPWS-IF97 region 1 (compressed liquid), for the district-heating water circuits.
 *
 * <p>Source: The International Association for the Properties of Water and Steam, "Revised Release on the IAPWS
 * Industrial Formulation 1997 for the Thermodynamic Properties of Water and Steam" (IAPWS R7-97(2012)); W. Wagner
 * et al., J. Eng. Gas Turbines Power 122, 150 (2000). Coefficients n_i, I_i, J_i of Table 2 (region 1) and
 * n_1..n_10 of Table 34 (region 4, saturation pressure) are numbers of the standard.
 *
 * <p>Dimensionless Gibbs free energy, Eq. (7):
 * <pre>
 *   gamma(pi, tau) = sum_{i=1..34} n_i (7.1 - pi)^I_i (tau - 1.222)^J_i,  pi = p / 16.53 MPa,  tau = 1386 K / T
 * </pre>
 * Properties (Table 3), R = 0.461526 kJ/(kg K):
 * <pre>
 *   v = pi gamma_pi R T / p,   h = R T tau gamma_tau,   s = R (tau gamma_tau - gamma),
 *   cp = -R tau^2 gamma_tautau,
 *   w^2 = R T gamma_pi^2 / ((gamma_pi - tau gamma_pitau)^2 / (tau^2 gamma_tautau) - gamma_pipi)
 * </pre>
 * Reference state as in IF97: u = 0 and s = 0 for saturated liquid at the triple point.
 *
 * <p>Validity enforced here: 0 degC (273.15 K) to 200 degC (473.15 K) (the district-heating range of the issue;
 * IF97 region 1 itself reaches 623.15 K), pressure from the saturation pressure at T (IF97 Eq. (30)) to 100 MPa.
 * Outside: {@link IllegalArgumentException} naming the quantity, value and range (below the saturation pressure
 * the water would boil: region 1 does not apply). Stateless, thread-safe, allocation-free.
 */
public final class WaterIf97Region1 {

    /** Specific gas constant of IF97, J/(kg K). */
    public static final double GAS_CONSTANT_J_PER_KG_K = 461.526;
    public static final double MIN_TEMPERATURE_K = 273.15;
    public static final double MAX_TEMPERATURE_K = 473.15;
    public static final double MAX_PRESSURE_PA = 100.0e6;

    private static final double P_STAR_PA = 16.53e6;
    private static final double T_STAR_K = 1386.0;

    // IF97 Table 2
    private static final int[] I = {0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 2, 2, 2, 2, 2, 3, 3, 3, 4, 4, 4, 5, 8, 8,
        21, 23, 29, 30, 31, 32};
    private static final int[] J = {-2, -1, 0, 1, 2, 3, 4, 5, -9, -7, -1, 0, 1, 3, -3, 0, 1, 3, 17, -4, 0, 6, -5, -2,
        10, -8, -11, -6, -29, -31, -38, -39, -40, -41};
    private static final double[] N = {0.14632971213167, -0.84548187169114, -0.37563603672040e1,
        0.33855169168385e1, -0.95791963387872, 0.15772038513228, -0.16616417199501e-1, 0.81214629983568e-3,
        0.28319080123804e-3, -0.60706301565874e-3, -0.18990068218419e-1, -0.32529748770505e-1,
        -0.21841717175414e-1, -0.52838357969930e-4, -0.47184321073267e-3, -0.30001780793026e-3,
        0.47661393906987e-4, -0.44141845330846e-5, -0.72694996297594e-15, -0.31679644845054e-4,
        -0.28270797985312e-5, -0.85205128120103e-9, -0.22425281908000e-5, -0.65171222895601e-6,
        -0.14341729937924e-12, -0.40516996860117e-6, -0.12734301741641e-8, -0.17424871230634e-9,
        -0.68762131295531e-18, 0.14478307828521e-19, 0.26335781662795e-22, -0.11947622640071e-22,
        0.18228094581404e-23, -0.93537087292458e-25};
    // IF97 Table 34 (region 4)
    private static final double[] N4 = {0.11670521452767e4, -0.72421316703206e6, -0.17073846940092e2,
        0.12020824702470e5, -0.32325550322333e7, 0.14915108613530e2, -0.48232657361591e4, 0.40511340542057e6,
        -0.23855557567849, 0.65017534844798e3};

    /** Saturation pressure of water at T, Pa, IF97 Eq. (30) (region 4). */
    public static double saturationPressurePa(double temperatureK) {
        double theta = temperatureK + N4[8] / (temperatureK - N4[9]);
        double a = theta * theta + N4[0] * theta + N4[1];
        double b = N4[2] * theta * theta + N4[3] * theta + N4[4];
        double c = N4[5] * theta * theta + N4[6] * theta + N4[7];
        double x = 2.0 * c / (-b + Math.sqrt(b * b - 4.0 * a * c));
        return x * x * x * x * 1.0e6;
    }

    private static void check(double pressurePa, double temperatureK) {
        Ranges.require("temperatureK (water)", temperatureK, MIN_TEMPERATURE_K, MAX_TEMPERATURE_K);
        double pSat = saturationPressurePa(temperatureK);
        if (!(pressurePa >= pSat && pressurePa <= MAX_PRESSURE_PA)) {
            throw new IllegalArgumentException("pressurePa (water) must be within [" + pSat + ", " + MAX_PRESSURE_PA
                    + "] at temperatureK=" + temperatureK + " (liquid, IF97 region 1), was " + pressurePa);
        }
    }

    /**
     * Gibbs-energy derivatives: out[0] gamma, [1] gamma_pi, [2] gamma_pipi, [3] gamma_tau, [4] gamma_tautau,
     * [5] gamma_pitau. Powers by repeated multiplication (integer exponents).
     */
    private static void gibbs(double pi, double tau, double[] out) {
        double a = 7.1 - pi;
        double b = tau - 1.222;
        double g = 0;
        double gp = 0;
        double gpp = 0;
        double gt = 0;
        double gtt = 0;
        double gpt = 0;
        for (int k = 0; k < N.length; k++) {
            int i = I[k];
            int j = J[k];
            double ai = intPow(a, i);
            double bj = intPow(b, j);
            double n = N[k];
            g += n * ai * bj;
            gp -= n * i * ai / a * bj;
            gpp += n * i * (i - 1) * ai / (a * a) * bj;
            gt += n * ai * j * bj / b;
            gtt += n * ai * j * (j - 1) * bj / (b * b);
            gpt -= n * i * ai / a * j * bj / b;
        }
        out[0] = g;
        out[1] = gp;
        out[2] = gpp;
        out[3] = gt;
        out[4] = gtt;
        out[5] = gpt;
    }

    private static double intPow(double x, int n) {
        double base = n < 0 ? 1.0 / x : x;
        int m = Math.abs(n);
        double r = 1.0;
        while (m > 0) {
            if ((m & 1) != 0) {
                r *= base;
            }
            base *= base;
            m >>= 1;
        }
        return r;
    }

    private static double[] derivatives(double pressurePa, double temperatureK) {
        check(pressurePa, temperatureK);
        double[] d = new double[6];
        gibbs(pressurePa / P_STAR_PA, T_STAR_K / temperatureK, d);
        return d;
    }

    /** Density, kg/m3. */
    public double densityKgPerM3(double pressurePa, double temperatureK) {
        double[] d = derivatives(pressurePa, temperatureK);
        double pi = pressurePa / P_STAR_PA;
        return pressurePa / (pi * d[1] * GAS_CONSTANT_J_PER_KG_K * temperatureK);
    }

    /** Specific enthalpy, J/kg (IF97 reference: u = s = 0 for saturated liquid at the triple point). */
    public double enthalpyJPerKg(double pressurePa, double temperatureK) {
        double[] d = derivatives(pressurePa, temperatureK);
        double tau = T_STAR_K / temperatureK;
        return GAS_CONSTANT_J_PER_KG_K * temperatureK * tau * d[3];
    }

    /** Specific entropy, J/(kg K). */
    public double entropyJPerKgK(double pressurePa, double temperatureK) {
        double[] d = derivatives(pressurePa, temperatureK);
        double tau = T_STAR_K / temperatureK;
        return GAS_CONSTANT_J_PER_KG_K * (tau * d[3] - d[0]);
    }

    /** Isobaric heat capacity, J/(kg K). */
    public double cpJPerKgK(double pressurePa, double temperatureK) {
        double[] d = derivatives(pressurePa, temperatureK);
        double tau = T_STAR_K / temperatureK;
        return -GAS_CONSTANT_J_PER_KG_K * tau * tau * d[4];
    }

    /** Speed of sound, m/s. */
    public double speedOfSoundMPerS(double pressurePa, double temperatureK) {
        double[] d = derivatives(pressurePa, temperatureK);
        double tau = T_STAR_K / temperatureK;
        double x = d[1] - tau * d[5];
        double w2 = GAS_CONSTANT_J_PER_KG_K * temperatureK * d[1] * d[1] / (x * x / (tau * tau * d[4]) - d[2]);
        return Math.sqrt(w2);
    }

    /**
     * {v [m3/kg], h [J/kg], s [J/(kg K)], cp [J/(kg K)], w [m/s]} over the whole of IF97 region 1 (to 623.15 K),
     * without this class's 200 degC limit: used to check the IF97 Table 5 verification point at 500 K.
     */
    static double[] region1Properties(double pressurePa, double temperatureK) {
        double[] d = new double[6];
        double pi = pressurePa / P_STAR_PA;
        double tau = T_STAR_K / temperatureK;
        gibbs(pi, tau, d);
        double rt = GAS_CONSTANT_J_PER_KG_K * temperatureK;
        double x = d[1] - tau * d[5];
        double w2 = rt * d[1] * d[1] / (x * x / (tau * tau * d[4]) - d[2]);
        return new double[] {pi * d[1] * rt / pressurePa, rt * tau * d[3], GAS_CONSTANT_J_PER_KG_K * (tau * d[3] - d[0]),
            -GAS_CONSTANT_J_PER_KG_K * tau * tau * d[4], Math.sqrt(w2)};
    }

    /**
     * Temperature at (p, h), K, by Newton's method with slope c_p (h is monotonic in T along an isobar of the
     * liquid); for the plant's water side, which integrates enthalpy.
     */
    public double temperatureFromPressureEnthalpy(double pressurePa, double enthalpyJPerKg) {
        double tLo = MIN_TEMPERATURE_K;
        double tHi = MAX_TEMPERATURE_K;
        // the top of the liquid range at this pressure is the lower of 200 degC and T_sat(p)
        if (saturationPressurePa(tHi) > pressurePa) {
            double a = tLo;
            double b = tHi;
            for (int k = 0; k < 60; k++) {
                double m = 0.5 * (a + b);
                if (saturationPressurePa(m) > pressurePa) {
                    b = m;
                } else {
                    a = m;
                }
            }
            tHi = a;
        }
        double hLo = enthalpyJPerKg(pressurePa, tLo);
        double hHi = enthalpyJPerKg(pressurePa, tHi);
        if (!(enthalpyJPerKg >= hLo && enthalpyJPerKg <= hHi)) {
            throw new IllegalArgumentException("enthalpyJPerKg (water) must be within [" + hLo + ", " + hHi
                    + "] at pressurePa=" + pressurePa + " (liquid, 0-200 degC), was " + enthalpyJPerKg);
        }
        double t = tLo + (enthalpyJPerKg - hLo) / (hHi - hLo) * (tHi - tLo);
        for (int k = 0; k < 30; k++) {
            double f = enthalpyJPerKg(pressurePa, t) - enthalpyJPerKg;
            double step = f / cpJPerKgK(pressurePa, t);
            t = Math.min(tHi, Math.max(tLo, t - step));
            if (Math.abs(step) < 1.0e-9) {
                return t;
            }
        }
        return t;
    }
}
