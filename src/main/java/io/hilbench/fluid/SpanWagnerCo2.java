package io.hilbench.fluid;

import static io.hilbench.fluid.SpanWagnerCo2Coefficients.*;

/**
 * Carbon dioxide (R744) from the reference equation of state of Span &amp; Wagner (1996), the exact path.
 *
 * <p>Source: R. Span, W. Wagner, "A New Equation of State for Carbon Dioxide Covering the Fluid Region from the
 * Triple-Point Temperature to 1100 K at Pressures up to 800 MPa", J. Phys. Chem. Ref. Data 25, 1509 (1996),
 * doi:10.1063/1.555991. Coefficients in {@link SpanWagnerCo2Coefficients} (provenance there).
 *
 * <p>The model is the reduced Helmholtz energy {@code phi(delta, tau) = phi0 + phiR}, with
 * {@code delta = rho/rho_c} and {@code tau = T_c/T}:
 * <pre>
 *   phi0 = ln(delta) + a1 + a2 tau + 2.5 ln(tau) + sum_{i=4..8} n_i ln(1 - exp(-theta_i tau))   // Eq. (6.3)
 *          + a1_IIR + a2_IIR tau                       (IIR offset: h = 200 kJ/kg, s = 1 kJ/(kg K) at 0 degC sat. liq.)
 *   phiR = sum_{1..7}   n_i delta^d_i tau^t_i                                                   // Eq. (6.5)
 *        + sum_{8..34}  n_i delta^d_i tau^t_i exp(-delta^c_i)
 *        + sum_{35..39} n_i delta^d_i tau^t_i exp(-alpha_i (delta - eps_i)^2 - beta_i (tau - gamma_i)^2)
 *        + sum_{40..42} n_i Delta^b_i delta psi,        Delta = theta^2 + B_i ((delta-1)^2)^a_i,
 *                       theta = (1 - tau) + A_i ((delta-1)^2)^(1/(2 beta_i)),
 *                       psi = exp(-C_i (delta-1)^2 - D_i (tau-1)^2)
 * </pre>
 * Properties (Span &amp; Wagner Table 3), with R = 188.924 J/(kg K):
 * <pre>
 *   p  = rho R T (1 + delta phiR_d)
 *   h  = R T (1 + tau (phi0_t + phiR_t) + delta phiR_d)
 *   s  = R (tau (phi0_t + phiR_t) - phi0 - phiR)
 *   u  = R T tau (phi0_t + phiR_t)
 *   cv = -R tau^2 (phi0_tt + phiR_tt)
 *   cp = cv + R (1 + delta phiR_d - delta tau phiR_dt)^2 / (1 + 2 delta phiR_d + delta^2 phiR_dd)
 *   w^2 = R T (1 + 2 delta phiR_d + delta^2 phiR_dd - (1 + delta phiR_d - delta tau phiR_dt)^2 / (tau^2 (phi0_tt + phiR_tt)))
 * </pre>
 * Saturation: Maxwell criterion p(T, rho') = p(T, rho''), g(T, rho') = g(T, rho''), solved by Newton's method in
 * (rho', rho'') as proposed by Akasaka (J. Thermal Sci. Tech. 3 (2008) 442), started from the ancillary
 * equations. Flashes: (p, T) by a bracketed Newton iteration on density in the stable branch; (p, h) and
 * (p, s) by a bracketed Newton iteration on temperature over (p, T) states, after a saturation test.
 *
 * <p>Validity enforced here (the equation itself reaches 1100 K and 800 MPa): temperature from the triple point
 * 216.592 K to {@value #MAX_TEMPERATURE_K} K, pressure from {@value #MIN_PRESSURE_PA} Pa to
 * {@value #MAX_PRESSURE_PA} Pa and below the melting line (solid CO2 is rejected). Outside: an
 * {@link IllegalArgumentException} naming the quantity, value and range. Thread-safe (stateless).
 */
public final class SpanWagnerCo2 implements Co2Properties {

    /** Specific gas constant R = 8.31451 J/(mol K) / 0.0440098 kg/mol, J/(kg K). */
    public static final double GAS_CONSTANT_J_PER_KG_K = GAS_CONSTANT_J_PER_MOL_K / MOLAR_MASS_KG_PER_MOL;
    public static final double CRITICAL_TEMPERATURE_K = SpanWagnerCo2Coefficients.CRITICAL_TEMPERATURE_K;
    public static final double CRITICAL_PRESSURE_PA = SpanWagnerCo2Coefficients.CRITICAL_PRESSURE_PA;
    /** Critical density 10624.9063 mol/m3 x 0.0440098 kg/mol = 467.6 kg/m3. */
    public static final double CRITICAL_DENSITY_KG_PER_M3 = CRITICAL_MOLAR_DENSITY_MOL_PER_M3 * MOLAR_MASS_KG_PER_MOL;
    public static final double TRIPLE_TEMPERATURE_K = SpanWagnerCo2Coefficients.TRIPLE_TEMPERATURE_K;
    public static final double TRIPLE_PRESSURE_PA = SpanWagnerCo2Coefficients.TRIPLE_PRESSURE_PA;
    /** Upper temperature accepted, K (250 degC; the issue asks for at least 200 degC). */
    public static final double MAX_TEMPERATURE_K = 523.15;
    /** Upper pressure accepted, Pa (300 bar; the issue asks for at least 200 bar). */
    public static final double MAX_PRESSURE_PA = 30.0e6;
    /** Lower pressure accepted, Pa. */
    public static final double MIN_PRESSURE_PA = 1000.0;
    /** Upper density accepted for (T, rho) input, kg/m3 (liquid at the triple point and 300 bar is about 1220). */
    public static final double MAX_DENSITY_KG_PER_M3 = 1400.0;
    /** Triple-point pressure used by the melting line Eq. (3.10), Pa. */
    private static final double MELTING_REFERENCE_PRESSURE_PA = 517950.0;
    /** Saturation is solved up to this distance below T_c, K; closer, the Maxwell Newton step is ill-conditioned. */
    static final double SATURATION_CRITICAL_MARGIN_K = 1.0e-4;
    /** Highest temperature at which {@link #saturationAtTemperature} solves, K. */
    public static final double MAX_SATURATION_TEMPERATURE_K = CRITICAL_TEMPERATURE_K - SATURATION_CRITICAL_MARGIN_K;

    /** Exponent of tau per power term: the integer itself, or -1, -2, -3 for 0.75, 1.5, 2.5. */
    private static final int[] POWER_TAU_CODE = tauCodes();

    private static int[] tauCodes() {
        int[] codes = new int[POWER_T.length];
        for (int i = 0; i < codes.length; i++) {
            double t = POWER_T[i];
            if (t == Math.rint(t) && t >= 0 && t <= 28) {
                codes[i] = (int) t;
            } else if (t == 0.75) {
                codes[i] = -1;
            } else if (t == 1.5) {
                codes[i] = -2;
            } else if (t == 2.5) {
                codes[i] = -3;
            } else {
                throw new IllegalStateException("unexpected tau exponent " + t);
            }
        }
        for (double t : GAUSS_T) {
            if (t != Math.rint(t) || t < 0 || t > 28) {
                throw new IllegalStateException("unexpected tau exponent " + t);
            }
        }
        for (int d : POWER_D) {
            if (d < 0 || d > 10) {
                throw new IllegalStateException("unexpected delta exponent " + d);
            }
        }
        return codes;
    }

    private static final double R = GAS_CONSTANT_J_PER_KG_K;
    private static final double TC = CRITICAL_TEMPERATURE_K;
    private static final double RHOC = CRITICAL_DENSITY_KG_PER_M3;
    private static final double PC = CRITICAL_PRESSURE_PA;
    private static final double MIN_DENSITY_KG_PER_M3 = 1.0e-9;

    // ---------------------------------------------------------------------------------------------------------
    // Helmholtz energy and its derivatives

    /**
     * Residual Helmholtz energy phiR and derivatives at (tau, delta), Eq. (6.5): out[0] phiR, [1] phiR_d,
     * [2] phiR_dd, [3] phiR_t, [4] phiR_tt, [5] phiR_dt.
     */
    static void residual(double tau, double delta, double[] out) {
        double a = 0, ad = 0, add = 0, at = 0, att = 0, adt = 0;
        // Powers by multiplication: every exponent of delta is an integer and every exponent of tau is an
        // integer or 0.75, 1.5, 2.5 (Table 31), so no pow/exp is needed for the polynomial factors.
        double[] deltaL = new double[11];
        double[] expMinusDeltaL = new double[7];
        double[] tauPow = new double[29];
        deltaL[0] = 1.0;
        for (int k = 1; k <= 10; k++) {
            deltaL[k] = deltaL[k - 1] * delta;
        }
        for (int l = 1; l <= 6; l++) {
            expMinusDeltaL[l] = Math.exp(-deltaL[l]);
        }
        tauPow[0] = 1.0;
        for (int k = 1; k <= 28; k++) {
            tauPow[k] = tauPow[k - 1] * tau;
        }
        double sqrtTau = Math.sqrt(tau);
        double tau075 = sqrtTau * Math.sqrt(sqrtTau);
        // terms 1..34, Eq. (6.5) first two sums
        for (int i = 0; i < POWER_N.length; i++) {
            int d = POWER_D[i];
            double t = POWER_T[i];
            int l = POWER_L[i];
            int code = POWER_TAU_CODE[i];
            double tauT = code >= 0 ? tauPow[code] : code == -1 ? tau075 : code == -2 ? tau * sqrtTau : tau * tau * sqrtTau;
            double value = POWER_N[i] * deltaL[d] * tauT;
            double dPart;   // (d - l delta^l)
            double ddPart;  // (d - l delta^l)(d - 1 - l delta^l) - l^2 delta^l
            if (l == 0) {
                dPart = d;
                ddPart = d * (d - 1.0);
            } else {
                value *= expMinusDeltaL[l];
                double ldl = l * deltaL[l];
                dPart = d - ldl;
                ddPart = dPart * (d - 1.0 - ldl) - l * ldl;
            }
            a += value;
            ad += value * dPart / delta;
            add += value * ddPart / (delta * delta);
            at += value * t / tau;
            att += value * t * (t - 1.0) / (tau * tau);
            adt += value * dPart * t / (delta * tau);
        }
        // terms 35..39, Gaussian bell-shaped (integer exponents t = 0, 1, 3)
        for (int i = 0; i < GAUSS_N.length; i++) {
            int d = GAUSS_D[i];
            double t = GAUSS_T[i];
            double dd = delta - GAUSS_EPSILON[i];
            double dt = tau - GAUSS_GAMMA[i];
            double value = GAUSS_N[i] * deltaL[d] * tauPow[(int) t]
                    * Math.exp(-GAUSS_ETA[i] * dd * dd - GAUSS_BETA[i] * dt * dt);
            double fd = d / delta - 2.0 * GAUSS_ETA[i] * dd;
            double ft = t / tau - 2.0 * GAUSS_BETA[i] * dt;
            a += value;
            ad += value * fd;
            add += value * (fd * fd - d / (delta * delta) - 2.0 * GAUSS_ETA[i]);
            at += value * ft;
            att += value * (ft * ft - t / (tau * tau) - 2.0 * GAUSS_BETA[i]);
            adt += value * fd * ft;
        }
        // terms 40..42, non-analytic (derivatives as in Span & Wagner Table 32)
        double dm1 = delta - 1.0;
        if (Math.abs(dm1) < 1.0e-10) {
            dm1 = 1.0e-10; // the derivatives contain (delta-1)^-1 factors that cancel analytically; step off delta = 1
            delta = 1.0 + dm1;
        }
        double dm1sq = dm1 * dm1;
        double tm1 = tau - 1.0;
        for (int i = 0; i < NONANALYTIC_N.length; i++) {
            double n = NONANALYTIC_N[i];
            double aa = NONANALYTIC_A[i];
            double b = NONANALYTIC_B[i];
            double beta = NONANALYTIC_BETA[i];
            double capA = NONANALYTIC_CAPITAL_A[i];
            double capB = NONANALYTIC_CAPITAL_B[i];
            double capC = NONANALYTIC_C[i];
            double capD = NONANALYTIC_D[i];

            double theta = (1.0 - tau) + capA * Math.pow(dm1sq, 1.0 / (2.0 * beta));
            double bigDelta = theta * theta + capB * Math.pow(dm1sq, aa);
            double psi = Math.exp(-capC * dm1sq - capD * tm1 * tm1);

            double psiD = -2.0 * capC * dm1 * psi;
            double psiDD = (2.0 * capC * dm1sq - 1.0) * 2.0 * capC * psi;
            double psiT = -2.0 * capD * tm1 * psi;
            double psiTT = (2.0 * capD * tm1 * tm1 - 1.0) * 2.0 * capD * psi;
            double psiDT = 4.0 * capC * capD * dm1 * tm1 * psi;

            double pw1 = Math.pow(dm1sq, 1.0 / (2.0 * beta) - 1.0);
            double bigDeltaD = dm1 * (capA * theta * 2.0 / beta * pw1 + 2.0 * capB * aa * Math.pow(dm1sq, aa - 1.0));
            double bigDeltaDD = bigDeltaD / dm1 + dm1sq * (4.0 * capB * aa * (aa - 1.0) * Math.pow(dm1sq, aa - 2.0)
                    + 2.0 * capA * capA / (beta * beta) * pw1 * pw1
                    + capA * theta * 4.0 / beta * (1.0 / (2.0 * beta) - 1.0) * Math.pow(dm1sq, 1.0 / (2.0 * beta) - 2.0));

            double dbM1 = Math.pow(bigDelta, b - 1.0);
            double dbM2 = dbM1 / bigDelta;
            double db = dbM1 * bigDelta;
            double dbD = b * dbM1 * bigDeltaD;
            double dbDD = b * (dbM1 * bigDeltaDD + (b - 1.0) * dbM2 * bigDeltaD * bigDeltaD);
            double dbT = -2.0 * theta * b * dbM1;
            double dbTT = 2.0 * b * dbM1 + 4.0 * theta * theta * b * (b - 1.0) * dbM2;
            double dbDT = -capA * b * 2.0 / beta * dbM1 * dm1 * pw1 - 2.0 * theta * b * (b - 1.0) * dbM2 * bigDeltaD;

            a += n * db * delta * psi;
            ad += n * (db * (psi + delta * psiD) + dbD * delta * psi);
            add += n * (db * (2.0 * psiD + delta * psiDD) + 2.0 * dbD * (psi + delta * psiD) + dbDD * delta * psi);
            at += n * delta * (dbT * psi + db * psiT);
            att += n * delta * (dbTT * psi + 2.0 * dbT * psiT + db * psiTT);
            adt += n * (db * (psiT + delta * psiDT) + delta * dbD * psiT + dbT * (psi + delta * psiD)
                    + dbDT * delta * psi);
        }
        out[0] = a;
        out[1] = ad;
        out[2] = add;
        out[3] = at;
        out[4] = att;
        out[5] = adt;
    }

    /** Ideal-gas part, Eq. (6.3) with the IIR offset: out[0] phi0, [1] phi0_t, [2] phi0_tt (phi0_d = 1/delta). */
    static void ideal(double tau, double delta, double[] out) {
        double a = Math.log(delta) + IDEAL_A1 + IIR_OFFSET_A1 + (IDEAL_A2 + IIR_OFFSET_A2) * tau
                + IDEAL_LOG_TAU * Math.log(tau);
        double at = IDEAL_A2 + IIR_OFFSET_A2 + IDEAL_LOG_TAU / tau;
        double att = -IDEAL_LOG_TAU / (tau * tau);
        for (int i = 0; i < IDEAL_PLANCK_N.length; i++) {
            double n = IDEAL_PLANCK_N[i];
            double th = IDEAL_PLANCK_THETA[i];
            double e = Math.exp(-th * tau);
            a += n * Math.log(1.0 - e);
            at += n * th * e / (1.0 - e);
            att -= n * th * th * e / ((1.0 - e) * (1.0 - e));
        }
        out[0] = a;
        out[1] = at;
        out[2] = att;
    }

    /** Properties and partial derivatives at one (T, rho) point; a mutable scratch object, not thread-safe. */
    static final class Eval {
        double temperatureK;
        double densityKgPerM3;
        double pressurePa;
        double enthalpyJPerKg;
        double entropyJPerKgK;
        double cvJPerKgK;
        double cpJPerKgK;
        double speedOfSoundMPerS;
        /** (dp/drho)_T, Pa m3/kg. */
        double dpdRho;
        /** (dp/dT)_rho, Pa/K. */
        double dpdT;
        /** (dh/drho)_T. */
        double dhdRho;
        /** (dh/dT)_rho. */
        double dhdT;
        /** (ds/drho)_T. */
        double dsdRho;
        /** (ds/dT)_rho. */
        double dsdT;
        /** Gibbs energy g = h - T s, J/kg. */
        double gibbsJPerKg;

        private final double[] r = new double[6];
        private final double[] i0 = new double[3];
    }

    /** Evaluates every property at (T, rho) into {@code e}. No range check (internal use). */
    static void evaluate(double temperatureK, double densityKgPerM3, Eval e) {
        double tau = TC / temperatureK;
        double delta = densityKgPerM3 / RHOC;
        double[] r = e.r;
        double[] i0 = e.i0;
        residual(tau, delta, r);
        ideal(tau, delta, i0);
        double rt = R * temperatureK;
        double dRd = delta * r[1];
        double x = 1.0 + dRd - delta * tau * r[5];             // 1 + delta phiR_d - delta tau phiR_dt
        double y = 1.0 + 2.0 * dRd + delta * delta * r[2];     // 1 + 2 delta phiR_d + delta^2 phiR_dd
        double tt = tau * tau * (i0[2] + r[4]);                // tau^2 (phi0_tt + phiR_tt)
        e.temperatureK = temperatureK;
        e.densityKgPerM3 = densityKgPerM3;
        e.pressurePa = densityKgPerM3 * rt * (1.0 + dRd);
        e.enthalpyJPerKg = rt * (1.0 + tau * (i0[1] + r[3]) + dRd);
        e.entropyJPerKgK = R * (tau * (i0[1] + r[3]) - i0[0] - r[0]);
        e.cvJPerKgK = -R * tt;
        e.cpJPerKgK = e.cvJPerKgK + R * x * x / y;
        double w2 = rt * (y - x * x / tt);
        e.speedOfSoundMPerS = w2 > 0 ? Math.sqrt(w2) : Double.NaN;
        e.dpdRho = rt * y;
        e.dpdT = densityKgPerM3 * R * x;
        e.dhdT = R * (-tt + x);
        e.dhdRho = rt / densityKgPerM3 * (tau * delta * r[5] + dRd + delta * delta * r[2]);
        e.dsdT = e.cvJPerKgK / temperatureK;
        e.dsdRho = -e.dpdT / (densityKgPerM3 * densityKgPerM3);
        e.gibbsJPerKg = e.enthalpyJPerKg - temperatureK * e.entropyJPerKgK;
    }

    // ---------------------------------------------------------------------------------------------------------
    // Range checks

    /** Melting pressure at T, Pa, Span &amp; Wagner Eq. (3.10). */
    public static double meltingPressurePa(double temperatureK) {
        double x = temperatureK / TRIPLE_TEMPERATURE_K - 1.0;
        return MELTING_REFERENCE_PRESSURE_PA * (1.0 + MELTING_A1 * x + MELTING_A2 * x * x);
    }

    /** Lowest fluid temperature at pressure p: the triple point, or the melting line above it, K. */
    public static double minimumTemperatureK(double pressurePa) {
        if (pressurePa <= MELTING_REFERENCE_PRESSURE_PA) {
            return TRIPLE_TEMPERATURE_K;
        }
        double c = pressurePa / MELTING_REFERENCE_PRESSURE_PA - 1.0;
        double x = (-MELTING_A1 + Math.sqrt(MELTING_A1 * MELTING_A1 + 4.0 * MELTING_A2 * c)) / (2.0 * MELTING_A2);
        return TRIPLE_TEMPERATURE_K * (1.0 + x);
    }

    static void checkPressure(double pressurePa) {
        Ranges.require("pressurePa", pressurePa, MIN_PRESSURE_PA, MAX_PRESSURE_PA);
    }

    static void checkPressureTemperature(double pressurePa, double temperatureK) {
        checkPressure(pressurePa);
        Ranges.require("temperatureK", temperatureK, TRIPLE_TEMPERATURE_K, MAX_TEMPERATURE_K);
        double tMin = minimumTemperatureK(pressurePa);
        if (temperatureK < tMin) {
            throw new IllegalArgumentException("temperatureK must be within [" + tMin + ", " + MAX_TEMPERATURE_K
                    + "] at pressurePa=" + pressurePa + " (below is solid CO2, melting line Span & Wagner Eq. (3.10)), was "
                    + temperatureK);
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // Ancillary equations (initial guesses only)

    static double ancillarySaturationPressurePa(double temperatureK) {
        double theta = 1.0 - temperatureK / TC;
        double sum = 0;
        for (int i = 0; i < ANC_PSAT_N.length; i++) {
            sum += ANC_PSAT_N[i] * Math.pow(theta, ANC_PSAT_T[i]);
        }
        return PC * Math.exp(TC / temperatureK * sum);
    }

    static double ancillaryLiquidDensity(double temperatureK) {
        double theta = 1.0 - temperatureK / TC;
        double sum = 0;
        for (int i = 0; i < ANC_RHOL_N.length; i++) {
            sum += ANC_RHOL_N[i] * Math.pow(theta, ANC_RHOL_T[i]);
        }
        return RHOC * (1.0 + sum);
    }

    static double ancillaryVaporDensity(double temperatureK) {
        double theta = 1.0 - temperatureK / TC;
        double sum = 0;
        for (int i = 0; i < ANC_RHOV_N.length; i++) {
            sum += ANC_RHOV_N[i] * Math.pow(theta, ANC_RHOV_T[i]);
        }
        return RHOC * Math.exp(TC / temperatureK * sum);
    }

    // ---------------------------------------------------------------------------------------------------------
    // Saturation (Maxwell criterion)

    @Override
    public Co2Saturation saturationAtTemperature(double temperatureK) {
        Ranges.require("temperatureK (saturation)", temperatureK, TRIPLE_TEMPERATURE_K, MAX_SATURATION_TEMPERATURE_K);
        Eval liquid = new Eval();
        Eval vapor = new Eval();
        solveSaturation(temperatureK, liquid, vapor);
        return new Co2Saturation(temperatureK, liquid.pressurePa, liquid.densityKgPerM3, vapor.densityKgPerM3,
                liquid.enthalpyJPerKg, vapor.enthalpyJPerKg, liquid.entropyJPerKgK, vapor.entropyJPerKgK);
    }

    /**
     * Solves the Maxwell criterion at T by Akasaka's Newton iteration in (delta', delta'') on
     * J(delta) = delta (1 + delta phiR_d) and K(delta) = delta phiR_d + phiR + ln(delta), which must be equal in
     * both phases (equal pressure and equal Gibbs energy at equal T).
     */
    static void solveSaturation(double temperatureK, Eval liquid, Eval vapor) {
        double tau = TC / temperatureK;
        double dL = ancillaryLiquidDensity(temperatureK) / RHOC;
        double dV = ancillaryVaporDensity(temperatureK) / RHOC;
        double[] rl = new double[6];
        double[] rv = new double[6];
        boolean converged = false;
        for (int iter = 0; iter < 100; iter++) {
            residual(tau, dL, rl);
            residual(tau, dV, rv);
            double jL = dL * (1.0 + dL * rl[1]);
            double jV = dV * (1.0 + dV * rv[1]);
            double kL = dL * rl[1] + rl[0] + Math.log(dL);
            double kV = dV * rv[1] + rv[0] + Math.log(dV);
            double jdL = 1.0 + 2.0 * dL * rl[1] + dL * dL * rl[2];
            double jdV = 1.0 + 2.0 * dV * rv[1] + dV * dV * rv[2];
            double kdL = 2.0 * rl[1] + dL * rl[2] + 1.0 / dL;
            double kdV = 2.0 * rv[1] + dV * rv[2] + 1.0 / dV;
            double det = jdV * kdL - jdL * kdV;
            double stepL = ((kV - kL) * jdV - (jV - jL) * kdV) / det;
            double stepV = ((kV - kL) * jdL - (jV - jL) * kdL) / det;
            // keep both densities on their own side of the critical density
            double newL = dL + stepL;
            double newV = dV + stepV;
            if (newL <= 1.0) {
                newL = 0.5 * (dL + 1.0);
            }
            if (newV >= 1.0 || newV <= 0) {
                newV = newV <= 0 ? 0.5 * dV : 0.5 * (dV + 1.0);
            }
            dL = newL;
            dV = newV;
            // the residuals reach a round-off floor of a few 1e-15; near T_c the system is ill-conditioned,
            // so stop on small residuals (after taking the last step) as well as on small steps
            if (Math.abs(stepL) < 1.0e-12 * dL && Math.abs(stepV) < 1.0e-12 * dV
                    || Math.abs(jV - jL) < 1.0e-13 && Math.abs(kV - kL) < 1.0e-13) {
                converged = true;
                break;
            }
        }
        if (!converged) {
            throw new IllegalStateException("saturation did not converge at temperatureK=" + temperatureK);
        }
        evaluate(temperatureK, dL * RHOC, liquid);
        evaluate(temperatureK, dV * RHOC, vapor);
    }

    @Override
    public Co2Saturation saturationAtPressure(double pressurePa) {
        double temperatureK = saturationTemperatureK(pressurePa);
        return saturationAtTemperature(temperatureK);
    }

    @Override
    public double saturationPressurePa(double temperatureK) {
        return saturationAtTemperature(temperatureK).pressurePa();
    }

    /** Highest pressure at which {@link #saturationAtPressure} solves: p_sat(T_c - 1e-4 K), Pa. */
    public static final double MAX_SATURATION_PRESSURE_PA = maxSaturationPressure();

    private static double maxSaturationPressure() {
        Eval l = new Eval();
        Eval v = new Eval();
        solveSaturation(MAX_SATURATION_TEMPERATURE_K, l, v);
        return l.pressurePa;
    }

    /**
     * Saturation temperature at p: the ancillary p_sat(T) inverted for a start, then Newton steps on the Maxwell
     * solution with the Clausius-Clapeyron slope dp/dT = (s'' - s') / (v'' - v').
     */
    @Override
    public double saturationTemperatureK(double pressurePa) {
        Ranges.require("pressurePa (saturation)", pressurePa, TRIPLE_PRESSURE_PA, MAX_SATURATION_PRESSURE_PA);
        double t = TRIPLE_TEMPERATURE_K + (TC - TRIPLE_TEMPERATURE_K) * 0.5;
        // invert the ancillary: ln p is smooth and nearly linear in 1/T
        for (int i = 0; i < 50; i++) {
            double pa = ancillarySaturationPressurePa(t);
            double h = 1.0e-4;
            double pb = ancillarySaturationPressurePa(t - h);
            double slope = (Math.log(pa) - Math.log(pb)) / h;
            double step = (Math.log(pressurePa) - Math.log(pa)) / slope;
            t = Math.min(MAX_SATURATION_TEMPERATURE_K, Math.max(TRIPLE_TEMPERATURE_K, t + step));
            if (Math.abs(step) < 1.0e-9) {
                break;
            }
        }
        Eval l = new Eval();
        Eval v = new Eval();
        for (int i = 0; i < 30; i++) {
            solveSaturation(t, l, v);
            double f = l.pressurePa - pressurePa;
            double slope = (v.entropyJPerKgK - l.entropyJPerKgK)
                    / (1.0 / v.densityKgPerM3 - 1.0 / l.densityKgPerM3);
            double step = -f / slope;
            t = Math.min(MAX_SATURATION_TEMPERATURE_K, Math.max(TRIPLE_TEMPERATURE_K, t + step));
            if (Math.abs(f) < 1.0e-12 * pressurePa || Math.abs(step) < 1.0e-11) {
                return t;
            }
        }
        throw new IllegalStateException("saturation temperature did not converge at pressurePa=" + pressurePa);
    }

    // ---------------------------------------------------------------------------------------------------------
    // Density at (T, p)

    /**
     * Density in the stable branch between {@code lo} and {@code hi} (p(T, rho) increasing there) by Newton's
     * method safeguarded with bisection.
     */
    static double solveDensity(double temperatureK, double pressurePa, double lo, double hi, double guess, Eval e) {
        double rho = Math.min(hi, Math.max(lo, guess));
        double previousAbsF = Double.POSITIVE_INFINITY;
        for (int iter = 0; iter < 200; iter++) {
            evaluate(temperatureK, rho, e);
            double f = e.pressurePa - pressurePa;
            if (Math.abs(f) <= 1.0e-13 * pressurePa) {
                return rho;
            }
            if (f > 0) {
                hi = rho;
            } else {
                lo = rho;
            }
            double next = rho - f / e.dpdRho;
            if (!(e.dpdRho > 0) || !(next > lo && next < hi) || Math.abs(f) > 0.5 * previousAbsF) {
                next = 0.5 * (lo + hi);
            }
            previousAbsF = Math.abs(f);
            if (Math.abs(next - rho) <= 1.0e-14 * rho) {
                evaluate(temperatureK, next, e);
                return next;
            }
            rho = next;
        }
        throw new IllegalStateException("density did not converge at temperatureK=" + temperatureK
                + ", pressurePa=" + pressurePa);
    }

    /**
     * Single-phase density at (T, p), with the stable branch chosen by comparing p with p_sat(T) below T_c.
     * Fills {@code e} and returns the phase.
     */
    static Co2Phase densityAt(double pressurePa, double temperatureK, Eval e) {
        return densityAt(pressurePa, temperatureK, e, Double.NaN);
    }

    /** As {@link #densityAt(double, double, Eval)}, starting Newton's method from {@code guess} when it is a number. */
    static Co2Phase densityAt(double pressurePa, double temperatureK, Eval e, double guess) {
        if (temperatureK >= MAX_SATURATION_TEMPERATURE_K) {
            // in the enforced range (p <= 30 MPa, T >= T_c) CO2 has Z = p/(rho R T) < 1, so the ideal-gas density
            // is a lower bound; checked, and widened if ever not
            double lo = pressurePa / (R * temperatureK);
            evaluate(temperatureK, lo, e);
            if (!(e.pressurePa < pressurePa)) {
                lo = MIN_DENSITY_KG_PER_M3;
            }
            double start = Double.isNaN(guess) ? lo : guess;
            solveDensity(temperatureK, pressurePa, lo, MAX_DENSITY_KG_PER_M3 + 200.0, start, e);
            return pressurePa >= PC ? Co2Phase.SUPERCRITICAL : Co2Phase.VAPOR;
        }
        double pAnc = ancillarySaturationPressurePa(temperatureK);
        boolean liquid;
        double rhoL;
        double rhoV;
        Co2Phase phase;
        // the ancillary p_sat is within 1.1e-5 of the Maxwell value: decide the phase by it unless closer
        if (Math.abs(pressurePa - pAnc) < 5.0e-5 * pAnc) {
            Eval l = new Eval();
            Eval v = new Eval();
            solveSaturation(temperatureK, l, v);
            liquid = pressurePa >= l.pressurePa;
            rhoL = l.densityKgPerM3;
            rhoV = v.densityKgPerM3;
        } else {
            liquid = pressurePa > pAnc;
            rhoL = ancillaryLiquidDensity(temperatureK) * 0.99;
            rhoV = ancillaryVaporDensity(temperatureK) * 1.01;
            // the ancillary bounds must lie in the metastable branch next to the root; otherwise use Maxwell
            evaluate(temperatureK, liquid ? rhoL : rhoV, e);
            boolean ok = e.dpdRho > 0 && (liquid ? e.pressurePa < pressurePa : e.pressurePa > pressurePa);
            if (!ok) {
                Eval l = new Eval();
                Eval v = new Eval();
                solveSaturation(temperatureK, l, v);
                rhoL = l.densityKgPerM3;
                rhoV = v.densityKgPerM3;
            }
        }
        if (pressurePa >= PC) {
            phase = Co2Phase.SUPERCRITICAL;
        } else {
            phase = liquid ? Co2Phase.LIQUID : Co2Phase.VAPOR;
        }
        if (liquid) {
            double start = Double.isNaN(guess) ? rhoL * 1.001 : guess;
            solveDensity(temperatureK, pressurePa, rhoL, MAX_DENSITY_KG_PER_M3 + 200.0, start, e);
        } else {
            double start = Double.isNaN(guess) ? Math.min(rhoV, pressurePa / (R * temperatureK)) : guess;
            solveDensity(temperatureK, pressurePa, MIN_DENSITY_KG_PER_M3, rhoV, start, e);
        }
        return phase;
    }

    private static Co2State singlePhaseState(Eval e, Co2Phase phase) {
        return new Co2State(e.pressurePa, e.temperatureK, e.densityKgPerM3, e.enthalpyJPerKg, e.entropyJPerKgK,
                e.cpJPerKgK, e.speedOfSoundMPerS, phase, Double.NaN);
    }

    // ---------------------------------------------------------------------------------------------------------
    // Flashes

    /**
     * State at (T, rho), including the phase split: below T_c a density between rho'' and rho' is a two-phase
     * mixture with quality x = (1/rho - 1/rho') / (1/rho'' - 1/rho').
     */
    public Co2State stateFromTemperatureDensity(double temperatureK, double densityKgPerM3) {
        Ranges.require("temperatureK", temperatureK, TRIPLE_TEMPERATURE_K, MAX_TEMPERATURE_K);
        Ranges.require("densityKgPerM3", densityKgPerM3, MIN_DENSITY_KG_PER_M3, MAX_DENSITY_KG_PER_M3);
        Eval e = new Eval();
        if (temperatureK < MAX_SATURATION_TEMPERATURE_K) {
            Eval l = new Eval();
            Eval v = new Eval();
            solveSaturation(temperatureK, l, v);
            if (densityKgPerM3 < l.densityKgPerM3 && densityKgPerM3 > v.densityKgPerM3) {
                double x = (1.0 / densityKgPerM3 - 1.0 / l.densityKgPerM3)
                        / (1.0 / v.densityKgPerM3 - 1.0 / l.densityKgPerM3);
                return twoPhase(l, v, x);
            }
        }
        evaluate(temperatureK, densityKgPerM3, e);
        checkPressure(e.pressurePa);
        Co2Phase phase;
        if (e.pressurePa >= PC) {
            phase = Co2Phase.SUPERCRITICAL;
        } else if (temperatureK >= TC) {
            phase = Co2Phase.VAPOR;
        } else {
            phase = densityKgPerM3 >= RHOC ? Co2Phase.LIQUID : Co2Phase.VAPOR;
        }
        return singlePhaseState(e, phase);
    }

    private static Co2State twoPhase(Eval l, Eval v, double quality) {
        double specificVolume = (1.0 - quality) / l.densityKgPerM3 + quality / v.densityKgPerM3;
        double h = (1.0 - quality) * l.enthalpyJPerKg + quality * v.enthalpyJPerKg;
        double s = (1.0 - quality) * l.entropyJPerKgK + quality * v.entropyJPerKgK;
        return new Co2State(l.pressurePa, l.temperatureK, 1.0 / specificVolume, h, s, Double.NaN, Double.NaN,
                Co2Phase.TWO_PHASE, quality);
    }

    @Override
    public Co2State stateFromPressureTemperature(double pressurePa, double temperatureK) {
        checkPressureTemperature(pressurePa, temperatureK);
        Eval e = new Eval();
        Co2Phase phase = densityAt(pressurePa, temperatureK, e);
        return singlePhaseState(e, phase);
    }

    @Override
    public Co2State stateFromPressureEnthalpy(double pressurePa, double enthalpyJPerKg) {
        return flash(pressurePa, enthalpyJPerKg, true);
    }

    @Override
    public Co2State stateFromPressureEntropy(double pressurePa, double entropyJPerKgK) {
        return flash(pressurePa, entropyJPerKgK, false);
    }

    /** (p, h) or (p, s) flash: saturation test below p_c, then a bracketed Newton iteration on T. */
    private Co2State flash(double pressurePa, double target, boolean byEnthalpy) {
        checkPressure(pressurePa);
        String quantity = byEnthalpy ? "enthalpyJPerKg" : "entropyJPerKgK";
        if (!Double.isFinite(target)) {
            throw new IllegalArgumentException(quantity + " must be finite, was " + target);
        }
        double tMin = minimumTemperatureK(pressurePa);
        double tLo = tMin;
        double tHi = MAX_TEMPERATURE_K;
        Eval e = new Eval();
        Eval lo = null;
        Eval hi = null;
        if (pressurePa < MAX_SATURATION_PRESSURE_PA && pressurePa >= TRIPLE_PRESSURE_PA) {
            double tSat = saturationTemperatureK(pressurePa);
            Eval l = new Eval();
            Eval v = new Eval();
            solveSaturation(tSat, l, v);
            double yL = byEnthalpy ? l.enthalpyJPerKg : l.entropyJPerKgK;
            double yV = byEnthalpy ? v.enthalpyJPerKg : v.entropyJPerKgK;
            if (target >= yL && target <= yV) {
                return twoPhase(l, v, (target - yL) / (yV - yL));
            }
            // the saturated state bounds the single-phase branch on that side
            if (target < yL) {
                tHi = tSat;
                hi = l;
            } else {
                tLo = tSat;
                lo = v;
            }
        }
        if (lo == null) {
            lo = new Eval();
            densityAt(pressurePa, tLo, lo);
        }
        if (hi == null) {
            hi = new Eval();
            densityAt(pressurePa, tHi, hi);
        }
        double yLo = byEnthalpy ? lo.enthalpyJPerKg : lo.entropyJPerKgK;
        double yHi = byEnthalpy ? hi.enthalpyJPerKg : hi.entropyJPerKgK;
        if (!(target >= yLo && target <= yHi)) {
            double overallLo = propertyAt(pressurePa, tMin, byEnthalpy, e);
            double overallHi = propertyAt(pressurePa, MAX_TEMPERATURE_K, byEnthalpy, e);
            throw new IllegalArgumentException(quantity + " must be within [" + overallLo + ", " + overallHi
                    + "] at pressurePa=" + pressurePa + " (temperature range " + tMin
                    + " to " + MAX_TEMPERATURE_K + " K), was " + target);
        }
        // Newton on T with slope cp (or cp/T), bracketed by [tLo, tHi]; density warm-started along the isobar
        double t = tLo + (target - yLo) / (yHi - yLo) * (tHi - tLo);
        double rhoGuess = lo.densityKgPerM3 + (hi.densityKgPerM3 - lo.densityKgPerM3) * (t - tLo) / (tHi - tLo);
        Co2Phase phase = Co2Phase.SUPERCRITICAL;
        double previousAbsF = Double.POSITIVE_INFINITY;
        for (int iter = 0; iter < 200; iter++) {
            phase = densityAt(pressurePa, t, e, rhoGuess);
            double y = byEnthalpy ? e.enthalpyJPerKg : e.entropyJPerKgK;
            double slope = byEnthalpy ? e.cpJPerKgK : e.cpJPerKgK / t;
            double f = y - target;
            if (f > 0) {
                tHi = t;
            } else {
                tLo = t;
            }
            if (Math.abs(f) <= 1.0e-12 * Math.max(1.0, Math.abs(target))) {
                break;
            }
            double next = t - f / slope;
            // Newton can cycle across the c_p peak near the pseudo-critical line: bisect when it stalls
            if (!(slope > 0) || !(next > tLo && next < tHi) || Math.abs(f) > 0.5 * previousAbsF) {
                next = 0.5 * (tLo + tHi);
            }
            previousAbsF = Math.abs(f);
            // (d rho / d T)_p = -(dp/dT)_rho / (dp/drho)_T
            rhoGuess = e.densityKgPerM3 - e.dpdT / e.dpdRho * (next - t);
            if (!(rhoGuess > 0)) {
                rhoGuess = e.densityKgPerM3;
            }
            if (Math.abs(next - t) < 1.0e-12 * t) {
                t = next;
                phase = densityAt(pressurePa, t, e, rhoGuess);
                break;
            }
            t = next;
        }
        return singlePhaseState(e, phase);
    }

    private static double propertyAt(double pressurePa, double temperatureK, boolean byEnthalpy, Eval e) {
        densityAt(pressurePa, temperatureK, e);
        return byEnthalpy ? e.enthalpyJPerKg : e.entropyJPerKgK;
    }

    @Override
    public double temperatureFromPressureEnthalpy(double pressurePa, double enthalpyJPerKg) {
        return stateFromPressureEnthalpy(pressurePa, enthalpyJPerKg).temperatureK();
    }

    @Override
    public double densityFromPressureEnthalpy(double pressurePa, double enthalpyJPerKg) {
        return stateFromPressureEnthalpy(pressurePa, enthalpyJPerKg).densityKgPerM3();
    }

    @Override
    public double entropyFromPressureEnthalpy(double pressurePa, double enthalpyJPerKg) {
        return stateFromPressureEnthalpy(pressurePa, enthalpyJPerKg).entropyJPerKgK();
    }

    @Override
    public double enthalpyFromPressureEntropy(double pressurePa, double entropyJPerKgK) {
        return stateFromPressureEntropy(pressurePa, entropyJPerKgK).enthalpyJPerKg();
    }

    @Override
    public double enthalpyFromPressureTemperature(double pressurePa, double temperatureK) {
        return stateFromPressureTemperature(pressurePa, temperatureK).enthalpyJPerKg();
    }

    /** Pressure at (T, rho), Pa, single-phase evaluation of the equation of state (no phase split). */
    public double pressurePa(double temperatureK, double densityKgPerM3) {
        Ranges.require("temperatureK", temperatureK, TRIPLE_TEMPERATURE_K, MAX_TEMPERATURE_K);
        Ranges.require("densityKgPerM3", densityKgPerM3, MIN_DENSITY_KG_PER_M3, MAX_DENSITY_KG_PER_M3);
        Eval e = new Eval();
        evaluate(temperatureK, densityKgPerM3, e);
        return e.pressurePa;
    }
}
