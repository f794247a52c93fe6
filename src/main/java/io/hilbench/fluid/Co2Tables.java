package io.hilbench.fluid;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.stream.IntStream;

/**
 * The fast path: CO2 properties interpolated from tables built from {@link SpanWagnerCo2}.
 *
 * <p><b>Layout.</b> Independent variables (p, h) and (p, s). Pressure rows are split at the critical pressure:
 * <ul>
 *   <li>subcritical rows p in [p_sat(T_sat,min), p_sat(T_c - 1e-4 K)], uniform in u = 1 - sqrt(1 - q),
 *       q = (p - p_min)/(p_max,sub - p_min), which clusters rows towards p_c; each row carries a liquid patch
 *       from h(p, T_low) to h'(p) and a vapour patch from h''(p) to h(p, T_max), uniform in the normalised
 *       coordinate xi = (h - h_lo(p)) / (h_hi(p) - h_lo(p)); the saturation boundary is therefore a grid line
 *       and no interpolation stencil straddles the dome;</li>
 *   <li>supercritical rows p in [p_c, p_max], uniform in u = sqrt((p - p_c)/(p_max - p_c)), one patch from
 *       h(p, T_low) to h(p, T_max). Pressures in the 17 Pa gap between p_sat(T_c - 1e-4 K) and p_c use the
 *       p_c row (part of the documented critical region).</li>
 * </ul>
 * Two-phase states interpolate h', h'', s', rho', rho'', T_sat on the subcritical rows (1-D cubic in u) and mix
 * linearly in quality. A separate saturation table over T (uniform in 1 - sqrt(1 - q_T), clustered towards
 * T_c) serves T -&gt; p_sat.
 *
 * <p><b>Interpolation.</b> Bicubic Lagrange (4 x 4 nodes, one-sided at the edges) in (u, xi) for the patches;
 * cubic Lagrange in u for the row boundaries. Nodes are exact EOS states: every interior node is a (p, h) or
 * (p, s) flash solved by Newton's method in (T, rho) from the neighbouring node.
 *
 * <p><b>Accuracy</b> (measured against the exact path, see the error map in
 * plant-models/co2-properties/README.md): rho, h, s within 0.1 % and T within 0.02 K away from the critical
 * region; larger near the critical point and within about 1 K of the pseudo-critical line between p_c and
 * about 90 bar, where c_p peaks.
 *
 * <p><b>Start-up.</b> {@link #build} builds in parallel (0.3-0.5 s from a cold JVM on 2 cores for {@link
 * Co2TableParameters#plantDefault()}); {@link #loadOrBuild} reads a cache file named after a hash of the
 * parameters under {@code ~/.cache/hil-bench} (or {@code java.io.tmpdir}) and writes one when absent.
 *
 * <p>Thread-safe after construction (immutable arrays). The {@code double}-returning look-ups and {@link
 * #lookupPressureEnthalpy} allocate nothing.
 */
public final class Co2Tables implements Co2Properties {

    // fields of the (p, h) patches
    private static final int PH_T = 0;
    private static final int PH_RHO = 1;
    private static final int PH_S = 2;
    private static final int PH_CP = 3;
    private static final int PH_W = 4;
    private static final int PH_FIELDS = 5;
    // fields of the (p, s) patches
    private static final int PS_T = 0;
    private static final int PS_RHO = 1;
    private static final int PS_H = 2;
    private static final int PS_FIELDS = 3;
    // per-row boundary fields (supercritical rows use only the LO/HI ones)
    private static final int B_TSAT = 0;
    private static final int B_HLO = 1;
    private static final int B_HL = 2;
    private static final int B_HV = 3;
    private static final int B_HHI = 4;
    private static final int B_SLO = 5;
    private static final int B_SL = 6;
    private static final int B_SV = 7;
    private static final int B_SHI = 8;
    private static final int B_RHOL = 9;
    private static final int B_RHOV = 10;
    private static final int B_CPL = 11;
    private static final int B_CPV = 12;
    private static final int B_WL = 13;
    private static final int B_WV = 14;
    private static final int B_TLO = 15;
    private static final int B_FIELDS = 16;
    // saturation table over temperature
    private static final int ST_P = 0;
    private static final int ST_RHOL = 1;
    private static final int ST_RHOV = 2;
    private static final int ST_HL = 3;
    private static final int ST_HV = 4;
    private static final int ST_SL = 5;
    private static final int ST_SV = 6;
    private static final int ST_CPL = 7;
    private static final int ST_CPV = 8;
    private static final int ST_WL = 9;
    private static final int ST_WV = 10;
    private static final int ST_FIELDS = 11;

    private static final int REGION_LIQUID = 0;
    private static final int REGION_VAPOR = 1;
    private static final int REGION_SUPERCRITICAL = 2;
    private static final int REGION_TWO_PHASE = 3;

    private static final double PC = SpanWagnerCo2.CRITICAL_PRESSURE_PA;
    private static final int CACHE_MAGIC = 0x436f3254; // "Co2T"

    private final Co2TableParameters parameters;
    private final double minPressurePa;
    private final double maxSubcriticalPressurePa;
    private final double maxPressurePa;
    private final double minSaturationTemperatureK;
    private final double maxSaturationTemperatureK;
    private final int nSub;
    private final int nSup;
    private final int nLiq;
    private final int nVap;
    private final int nSc;
    private final int nSat;
    private final double[][] subBoundary;
    private final double[][] supBoundary;
    private final double[][] liqPh;
    private final double[][] vapPh;
    private final double[][] scPh;
    private final double[][] liqPs;
    private final double[][] vapPs;
    private final double[][] scPs;
    private final double[][] satT;

    private Co2Tables(Co2TableParameters parameters, double[][] subBoundary, double[][] supBoundary,
                      double[][] liqPh, double[][] vapPh, double[][] scPh, double[][] liqPs, double[][] vapPs,
                      double[][] scPs, double[][] satT, double minPressurePa) {
        this.parameters = parameters;
        this.minPressurePa = minPressurePa;
        this.maxSubcriticalPressurePa = SpanWagnerCo2.MAX_SATURATION_PRESSURE_PA;
        this.maxPressurePa = parameters.maxPressurePa();
        this.minSaturationTemperatureK = parameters.lowestSaturationTemperatureK();
        this.maxSaturationTemperatureK = SpanWagnerCo2.MAX_SATURATION_TEMPERATURE_K;
        this.nSub = parameters.subcriticalPressureNodes();
        this.nSup = parameters.supercriticalPressureNodes();
        this.nLiq = parameters.liquidNodes();
        this.nVap = parameters.vaporNodes();
        this.nSc = parameters.supercriticalNodes();
        this.nSat = parameters.saturationNodes();
        this.subBoundary = subBoundary;
        this.supBoundary = supBoundary;
        this.liqPh = liqPh;
        this.vapPh = vapPh;
        this.scPh = scPh;
        this.liqPs = liqPs;
        this.vapPs = vapPs;
        this.scPs = scPs;
        this.satT = satT;
    }

    public Co2TableParameters parameters() {
        return parameters;
    }

    /** Lowest tabulated pressure p_sat(lowestSaturationTemperatureK), Pa. */
    public double minPressurePa() {
        return minPressurePa;
    }

    /** Highest tabulated pressure, Pa. */
    public double maxPressurePa() {
        return maxPressurePa;
    }

    /** Lowest tabulated temperature at pressure p: max(lowestTemperatureK, melting line + 0.5 K), K. */
    public double minTemperatureK(double pressurePa) {
        return Math.max(parameters.lowestTemperatureK(), SpanWagnerCo2.minimumTemperatureK(pressurePa) + 0.5);
    }

    // ---------------------------------------------------------------------------------------------------------
    // Grid coordinates

    private double subPressure(int i) {
        if (i == nSub - 1) {
            return maxSubcriticalPressurePa;
        }
        double u = (double) i / (nSub - 1);
        double q = 1.0 - (1.0 - u) * (1.0 - u);
        return minPressurePa + q * (maxSubcriticalPressurePa - minPressurePa);
    }

    /** Row coordinate (0 .. nSub-1) of a subcritical pressure. */
    private double subIndex(double pressurePa) {
        double q = (pressurePa - minPressurePa) / (maxSubcriticalPressurePa - minPressurePa);
        double u = 1.0 - Math.sqrt(Math.max(0.0, 1.0 - q));
        return u * (nSub - 1);
    }

    private double supPressure(int i) {
        double u = (double) i / (nSup - 1);
        return i == nSup - 1 ? maxPressurePa : PC + u * u * (maxPressurePa - PC);
    }

    private double supIndex(double pressurePa) {
        double q = (Math.max(pressurePa, PC) - PC) / (maxPressurePa - PC);
        return Math.sqrt(q) * (nSup - 1);
    }

    private double satTemperature(int k) {
        if (k == nSat - 1) {
            return maxSaturationTemperatureK;
        }
        double w = (double) k / (nSat - 1);
        double q = 1.0 - (1.0 - w) * (1.0 - w);
        return minSaturationTemperatureK + q * (maxSaturationTemperatureK - minSaturationTemperatureK);
    }

    private double satIndex(double temperatureK) {
        double q = (temperatureK - minSaturationTemperatureK) / (maxSaturationTemperatureK - minSaturationTemperatureK);
        return (1.0 - Math.sqrt(Math.max(0.0, 1.0 - q))) * (nSat - 1);
    }

    // ---------------------------------------------------------------------------------------------------------
    // Interpolation kernels (cubic Lagrange on a uniform grid, stencil clamped at the edges)

    /** First node of the four-point stencil around grid coordinate x on n nodes, clamped at the edges. */
    static int stencilStart(double x, int n) {
        int i0 = (int) x - 1;
        if (i0 < 0) {
            return 0;
        }
        return i0 > n - 4 ? n - 4 : i0;
    }

    /** Lagrange weight of node 0 of a four-point stencil at t = x − first node (nodes at t = 0, 1, 2, 3). */
    static double weight0(double t) {
        return -(t - 1.0) * (t - 2.0) * (t - 3.0) / 6.0;
    }

    /** Lagrange weight of node 1 (see {@link #weight0}). */
    static double weight1(double t) {
        return t * (t - 2.0) * (t - 3.0) * 0.5;
    }

    /** Lagrange weight of node 2 (see {@link #weight0}). */
    static double weight2(double t) {
        return -t * (t - 1.0) * (t - 3.0) * 0.5;
    }

    /** Lagrange weight of node 3 (see {@link #weight0}). */
    static double weight3(double t) {
        return t * (t - 1.0) * (t - 2.0) / 6.0;
    }

    static double cubic(double[] f, int n, double x) {
        int i0 = stencilStart(x, n);
        double t = x - i0;
        return weight0(t) * f[i0] + weight1(t) * f[i0 + 1] + weight2(t) * f[i0 + 2] + weight3(t) * f[i0 + 3];
    }

    /** Bicubic Lagrange on a row-major grid f[i * nj + j], at row coordinate x and column coordinate y. */
    static double bicubic(double[] f, int ni, int nj, double x, double y) {
        int i0 = stencilStart(x, ni);
        int j0 = stencilStart(y, nj);
        double t = x - i0;
        double a0 = weight0(t);
        double a1 = weight1(t);
        double a2 = weight2(t);
        double a3 = weight3(t);
        double s = y - j0;
        double b0 = weight0(s);
        double b1 = weight1(s);
        double b2 = weight2(s);
        double b3 = weight3(s);
        int k = i0 * nj + j0;
        double r0 = b0 * f[k] + b1 * f[k + 1] + b2 * f[k + 2] + b3 * f[k + 3];
        k += nj;
        double r1 = b0 * f[k] + b1 * f[k + 1] + b2 * f[k + 2] + b3 * f[k + 3];
        k += nj;
        double r2 = b0 * f[k] + b1 * f[k + 1] + b2 * f[k + 2] + b3 * f[k + 3];
        k += nj;
        double r3 = b0 * f[k] + b1 * f[k + 1] + b2 * f[k + 2] + b3 * f[k + 3];
        return a0 * r0 + a1 * r1 + a2 * r2 + a3 * r3;
    }

    // ---------------------------------------------------------------------------------------------------------
    // Location of a (p, y) point, y = h or s

    /** Scratch for one look-up: region, row coordinate, column coordinate, quality, bicubic stencil. */
    static final class Locator {
        int region;
        double x;
        double xi;
        double quality;
        // bicubic stencil: first node index and Lagrange weights in rows (a) and columns (b)
        private int k0;
        private int nj;
        private double a0;
        private double a1;
        private double a2;
        private double a3;
        private double b0;
        private double b1;
        private double b2;
        private double b3;

        void stencil(int ni, int nj, double x, double y) {
            int i0 = stencilStart(x, ni);
            int j0 = stencilStart(y, nj);
            double t = x - i0;
            a0 = weight0(t);
            a1 = weight1(t);
            a2 = weight2(t);
            a3 = weight3(t);
            double u = y - j0;
            b0 = weight0(u);
            b1 = weight1(u);
            b2 = weight2(u);
            b3 = weight3(u);
            this.nj = nj;
            k0 = i0 * nj + j0;
        }

        double apply(double[] f) {
            int k = k0;
            double r0 = b0 * f[k] + b1 * f[k + 1] + b2 * f[k + 2] + b3 * f[k + 3];
            k += nj;
            double r1 = b0 * f[k] + b1 * f[k + 1] + b2 * f[k + 2] + b3 * f[k + 3];
            k += nj;
            double r2 = b0 * f[k] + b1 * f[k + 1] + b2 * f[k + 2] + b3 * f[k + 3];
            k += nj;
            double r3 = b0 * f[k] + b1 * f[k + 1] + b2 * f[k + 2] + b3 * f[k + 3];
            return a0 * r0 + a1 * r1 + a2 * r2 + a3 * r3;
        }
    }

    /**
     * Per-thread scratch of the double-returning look-ups: the JIT does not scalar-replace a Locator passed to
     * {@link #locate} (measured 112 B/op with {@code new Locator()}), and the plant's loop must not allocate.
     */
    private static final ThreadLocal<Locator> SCRATCH = ThreadLocal.withInitial(Locator::new);

    /** Sets the bicubic stencil of a located single-phase point and returns the patch fields to apply it to. */
    private double[][] stencil(Locator loc, boolean byEnthalpy) {
        switch (loc.region) {
            case REGION_LIQUID:
                loc.stencil(nSub, nLiq, loc.x, loc.xi);
                return byEnthalpy ? liqPh : liqPs;
            case REGION_VAPOR:
                loc.stencil(nSub, nVap, loc.x, loc.xi);
                return byEnthalpy ? vapPh : vapPs;
            default:
                loc.stencil(nSup, nSc, loc.x, loc.xi);
                return byEnthalpy ? scPh : scPs;
        }
    }

    private void locate(double pressurePa, double y, boolean byEnthalpy, Locator loc) {
        if (!(pressurePa >= minPressurePa && pressurePa <= maxPressurePa)) {
            Ranges.require("pressurePa (tables)", pressurePa, minPressurePa, maxPressurePa);
        }
        String quantity = byEnthalpy ? "enthalpyJPerKg" : "entropyJPerKgK";
        if (pressurePa <= maxSubcriticalPressurePa) {
            double x = subIndex(pressurePa);
            loc.x = x;
            double yL = cubic(subBoundary[byEnthalpy ? B_HL : B_SL], nSub, x);
            double yV = cubic(subBoundary[byEnthalpy ? B_HV : B_SV], nSub, x);
            if (y >= yL && y <= yV) {
                loc.region = REGION_TWO_PHASE;
                loc.quality = (y - yL) / (yV - yL);
            } else if (y < yL) {
                double yLo = cubic(subBoundary[byEnthalpy ? B_HLO : B_SLO], nSub, x);
                double xi = (y - yLo) / (yL - yLo);
                if (!(xi >= 0.0)) {
                    throw outOfRange(quantity, y, pressurePa, yLo, cubic(subBoundary[byEnthalpy ? B_HHI : B_SHI], nSub, x));
                }
                loc.region = REGION_LIQUID;
                loc.xi = xi * (nLiq - 1);
            } else {
                double yHi = cubic(subBoundary[byEnthalpy ? B_HHI : B_SHI], nSub, x);
                double xi = (y - yV) / (yHi - yV);
                if (!(xi <= 1.0)) {
                    throw outOfRange(quantity, y, pressurePa, cubic(subBoundary[byEnthalpy ? B_HLO : B_SLO], nSub, x), yHi);
                }
                loc.region = REGION_VAPOR;
                loc.xi = xi * (nVap - 1);
            }
        } else {
            double x = supIndex(pressurePa);
            loc.x = x;
            double yLo = cubic(supBoundary[byEnthalpy ? B_HLO : B_SLO], nSup, x);
            double yHi = cubic(supBoundary[byEnthalpy ? B_HHI : B_SHI], nSup, x);
            double xi = (y - yLo) / (yHi - yLo);
            if (!(xi >= 0.0 && xi <= 1.0)) {
                throw outOfRange(quantity, y, pressurePa, yLo, yHi);
            }
            loc.region = REGION_SUPERCRITICAL;
            loc.xi = xi * (nSc - 1);
        }
    }

    private static IllegalArgumentException outOfRange(String quantity, double value, double pressurePa,
                                                       double lo, double hi) {
        return new IllegalArgumentException(quantity + " must be within [" + lo + ", " + hi + "] at pressurePa="
                + pressurePa + " (table range), was " + value);
    }

    private double patchValue(Locator loc, boolean byEnthalpy, int field) {
        switch (loc.region) {
            case REGION_LIQUID:
                return bicubic((byEnthalpy ? liqPh : liqPs)[field], nSub, nLiq, loc.x, loc.xi);
            case REGION_VAPOR:
                return bicubic((byEnthalpy ? vapPh : vapPs)[field], nSub, nVap, loc.x, loc.xi);
            default:
                return bicubic((byEnthalpy ? scPh : scPs)[field], nSup, nSc, loc.x, loc.xi);
        }
    }

    private double twoPhaseDensity(Locator loc) {
        double rhoL = cubic(subBoundary[B_RHOL], nSub, loc.x);
        double rhoV = cubic(subBoundary[B_RHOV], nSub, loc.x);
        return 1.0 / ((1.0 - loc.quality) / rhoL + loc.quality / rhoV);
    }

    private double twoPhaseMix(Locator loc, int liquidField, int vaporField) {
        double yL = cubic(subBoundary[liquidField], nSub, loc.x);
        double yV = cubic(subBoundary[vaporField], nSub, loc.x);
        return yL + loc.quality * (yV - yL);
    }

    private static Co2Phase phaseOf(int region) {
        switch (region) {
            case REGION_LIQUID:
                return Co2Phase.LIQUID;
            case REGION_VAPOR:
                return Co2Phase.VAPOR;
            case REGION_SUPERCRITICAL:
                return Co2Phase.SUPERCRITICAL;
            default:
                return Co2Phase.TWO_PHASE;
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // Hot path

    @Override
    public double temperatureFromPressureEnthalpy(double pressurePa, double enthalpyJPerKg) {
        Locator loc = SCRATCH.get();
        locate(pressurePa, enthalpyJPerKg, true, loc);
        return loc.region == REGION_TWO_PHASE ? cubic(subBoundary[B_TSAT], nSub, loc.x) : patchValue(loc, true, PH_T);
    }

    @Override
    public double densityFromPressureEnthalpy(double pressurePa, double enthalpyJPerKg) {
        Locator loc = SCRATCH.get();
        locate(pressurePa, enthalpyJPerKg, true, loc);
        return loc.region == REGION_TWO_PHASE ? twoPhaseDensity(loc) : patchValue(loc, true, PH_RHO);
    }

    @Override
    public double entropyFromPressureEnthalpy(double pressurePa, double enthalpyJPerKg) {
        Locator loc = SCRATCH.get();
        locate(pressurePa, enthalpyJPerKg, true, loc);
        return loc.region == REGION_TWO_PHASE ? twoPhaseMix(loc, B_SL, B_SV) : patchValue(loc, true, PH_S);
    }

    @Override
    public double enthalpyFromPressureEntropy(double pressurePa, double entropyJPerKgK) {
        Locator loc = SCRATCH.get();
        locate(pressurePa, entropyJPerKgK, false, loc);
        return loc.region == REGION_TWO_PHASE ? twoPhaseMix(loc, B_HL, B_HV) : patchValue(loc, false, PS_H);
    }

    /** Temperature, K, at pressure (Pa) and entropy (J/(kg K)). */
    public double temperatureFromPressureEntropy(double pressurePa, double entropyJPerKgK) {
        Locator loc = SCRATCH.get();
        locate(pressurePa, entropyJPerKgK, false, loc);
        return loc.region == REGION_TWO_PHASE ? cubic(subBoundary[B_TSAT], nSub, loc.x) : patchValue(loc, false, PS_T);
    }

    /** Fills {@code out} with every property at (p, h); allocation-free (one locate, one stencil, five fields). */
    public void lookupPressureEnthalpy(double pressurePa, double enthalpyJPerKg, Co2LookupResult out) {
        lookupPressureEnthalpy(pressurePa, enthalpyJPerKg, out, true);
    }

    /**
     * {@link #lookupPressureEnthalpy} for the callers that need only temperature, density and c_p (the gas cooler's
     * cell march, ~30 look-ups per plant sub-step): the same interpolation, bit for bit, without the entropy and
     * speed-of-sound patches, which are set to NaN so a stale value can never be read as a result.
     */
    public void lookupPressureEnthalpyThermal(double pressurePa, double enthalpyJPerKg, Co2LookupResult out) {
        lookupPressureEnthalpy(pressurePa, enthalpyJPerKg, out, false);
    }

    private void lookupPressureEnthalpy(double pressurePa, double enthalpyJPerKg, Co2LookupResult out, boolean all) {
        Locator loc = out.locator;
        locate(pressurePa, enthalpyJPerKg, true, loc);
        out.phase = phaseOf(loc.region);
        if (loc.region == REGION_TWO_PHASE) {
            out.temperatureK = cubic(subBoundary[B_TSAT], nSub, loc.x);
            out.densityKgPerM3 = twoPhaseDensity(loc);
            out.entropyJPerKgK = all ? twoPhaseMix(loc, B_SL, B_SV) : Double.NaN;
            out.cpJPerKgK = Double.NaN;
            out.speedOfSoundMPerS = Double.NaN;
            out.quality = loc.quality;
        } else {
            double[][] f = stencil(loc, true);
            out.temperatureK = loc.apply(f[PH_T]);
            out.densityKgPerM3 = loc.apply(f[PH_RHO]);
            out.entropyJPerKgK = all ? loc.apply(f[PH_S]) : Double.NaN;
            out.cpJPerKgK = loc.apply(f[PH_CP]);
            out.speedOfSoundMPerS = all ? loc.apply(f[PH_W]) : Double.NaN;
            out.quality = Double.NaN;
        }
    }

    /** A new {@link Isobar} on these tables (one per caller: it is scratch, not shared). */
    public Isobar newIsobar() {
        return new Isobar();
    }

    /**
     * Look-ups at one pressure, for a caller that makes many there: the gas cooler's cell march makes ~40 per march,
     * all at the march's pressure. The tables' bicubic Lagrange interpolant is separable,
     * f(x, ξ) = Σ_j b_j(ξ) · [Σ_i a_i(x) · f_ij], so the pressure half (the bracket) is computed once per enthalpy
     * column of a patch (supercritical; below the critical pressure liquid and vapour) and cached for the isobar; a
     * look-up is then the locating of ξ against the isobar's boundary enthalpies (also computed once) and a cubic over
     * four cached columns. Two-phase look-ups use the isobar's saturation values. The same interpolant as
     * {@link #lookupPressureEnthalpyThermal}, equal to it to rounding (the sums are taken in the other order; a test
     * holds it to 1e-12 relative); an enthalpy outside the table gets the general look-up's range error.
     * Allocation-free after construction; not thread-safe.
     */
    public final class Isobar {
        private final Columns supercriticalColumns = new Columns(nSc);
        private final Columns liquidColumns = new Columns(nLiq);
        private final Columns vaporColumns = new Columns(nVap);
        private double pressurePa = Double.NaN;
        private boolean supercritical;
        private boolean inRange;
        // row (pressure) weights, shared by the patches of this isobar
        private int rowStart;
        private double a0;
        private double a1;
        private double a2;
        private double a3;
        // boundary enthalpies at this pressure: lowest, saturated liquid, saturated vapour, highest (supercritical: lo, hi)
        private double hLo;
        private double hL;
        private double hV;
        private double hHi;
        // saturation at this pressure (subcritical)
        private double tSat;
        private double rhoL;
        private double rhoV;

        private Isobar() {}

        /** Moves to {@code pressurePa} (the cached columns are dropped when it changes); returns this. */
        public Isobar at(double pressurePa) {
            if (pressurePa == this.pressurePa) return this;
            this.pressurePa = pressurePa;
            inRange = pressurePa >= minPressurePa && pressurePa <= maxPressurePa;
            if (!inRange) return this;   // every look-up then gets the general path's range error
            supercritical = pressurePa > maxSubcriticalPressurePa;
            double x;
            int rows;
            if (supercritical) {
                x = supIndex(pressurePa);
                rows = nSup;
                hLo = cubic(supBoundary[B_HLO], nSup, x);
                hHi = cubic(supBoundary[B_HHI], nSup, x);
                supercriticalColumns.invalidate();
            } else {
                x = subIndex(pressurePa);
                rows = nSub;
                hLo = cubic(subBoundary[B_HLO], nSub, x);
                hL = cubic(subBoundary[B_HL], nSub, x);
                hV = cubic(subBoundary[B_HV], nSub, x);
                hHi = cubic(subBoundary[B_HHI], nSub, x);
                tSat = cubic(subBoundary[B_TSAT], nSub, x);
                rhoL = cubic(subBoundary[B_RHOL], nSub, x);
                rhoV = cubic(subBoundary[B_RHOV], nSub, x);
                liquidColumns.invalidate();
                vaporColumns.invalidate();
            }
            rowStart = stencilStart(x, rows);
            double t = x - rowStart;
            a0 = weight0(t);
            a1 = weight1(t);
            a2 = weight2(t);
            a3 = weight3(t);
            return this;
        }

        /** The pressure this isobar is at, Pa. */
        public double pressurePa() {
            return pressurePa;
        }

        /** {@link #lookupPressureEnthalpyThermal} at this isobar's pressure: temperature, density, c_p (entropy and w NaN). */
        public void lookupThermal(double enthalpyJPerKg, Co2LookupResult out) {
            double h = enthalpyJPerKg;
            if (!inRange) {
                lookupPressureEnthalpyThermal(pressurePa, h, out);
                return;
            }
            if (supercritical) {
                double xi = (h - hLo) / (hHi - hLo);
                if (!(xi >= 0.0 && xi <= 1.0)) {
                    lookupPressureEnthalpyThermal(pressurePa, h, out);   // throws the range error
                    return;
                }
                out.phase = Co2Phase.SUPERCRITICAL;
                supercriticalColumns.apply(scPh, xi * (nSc - 1), out);
            } else if (h >= hL && h <= hV) {
                double q = (h - hL) / (hV - hL);
                out.phase = Co2Phase.TWO_PHASE;
                out.temperatureK = tSat;
                out.densityKgPerM3 = 1.0 / ((1.0 - q) / rhoL + q / rhoV);
                out.cpJPerKgK = Double.NaN;
                out.quality = q;
            } else if (h < hL) {
                double xi = (h - hLo) / (hL - hLo);
                if (!(xi >= 0.0)) {
                    lookupPressureEnthalpyThermal(pressurePa, h, out);
                    return;
                }
                out.phase = Co2Phase.LIQUID;
                liquidColumns.apply(liqPh, xi * (nLiq - 1), out);
            } else {
                double xi = (h - hV) / (hHi - hV);
                if (!(xi <= 1.0)) {
                    lookupPressureEnthalpyThermal(pressurePa, h, out);
                    return;
                }
                out.phase = Co2Phase.VAPOR;
                vaporColumns.apply(vapPh, xi * (nVap - 1), out);
            }
            out.entropyJPerKgK = Double.NaN;
            out.speedOfSoundMPerS = Double.NaN;
        }

        /** One patch's columns at this isobar: the pressure half of the stencil for T, ρ and c_p, filled on first use. */
        private final class Columns {
            private final int nj;
            private final double[] t;
            private final double[] rho;
            private final double[] cp;
            /** Generation in which each column was filled; a column is valid when equal to {@link #generation}. */
            private final int[] filled;
            private int generation;

            Columns(int nj) {
                this.nj = nj;
                t = new double[nj];
                rho = new double[nj];
                cp = new double[nj];
                filled = new int[nj];
            }

            void invalidate() {
                if (++generation == 0) {   // after 2^32 pressures: no stale column may look valid
                    java.util.Arrays.fill(filled, 0);
                    generation = 1;
                }
            }

            /** The cubic in the column coordinate y over four cached columns; sets T, ρ, c_p and NaN quality. */
            void apply(double[][] patch, double y, Co2LookupResult out) {
                int j0 = stencilStart(y, nj);
                for (int j = j0; j < j0 + 4; j++) {
                    if (filled[j] != generation) fill(patch, j);
                }
                double u = y - j0;
                double b0 = weight0(u);
                double b1 = weight1(u);
                double b2 = weight2(u);
                double b3 = weight3(u);
                out.temperatureK = b0 * t[j0] + b1 * t[j0 + 1] + b2 * t[j0 + 2] + b3 * t[j0 + 3];
                out.densityKgPerM3 = b0 * rho[j0] + b1 * rho[j0 + 1] + b2 * rho[j0 + 2] + b3 * rho[j0 + 3];
                out.cpJPerKgK = b0 * cp[j0] + b1 * cp[j0 + 1] + b2 * cp[j0 + 2] + b3 * cp[j0 + 3];
                out.quality = Double.NaN;
            }

            private void fill(double[][] patch, int j) {
                int k = rowStart * nj + j;
                t[j] = rows(patch[PH_T], k);
                rho[j] = rows(patch[PH_RHO], k);
                cp[j] = rows(patch[PH_CP], k);
                filled[j] = generation;
            }

            private double rows(double[] f, int k) {
                return a0 * f[k] + a1 * f[k + nj] + a2 * f[k + 2 * nj] + a3 * f[k + 3 * nj];
            }
        }
    }

    @Override
    public Co2State stateFromPressureEnthalpy(double pressurePa, double enthalpyJPerKg) {
        Co2LookupResult r = new Co2LookupResult();
        lookupPressureEnthalpy(pressurePa, enthalpyJPerKg, r);
        return new Co2State(pressurePa, r.temperatureK, r.densityKgPerM3, enthalpyJPerKg, r.entropyJPerKgK,
                r.cpJPerKgK, r.speedOfSoundMPerS, r.phase, r.quality);
    }

    @Override
    public Co2State stateFromPressureEntropy(double pressurePa, double entropyJPerKgK) {
        return stateFromPressureEnthalpy(pressurePa, enthalpyFromPressureEntropy(pressurePa, entropyJPerKgK));
    }

    /**
     * Enthalpy at (p, T) by Newton's method on the tabulated T(p, h) with slope c_p, bracketed in the liquid,
     * vapour or supercritical patch.
     */
    @Override
    public double enthalpyFromPressureTemperature(double pressurePa, double temperatureK) {
        Ranges.require("pressurePa (tables)", pressurePa, minPressurePa, maxPressurePa);
        Ranges.require("temperatureK (tables)", temperatureK, minTemperatureK(pressurePa), parameters.maxTemperatureK());
        Locator loc = SCRATCH.get();
        double hLo;
        double hHi;
        if (pressurePa <= maxSubcriticalPressurePa) {
            loc.x = subIndex(pressurePa);
            double tSat = cubic(subBoundary[B_TSAT], nSub, loc.x);
            if (temperatureK <= tSat) {
                loc.region = REGION_LIQUID;
                hLo = cubic(subBoundary[B_HLO], nSub, loc.x);
                hHi = cubic(subBoundary[B_HL], nSub, loc.x);
            } else {
                loc.region = REGION_VAPOR;
                hLo = cubic(subBoundary[B_HV], nSub, loc.x);
                hHi = cubic(subBoundary[B_HHI], nSub, loc.x);
            }
        } else {
            loc.x = supIndex(pressurePa);
            loc.region = REGION_SUPERCRITICAL;
            hLo = cubic(supBoundary[B_HLO], nSup, loc.x);
            hHi = cubic(supBoundary[B_HHI], nSup, loc.x);
        }
        int n = loc.region == REGION_LIQUID ? nLiq : loc.region == REGION_VAPOR ? nVap : nSc;
        double lo = hLo;
        double hi = hHi;
        double h = 0.5 * (lo + hi);
        double previousAbsF = Double.POSITIVE_INFINITY;
        for (int iter = 0; iter < 100; iter++) {
            loc.xi = (h - hLo) / (hHi - hLo) * (n - 1);
            double t = patchValue(loc, true, PH_T);
            double f = t - temperatureK;
            if (f > 0) {
                hi = h;
            } else {
                lo = h;
            }
            if (Math.abs(f) < 1.0e-9) {
                return h;
            }
            double cp = patchValue(loc, true, PH_CP);
            double next = h - cp * f;
            if (!(cp > 0) || !(next > lo && next < hi) || Math.abs(f) > 0.5 * previousAbsF) {
                next = 0.5 * (lo + hi); // Newton stalls across the c_p peak: bisect
            }
            previousAbsF = Math.abs(f);
            if (Math.abs(next - h) < 1.0e-9) {
                return next;
            }
            h = next;
        }
        return h;
    }

    @Override
    public Co2State stateFromPressureTemperature(double pressurePa, double temperatureK) {
        Co2State s = stateFromPressureEnthalpy(pressurePa, enthalpyFromPressureTemperature(pressurePa, temperatureK));
        if (s.isTwoPhase()) { // (p, T) exactly on the saturation line: report the saturated single phase
            boolean liquid = s.quality() < 0.5;
            Co2Saturation sat = saturationAtPressure(pressurePa);
            double rho = liquid ? sat.liquidDensityKgPerM3() : sat.vaporDensityKgPerM3();
            double hs = liquid ? sat.liquidEnthalpyJPerKg() : sat.vaporEnthalpyJPerKg();
            double ss = liquid ? sat.liquidEntropyJPerKgK() : sat.vaporEntropyJPerKgK();
            double x = subIndex(pressurePa);
            double cp = cubic(subBoundary[liquid ? B_CPL : B_CPV], nSub, x);
            double w = cubic(subBoundary[liquid ? B_WL : B_WV], nSub, x);
            return new Co2State(pressurePa, temperatureK, rho, hs, ss, cp, w,
                    liquid ? Co2Phase.LIQUID : Co2Phase.VAPOR, Double.NaN);
        }
        return new Co2State(s.pressurePa(), temperatureK, s.densityKgPerM3(), s.enthalpyJPerKg(), s.entropyJPerKgK(),
                s.cpJPerKgK(), s.speedOfSoundMPerS(), s.phase(), s.quality());
    }

    // ---------------------------------------------------------------------------------------------------------
    // Saturation

    @Override
    public double saturationPressurePa(double temperatureK) {
        Ranges.require("temperatureK (saturation tables)", temperatureK, minSaturationTemperatureK,
                maxSaturationTemperatureK);
        return cubic(satT[ST_P], nSat, satIndex(temperatureK));
    }

    @Override
    public double saturationTemperatureK(double pressurePa) {
        Ranges.require("pressurePa (saturation tables)", pressurePa, minPressurePa, maxSubcriticalPressurePa);
        return cubic(subBoundary[B_TSAT], nSub, subIndex(pressurePa));
    }

    @Override
    public Co2Saturation saturationAtTemperature(double temperatureK) {
        double p = saturationPressurePa(temperatureK);
        double k = satIndex(temperatureK);
        return new Co2Saturation(temperatureK, p, cubic(satT[ST_RHOL], nSat, k), cubic(satT[ST_RHOV], nSat, k),
                cubic(satT[ST_HL], nSat, k), cubic(satT[ST_HV], nSat, k), cubic(satT[ST_SL], nSat, k),
                cubic(satT[ST_SV], nSat, k));
    }

    @Override
    public Co2Saturation saturationAtPressure(double pressurePa) {
        double t = saturationTemperatureK(pressurePa);
        double x = subIndex(pressurePa);
        return new Co2Saturation(t, pressurePa, cubic(subBoundary[B_RHOL], nSub, x),
                cubic(subBoundary[B_RHOV], nSub, x), cubic(subBoundary[B_HL], nSub, x),
                cubic(subBoundary[B_HV], nSub, x), cubic(subBoundary[B_SL], nSub, x),
                cubic(subBoundary[B_SV], nSub, x));
    }

    /** Saturated liquid (liquid = true) or vapour state at T from the saturation table, with c_p and w. */
    public Co2State saturatedStateAtTemperature(double temperatureK, boolean liquid) {
        double p = saturationPressurePa(temperatureK);
        double k = satIndex(temperatureK);
        return new Co2State(p, temperatureK, cubic(satT[liquid ? ST_RHOL : ST_RHOV], nSat, k),
                cubic(satT[liquid ? ST_HL : ST_HV], nSat, k), cubic(satT[liquid ? ST_SL : ST_SV], nSat, k),
                cubic(satT[liquid ? ST_CPL : ST_CPV], nSat, k), cubic(satT[liquid ? ST_WL : ST_WV], nSat, k),
                liquid ? Co2Phase.LIQUID : Co2Phase.VAPOR, Double.NaN);
    }

    // ---------------------------------------------------------------------------------------------------------
    // Build

    /** Builds the tables from the exact equation of state (parallel over pressure rows). */
    public static Co2Tables build(Co2TableParameters parameters) {
        double minPressurePa = new SpanWagnerCo2().saturationPressurePa(parameters.lowestSaturationTemperatureK());
        int nSub = parameters.subcriticalPressureNodes();
        int nSup = parameters.supercriticalPressureNodes();
        int nLiq = parameters.liquidNodes();
        int nVap = parameters.vaporNodes();
        int nSc = parameters.supercriticalNodes();
        int nSat = parameters.saturationNodes();
        double[][] subB = new double[B_FIELDS][nSub];
        double[][] supB = new double[B_FIELDS][nSup];
        double[][] liqPh = new double[PH_FIELDS][nSub * nLiq];
        double[][] vapPh = new double[PH_FIELDS][nSub * nVap];
        double[][] scPh = new double[PH_FIELDS][nSup * nSc];
        double[][] liqPs = new double[PS_FIELDS][nSub * nLiq];
        double[][] vapPs = new double[PS_FIELDS][nSub * nVap];
        double[][] scPs = new double[PS_FIELDS][nSup * nSc];
        double[][] satT = new double[ST_FIELDS][nSat];
        Co2Tables t = new Co2Tables(parameters, subB, supB, liqPh, vapPh, scPh, liqPs, vapPs, scPs, satT,
                minPressurePa);
        IntStream.range(0, nSub + nSup + nSat).parallel().forEach(job -> {
            if (job < nSub) {
                t.buildSubcriticalRow(job);
            } else if (job < nSub + nSup) {
                t.buildSupercriticalRow(job - nSub);
            } else {
                t.buildSaturationNode(job - nSub - nSup);
            }
        });
        return t;
    }

    private void buildSubcriticalRow(int i) {
        double p = subPressure(i);
        SpanWagnerCo2.Eval l = new SpanWagnerCo2.Eval();
        SpanWagnerCo2.Eval v = new SpanWagnerCo2.Eval();
        SpanWagnerCo2.solveSaturation(new SpanWagnerCo2().saturationTemperatureK(p), l, v);
        double tLo = minTemperatureK(p);
        SpanWagnerCo2.Eval lo = new SpanWagnerCo2.Eval();
        SpanWagnerCo2.densityAt(p, tLo, lo);
        SpanWagnerCo2.Eval hi = new SpanWagnerCo2.Eval();
        SpanWagnerCo2.densityAt(p, parameters.maxTemperatureK(), hi);
        double[][] b = subBoundary;
        b[B_TSAT][i] = l.temperatureK;
        b[B_TLO][i] = tLo;
        b[B_HLO][i] = lo.enthalpyJPerKg;
        b[B_HL][i] = l.enthalpyJPerKg;
        b[B_HV][i] = v.enthalpyJPerKg;
        b[B_HHI][i] = hi.enthalpyJPerKg;
        b[B_SLO][i] = lo.entropyJPerKgK;
        b[B_SL][i] = l.entropyJPerKgK;
        b[B_SV][i] = v.entropyJPerKgK;
        b[B_SHI][i] = hi.entropyJPerKgK;
        b[B_RHOL][i] = l.densityKgPerM3;
        b[B_RHOV][i] = v.densityKgPerM3;
        b[B_CPL][i] = l.cpJPerKgK;
        b[B_CPV][i] = v.cpJPerKgK;
        b[B_WL][i] = l.speedOfSoundMPerS;
        b[B_WV][i] = v.speedOfSoundMPerS;
        fillRow(p, lo, l, nLiq, i, liqPh, liqPs);
        fillRow(p, v, hi, nVap, i, vapPh, vapPs);
    }

    private void buildSupercriticalRow(int i) {
        double p = supPressure(i);
        double tLo = minTemperatureK(p);
        SpanWagnerCo2.Eval lo = new SpanWagnerCo2.Eval();
        SpanWagnerCo2.densityAt(p, tLo, lo);
        SpanWagnerCo2.Eval hi = new SpanWagnerCo2.Eval();
        SpanWagnerCo2.densityAt(p, parameters.maxTemperatureK(), hi);
        double[][] b = supBoundary;
        b[B_TLO][i] = tLo;
        b[B_HLO][i] = lo.enthalpyJPerKg;
        b[B_HHI][i] = hi.enthalpyJPerKg;
        b[B_SLO][i] = lo.entropyJPerKgK;
        b[B_SHI][i] = hi.entropyJPerKgK;
        fillRow(p, lo, hi, nSc, i, scPh, scPs);
    }

    private void buildSaturationNode(int k) {
        double t = satTemperature(k);
        SpanWagnerCo2.Eval l = new SpanWagnerCo2.Eval();
        SpanWagnerCo2.Eval v = new SpanWagnerCo2.Eval();
        SpanWagnerCo2.solveSaturation(t, l, v);
        satT[ST_P][k] = l.pressurePa;
        satT[ST_RHOL][k] = l.densityKgPerM3;
        satT[ST_RHOV][k] = v.densityKgPerM3;
        satT[ST_HL][k] = l.enthalpyJPerKg;
        satT[ST_HV][k] = v.enthalpyJPerKg;
        satT[ST_SL][k] = l.entropyJPerKgK;
        satT[ST_SV][k] = v.entropyJPerKgK;
        satT[ST_CPL][k] = l.cpJPerKgK;
        satT[ST_CPV][k] = v.cpJPerKgK;
        satT[ST_WL][k] = l.speedOfSoundMPerS;
        satT[ST_WV][k] = v.speedOfSoundMPerS;
    }

    /** Fills row i of a (p, h) patch and a (p, s) patch between two boundary states. */
    private void fillRow(double p, SpanWagnerCo2.Eval start, SpanWagnerCo2.Eval end, int n, int i,
                         double[][] ph, double[][] ps) {
        SpanWagnerCo2.Eval e = new SpanWagnerCo2.Eval();
        for (int pass = 0; pass < 2; pass++) {
            boolean byEnthalpy = pass == 0;
            double y0 = byEnthalpy ? start.enthalpyJPerKg : start.entropyJPerKgK;
            double y1 = byEnthalpy ? end.enthalpyJPerKg : end.entropyJPerKgK;
            storeNode(byEnthalpy, ph, ps, i * n, start);
            storeNode(byEnthalpy, ph, ps, i * n + n - 1, end);
            double t = start.temperatureK;
            double rho = start.densityKgPerM3;
            double cp = start.cpJPerKgK;
            double dRhodT = -start.dpdT / start.dpdRho;
            for (int j = 1; j < n - 1; j++) {
                double y = y0 + (y1 - y0) * j / (n - 1);
                double dy = (y1 - y0) / (n - 1);
                // predictor along the isobar: dT = dh / cp, or dT = T ds / cp
                double dT = byEnthalpy ? dy / cp : t * dy / cp;
                double tGuess = t + dT;
                double rhoGuess = rho + dRhodT * dT;
                if (!(rhoGuess > 0)) {
                    rhoGuess = rho;
                }
                if (!solveNode(p, y, byEnthalpy, tGuess, rhoGuess, e)) {
                    exactNode(p, y, byEnthalpy, e);
                }
                storeNode(byEnthalpy, ph, ps, i * n + j, e);
                t = e.temperatureK;
                rho = e.densityKgPerM3;
                cp = e.cpJPerKgK;
                dRhodT = -e.dpdT / e.dpdRho;
            }
        }
    }

    private static void storeNode(boolean byEnthalpy, double[][] ph, double[][] ps, int k, SpanWagnerCo2.Eval e) {
        if (byEnthalpy) {
            ph[PH_T][k] = e.temperatureK;
            ph[PH_RHO][k] = e.densityKgPerM3;
            ph[PH_S][k] = e.entropyJPerKgK;
            ph[PH_CP][k] = e.cpJPerKgK;
            ph[PH_W][k] = e.speedOfSoundMPerS;
        } else {
            ps[PS_T][k] = e.temperatureK;
            ps[PS_RHO][k] = e.densityKgPerM3;
            ps[PS_H][k] = e.enthalpyJPerKg;
        }
    }

    /** Newton's method in (T, rho) on p(T, rho) = p and h or s(T, rho) = y, from a nearby guess. */
    static boolean solveNode(double p, double y, boolean byEnthalpy, double t, double rho, SpanWagnerCo2.Eval e) {
        for (int iter = 0; iter < 30; iter++) {
            SpanWagnerCo2.evaluate(t, rho, e);
            double f1 = e.pressurePa - p;
            double f2 = (byEnthalpy ? e.enthalpyJPerKg : e.entropyJPerKgK) - y;
            double a11 = e.dpdT;
            double a12 = e.dpdRho;
            double a21 = byEnthalpy ? e.dhdT : e.dsdT;
            double a22 = byEnthalpy ? e.dhdRho : e.dsdRho;
            double det = a11 * a22 - a12 * a21;
            double dT = (f1 * a22 - f2 * a12) / det;
            double dRho = (a11 * f2 - a21 * f1) / det;
            if (!Double.isFinite(dT) || !Double.isFinite(dRho)) {
                return false;
            }
            if (Math.abs(dT) > 10.0) {
                double scale = 10.0 / Math.abs(dT);
                dT *= scale;
                dRho *= scale;
            }
            if (rho - dRho <= 0) {
                dRho = 0.5 * rho;
            }
            t -= dT;
            rho -= dRho;
            if (Math.abs(dT) < 1.0e-10 * t && Math.abs(dRho) < 1.0e-11 * rho) {
                SpanWagnerCo2.evaluate(t, rho, e);
                return e.dpdRho > 0 && Math.abs(e.pressurePa - p) < 1.0e-8 * p;
            }
        }
        return false;
    }

    private static void exactNode(double p, double y, boolean byEnthalpy, SpanWagnerCo2.Eval e) {
        SpanWagnerCo2 sw = new SpanWagnerCo2();
        Co2State s = byEnthalpy ? sw.stateFromPressureEnthalpy(p, y) : sw.stateFromPressureEntropy(p, y);
        SpanWagnerCo2.evaluate(s.temperatureK(), s.densityKgPerM3(), e);
    }

    // ---------------------------------------------------------------------------------------------------------
    // Cache

    /** The default cache directory: {@code ~/.cache/hil-bench}, or {@code java.io.tmpdir} without a home. */
    public static Path defaultCacheDirectory() {
        String home = System.getProperty("user.home");
        if (home != null && !home.isBlank()) {
            return Path.of(home, ".cache", "hil-bench");
        }
        return Path.of(System.getProperty("java.io.tmpdir"), "hil-bench");
    }

    /** Cache file name for these parameters: a SHA-256 of the parameter key (includes a format version). */
    static String cacheFileName(Co2TableParameters parameters) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(parameters.cacheKey().getBytes(StandardCharsets.UTF_8));
            return "co2-tables-" + HexFormat.of().formatHex(digest, 0, 12) + ".bin";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 missing from the JDK", e);
        }
    }

    /**
     * Loads the tables from {@code cacheDirectory} when a file for these parameters exists and reads cleanly;
     * otherwise builds them and tries to write the file (an unwritable directory only costs the next start-up).
     */
    public static Co2Tables loadOrBuild(Co2TableParameters parameters, Path cacheDirectory) {
        Path file = cacheDirectory.resolve(cacheFileName(parameters));
        if (Files.isRegularFile(file)) {
            try (InputStream in = Files.newInputStream(file)) {
                return read(parameters, in);
            } catch (IOException | RuntimeException e) {
                System.getLogger(Co2Tables.class.getName()).log(System.Logger.Level.WARNING,
                        "ignoring unreadable CO2 table cache " + file + ": " + e);
            }
        }
        Co2Tables tables = build(parameters);
        try {
            Files.createDirectories(cacheDirectory);
            Path tmp = Files.createTempFile(cacheDirectory, "co2-tables", ".tmp");
            try (OutputStream out = Files.newOutputStream(tmp)) {
                tables.write(out);
            }
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException | RuntimeException e) {
            System.getLogger(Co2Tables.class.getName()).log(System.Logger.Level.WARNING,
                    "could not write CO2 table cache " + file + ": " + e);
        }
        return tables;
    }

    private static volatile Co2Tables plantDefault;

    /** The plant's default tables ({@link Co2TableParameters#plantDefault()}), loaded or built once per JVM. */
    public static Co2Tables plantDefault() {
        Co2Tables t = plantDefault;
        if (t == null) {
            synchronized (Co2Tables.class) {
                t = plantDefault;
                if (t == null) {
                    t = loadOrBuild(Co2TableParameters.plantDefault(), defaultCacheDirectory());
                    plantDefault = t;
                }
            }
        }
        return t;
    }

    void write(OutputStream out) throws IOException {
        DataOutputStream d = new DataOutputStream(new BufferedOutputStream(out, 1 << 16));
        d.writeInt(CACHE_MAGIC);
        d.writeUTF(parameters.cacheKey());
        d.writeDouble(minPressurePa);
        for (double[][] block : blocks()) {
            for (double[] a : block) {
                d.writeInt(a.length);
                for (double v : a) {
                    d.writeDouble(v);
                }
            }
        }
        d.flush();
    }

    private double[][][] blocks() {
        return new double[][][] {subBoundary, supBoundary, liqPh, vapPh, scPh, liqPs, vapPs, scPs, satT};
    }

    static Co2Tables read(Co2TableParameters parameters, InputStream in) throws IOException {
        DataInputStream d = new DataInputStream(new BufferedInputStream(in, 1 << 16));
        if (d.readInt() != CACHE_MAGIC || !d.readUTF().equals(parameters.cacheKey())) {
            throw new IOException("cache file is for other parameters");
        }
        double minPressurePa = d.readDouble();
        Co2Tables empty = build0(parameters, minPressurePa);
        for (double[][] block : empty.blocks()) {
            for (double[] a : block) {
                if (d.readInt() != a.length) {
                    throw new IOException("cache file has a different layout");
                }
                for (int k = 0; k < a.length; k++) {
                    a[k] = d.readDouble();
                }
            }
        }
        return empty;
    }

    private static Co2Tables build0(Co2TableParameters p, double minPressurePa) {
        int nSub = p.subcriticalPressureNodes();
        int nSup = p.supercriticalPressureNodes();
        return new Co2Tables(p, new double[B_FIELDS][nSub], new double[B_FIELDS][nSup],
                new double[PH_FIELDS][nSub * p.liquidNodes()], new double[PH_FIELDS][nSub * p.vaporNodes()],
                new double[PH_FIELDS][nSup * p.supercriticalNodes()], new double[PS_FIELDS][nSub * p.liquidNodes()],
                new double[PS_FIELDS][nSub * p.vaporNodes()], new double[PS_FIELDS][nSup * p.supercriticalNodes()],
                new double[ST_FIELDS][p.saturationNodes()], minPressurePa);
    }
}
