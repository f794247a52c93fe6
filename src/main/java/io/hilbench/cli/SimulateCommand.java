package io.hilbench.cli;

import io.hilbench.controller.ControllerConfig;
import io.hilbench.controller.PlantLoopsConfig;
import io.hilbench.controller.TankChargingConfig;
import io.hilbench.plant.weather.BuiltInWeather;
import io.hilbench.plant.PlantModel;
import io.hilbench.report.Kpis;
import io.hilbench.rig.PlantModels;
import io.hilbench.rig.Rig;
import io.hilbench.rig.RigError;
import io.hilbench.rig.RigException;
import io.hilbench.rig.RigLoader;
import io.hilbench.study.Simulation;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code bench simulate} (DESIGN §11, issue 7 item 8): the rig's plant with the reference controller in-process over a
 * built-in weather series ({@code plant-models/weather/}), a decimated CSV, a progress bar on stderr, and the KPIs as a
 * table (and JSON with {@code --kpi-json}). The loop is {@link Simulation}. Bad input: one line on stderr, exit 2.
 */
@Command(name = "simulate", mixinStandardHelpOptions = true,
        description = "Run the plant with the reference controller in-process over a weather series; write a decimated CSV and print KPIs.")
public final class SimulateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--rig", paramLabel = "DIR", defaultValue = "rigs/solrod", description = "Rig folder (default: ${DEFAULT-VALUE}).")
    Path rig;

    @Option(names = "--weather", paramLabel = "NAME", required = true,
            description = "Weather series: winter-design-day, cold-day, sunny-spring-day, summer-day, synthetic-year-55.5N (or year).")
    String weather;

    @Option(names = "--hours", paramLabel = "H", required = true, description = "Plant hours to simulate.")
    String hours;

    @Option(names = "--no-tank-charging",
            description = "Run the heat pump whenever it is started (the reference controller's tank-charging strategy off: it pauses the heat pump "
                    + "when TT-305 is within 3 K of the set-point and TT-302 within 1 K, and runs it again when TT-303 is 8 K or TT-302 1.5 K below it).")
    boolean noTankCharging;

    @Option(names = "--study-start-rules",
            description = "An experiment: warm-tank starts (bottom above 30 °C) on the air and no stage-up while the tank source's suction is above 45.5 bar "
                    + "(controller.SourceConfig#forYearStudies). Off by default: the year still tripped with them, earlier than without.")
    boolean studyStartRules;

    @Option(names = "--solar-lift", paramLabel = "WARM:COOLED|off",
            description = "The tank-charging strategy's solar lift: a charged tank whose bottom (TT-306) is warmer than WARM °C is still lifted on the tank source, "
                    + "down to COOLED °C, while the water evaporator alone would be the source (e.g. 30:25; default off: the charge test alone; "
                    + "an experiment: in June it overfills the tank and the field yields less, controller.TankChargingConfig).")
    String solarLift;

    @Option(names = "--step-s", paramLabel = "S", defaultValue = "0.1", description = "Plant step, s (default: ${DEFAULT-VALUE}).")
    String stepS;

    @Option(names = "--plant-substep-s", paramLabel = "S|auto", defaultValue = "auto",
            description = "The CO2 cycle's internal sub-step, s, at most 1 (default: ${DEFAULT-VALUE} = 0.1 s at steps up to 0.1 s, "
                    + "else the step up to 1 s; the 1 s sub-step is validated against 0.1 s in plant-models/co2-heat-pump/README.md). "
                    + "0.1 keeps the served plant's physics at any step.")
    String plantSubstepS;

    @Option(names = "--scan-s", paramLabel = "S",
            description = "Controller scan time, s: one controller cycle every S of plant time, a whole multiple of --step-s (default: --step-s, one cycle per step). "
                    + "The plant's physics stay at --step-s; a PLC scan of 0.1-1 s is realistic, and a longer scan spends less time in the controller and the point table.")
    String scanS;

    @Option(names = "--start", paramLabel = "ISO|DAY",
            description = "Start: a local date-time (2026-01-15T06:00, the year is ignored), a time of day (06:00) or a day of year (1 = 1 January 00:00, 32.25 = 1 February 06:00). Default: 1 January 00:00 / midnight.")
    String start;

    @Option(names = "--every", paramLabel = "DURATION", defaultValue = "60s", description = "Plant time between CSV rows: 60s, 1min, 15min, 1h, PT1M (default: ${DEFAULT-VALUE}).")
    String every;

    @Option(names = "--out", paramLabel = "FILE.csv", required = true, description = "The decimated CSV.")
    Path out;

    @Option(names = "--kpi-json", paramLabel = "FILE", description = "Also write the KPIs as a JSON object.")
    Path kpiJson;

    @Option(names = "--progress", description = "Show the progress bar even when stderr is not a terminal.")
    boolean progress;

    @Option(names = "--pace", paramLabel = "realtime|accelerated:K",
            description = "Pace the study against the wall clock (K plant seconds per wall second) and serve the live console on it "
                    + "(P&ID, trends, controller state; --ui-port, --no-ui). Default: unpaced, as fast as the machine computes, no console.")
    String pace;

    @picocli.CommandLine.Mixin
    ConsoleOptions consoleOptions = new ConsoleOptions();

    /** Test seam: told the study once it is set up, before its first step (a test may stop it). */
    java.util.function.Consumer<Simulation> onStart = s -> { };

    /** Test seam: the console served, or null (read after the run). */
    io.hilbench.console.ConsoleServer console;

    /** Test seam: the plant for the rig (the rig's model by default). */
    Function<Rig, PlantModel> plantFactory = PlantModels::create;

    @picocli.CommandLine.Mixin
    PlantParamOptions plantParams = new PlantParamOptions();

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter stdout = spec.commandLine().getOut();
        Simulation.Settings settings;
        Rig r;
        PlantModel plant;
        io.hilbench.runtime.Pacing pacing = null;
        try {
            if (pace != null) {
                pacing = io.hilbench.runtime.Pacing.parse(pace);
                if (pacing.kind() == io.hilbench.runtime.Pacing.Kind.LOCKSTEP) {
                    throw new IllegalArgumentException("--pace lockstep: a study has no controller on a wire to wait for; use realtime or accelerated:K");
                }
            }
            int index = weatherIndex(weather);
            double startS = start == null ? 0 : startSeconds(start);
            double step = OptionValues.finite("--step-s", stepS);
            double substep = plantSubstepS.trim().equalsIgnoreCase("auto") ? Double.NaN : OptionValues.finite("--plant-substep-s", plantSubstepS);
            settings = new Simulation.Settings(index, startS, OptionValues.finite("--hours", hours), step, durationMs(every),
                    scanS == null ? step : OptionValues.finite("--scan-s", scanS), substep);
            Rig loaded = plantParams.apply(RigLoader.loadDefault(rig));
            plant = plantFactory.apply(loaded);
            double chosen = settings.plantSubstepFor(plant.maxSubstepS(), plant.largestValidatedSubstepS());
            if (!Double.isNaN(substep) && Double.isNaN(chosen)) {
                throw new IllegalArgumentException("--plant-substep-s: the rig's plant (" + plant.getClass().getSimpleName() + ") has no internal sub-step");
            }
            if (chosen > plant.largestValidatedSubstepS()) {   // refused here, with its range, before anything runs
                throw new IllegalArgumentException("--plant-substep-s must be in (0, " + plant.largestValidatedSubstepS()
                        + "] s for " + plant.getClass().getSimpleName() + " (the range it is validated for), was " + plantSubstepS);
            }
            r = RigLoader.load(rig, plant.catalogue()).withRunOverrides(plantParams.overrides());   // bindings resolved against the plant actually run
        } catch (RigException e) {
            for (RigError error : e.errors()) err.println(error);
            err.println(e.errors().size() + (e.errors().size() == 1 ? " error" : " errors") + " in rig " + rig);
            return BenchCommand.USAGE;
        } catch (IllegalArgumentException e) {
            err.println("bench simulate: " + e.getMessage());
            return BenchCommand.USAGE;
        }
        boolean bar = progress || System.console() != null;
        ProgressBar progressBar = bar ? new ProgressBar(err) : null;
        Kpis kpis;
        TankChargingConfig charging = noTankCharging ? TankChargingConfig.defaults() : TankChargingConfig.defaults().on();
        try {
            charging = withSolarLift(charging, solarLift);
        } catch (IllegalArgumentException e) {
            err.println("bench simulate: --solar-lift: " + e.getMessage());
            return BenchCommand.USAGE;
        }
        // --study-start-rules (SourceConfig#forYearStudies): warm starts on the air, no stage-up into a flooded suction;
        // off by default: with them the year tripped at 468.95 h instead of main's 6,684.9 h (BENCHMARKS, session 12 tank3)
        PlantLoopsConfig loops = PlantLoopsConfig.defaults().withTankCharging(charging);
        if (studyStartRules) loops = loops.withSource(loops.source().forYearStudies());
        Simulation sim = new Simulation(r, plant, ControllerConfig.defaults(), loops);
        if (pacing != null) {
            sim.pace(pacing);
            // the live console over the study (issue #16 item 1): its URL before the first step, beside the pace
            try {
                console = consoleOptions.start(r, studySource(r, sim, settings), err);
            } catch (IOException e) {
                err.println("bench simulate: " + e.getMessage());
                return BenchCommand.USAGE;
            }
            stdout.println("bench simulate: paced " + pacing + (console == null ? " (no console: --no-ui)" : ", console " + console.url()));
            stdout.flush();
        }
        onStart.accept(sim);
        try {
            Path parent = out.toAbsolutePath().getParent();
            if (parent != null) Files.createDirectories(parent);
            // the controller's INFO lines (every stage up and down) would bury the progress bar over a year: WARN and up
            try (Writer w = Files.newBufferedWriter(out, StandardCharsets.UTF_8); QuietLogger quiet = new QuietLogger("io.hilbench.controller")) {
                kpis = sim.run(settings, w, progressBar);
            }
            if (progressBar != null) progressBar.done();
            if (kpiJson != null) {
                Path p = kpiJson.toAbsolutePath().getParent();
                if (p != null) Files.createDirectories(p);
                Files.writeString(kpiJson, kpis.json() + "\n", StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            err.println("bench simulate: cannot write " + e.getMessage());
            return BenchCommand.USAGE;
        } finally {
            if (console != null) console.stop();
        }
        stdout.printf(Locale.ROOT, "bench simulate: rig %s, weather %s, %s h at %s s steps%s%s, CSV every %d s -> %s%n", r.name(),
                BuiltInWeather.FILES.get(settings.weatherIndex()).replace(".csv", ""), hours, stepS,
                settings.stepsPerScan() > 1 ? ", controller scan " + scanS + " s" : "",
                Double.isNaN(sim.lastPlantSubstepS()) ? "" : ", plant sub-step " + java.math.BigDecimal.valueOf(sim.lastPlantSubstepS()).stripTrailingZeros().toPlainString() + " s",
                settings.csvEveryMs() / 1000, out);
        stdout.print(kpis.table());
        stdout.flush();
        return BenchCommand.OK;
    }

    /** The strategy with the --solar-lift option applied: null keeps its default, "off" turns it off, "W:C" sets it, °C. */
    static TankChargingConfig withSolarLift(TankChargingConfig charging, String option) {
        if (option == null) return charging;
        String o = option.trim();
        if (o.equalsIgnoreCase("off")) return charging.withSolarLift(Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY);
        String[] parts = o.split(":", -1);
        if (parts.length != 2) throw new IllegalArgumentException("expected WARM:COOLED in °C (30:25) or off, was '" + option + "'");
        double warm, cooled;
        try {
            warm = Double.parseDouble(parts[0].trim());
            cooled = Double.parseDouble(parts[1].trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("expected WARM:COOLED in °C (30:25) or off, was '" + option + "'");
        }
        return charging.withSolarLift(warm, cooled);
    }

    /** What the console shows of a study: its point table, plant time, pace, lateness and controller state; no wire. */
    static io.hilbench.console.LiveSource studySource(Rig r, Simulation sim, Simulation.Settings settings) {
        io.hilbench.points.PointTable table = sim.liveTable();
        // the page's title names the endpoints: a study has none, the controller is in the same process
        return new io.hilbench.console.LiveSource() {
            @Override public String rigName() { return r.name(); }
            @Override public String site() { return r.site(); }
            @Override public String modbusEndpoint() { return "bench simulate, the controller in-process"; }
            @Override public String opcuaEndpoint() { return "no Modbus or OPC UA served"; }
            @Override public long stepMs() { return settings.stepMs(); }
            @Override public io.hilbench.points.PointTable table() { return table; }
            @Override public long plantTimeMs() { return sim.livePlantTimeMs(); }
            @Override public long step() { return sim.liveStep(); }
            @Override public String status() { return sim.running() ? "RUNNING" : "STOPPED"; }
            @Override public String pace() { return sim.pacing().toString(); }
            @Override public boolean watchdogTripped() { return false; }
            @Override public io.hilbench.runtime.TimingLog timingLog() { return sim.timingLog(); }
            @Override public java.util.Set<String> faultedOutputs(long plantTimeMs) { return java.util.Set.of(); }
            @Override public io.hilbench.runtime.Recorder recorder() { return null; }
            @Override public Object runIdentity() { return sim; }
            @Override public String controllerStateLabel() { return sim.liveControllerState(); }
        };
    }

    /** A weather name: a file stem of plant-models/weather/ (with or without .csv), or "year" for the synthetic year. */
    static int weatherIndex(String name) {
        String n = name.trim().toLowerCase(Locale.ROOT);
        if (n.endsWith(".csv")) n = n.substring(0, n.length() - 4);
        if (n.equals("year") || n.equals("synthetic-year")) return BuiltInWeather.SYNTHETIC_YEAR;
        List<String> known = new ArrayList<>();
        for (int i = 0; i < BuiltInWeather.FILES.size(); i++) {
            String stem = BuiltInWeather.FILES.get(i).replace(".csv", "");
            known.add(stem);
            if (stem.equalsIgnoreCase(n)) return i;
        }
        throw new IllegalArgumentException("unknown weather '" + name + "' (known: " + String.join(", ", known) + ", year)");
    }

    /** --start as seconds since 1 January 00:00 (a design day uses only its time of day). */
    static double startSeconds(String text) {
        String t = text.trim();
        try {
            double day = Double.parseDouble(t);
            if (!(day >= 1 && day < 366)) throw new IllegalArgumentException("--start day of year must be in [1, 366), was " + t);
            return (day - 1) * 86400.0;
        } catch (NumberFormatException notANumber) {
            // a date-time or a time of day
        }
        try {
            if (t.matches("\\d{1,2}:\\d{2}(:\\d{2})?")) {
                String[] p = t.split(":");
                double s = Integer.parseInt(p[0]) * 3600.0 + Integer.parseInt(p[1]) * 60.0 + (p.length > 2 ? Integer.parseInt(p[2]) : 0);
                if (s >= 86400) throw new IllegalArgumentException("--start time of day must be before 24:00, was " + t);
                return s;
            }
            LocalDateTime d = LocalDateTime.parse(t.length() == 10 ? t + "T00:00" : t);
            // day of the year in a non-leap year (the weather year has 365 days; 29 February counts as 1 March)
            int doy = d.withYear(2025).getDayOfYear();
            return (doy - 1) * 86400.0 + d.toLocalTime().toSecondOfDay();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("--start '" + t + "' is not a date-time (2026-01-15T06:00), a time of day (06:00) or a day of year (1-365)");
        }
    }

    private static final Pattern DURATION = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(ms|s|sec|min|m|h)?");

    /** 60s, 1min, 1m, 1h, 500ms, a plain number of seconds, or an ISO-8601 PT… duration, in ms. */
    static long durationMs(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        if (t.startsWith("pt")) {
            try {
                return positive(Duration.parse(text.trim().toUpperCase(Locale.ROOT)).toMillis(), text);
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("--every '" + text + "' is not a duration such as 60s, 15min, 1h or PT1M");
            }
        }
        Matcher m = DURATION.matcher(t);
        if (!m.matches()) throw new IllegalArgumentException("--every '" + text + "' is not a duration such as 60s, 15min, 1h or PT1M");
        double v = Double.parseDouble(m.group(1));
        String unit = m.group(2) == null ? "s" : m.group(2);
        double ms = switch (unit) {
            case "ms" -> v;
            case "s", "sec" -> v * 1000;
            case "min", "m" -> v * 60_000;
            default -> v * 3_600_000;
        };
        return positive(Math.round(ms), text);
    }

    private static long positive(long ms, String text) {
        if (ms < 1) throw new IllegalArgumentException("--every '" + text + "' must be at least 1 ms");
        return ms;
    }


    /** Raises a Logback logger to WARN while open (no-op under another SLF4J binding). */
    private static final class QuietLogger implements AutoCloseable {
        private final ch.qos.logback.classic.Logger logger;
        private final ch.qos.logback.classic.Level before;

        QuietLogger(String name) {
            org.slf4j.Logger l = org.slf4j.LoggerFactory.getLogger(name);
            logger = l instanceof ch.qos.logback.classic.Logger lb ? lb : null;
            before = logger == null ? null : logger.getLevel();
            if (logger != null) logger.setLevel(ch.qos.logback.classic.Level.WARN);
        }

        @Override
        public void close() {
            if (logger != null) logger.setLevel(before);
        }
    }

    /** A one-line progress bar redrawn in place on stderr ({@code \r}), with plant time and speed. */
    static final class ProgressBar implements Simulation.Progress {
        private final PrintWriter err;
        private final long t0 = System.nanoTime();
        private int lastPermille = -1;

        ProgressBar(PrintWriter err) { this.err = err; }

        @Override
        public void update(long done, long total, long plantTimeMs) {
            int permille = total == 0 ? 1000 : (int) (done * 1000 / total);
            if (permille == lastPermille) return;
            lastPermille = permille;
            int width = 30, filled = permille * width / 1000;
            double wallS = (System.nanoTime() - t0) / 1e9;
            double speed = wallS > 0 ? plantTimeMs / 1000.0 / wallS : 0;
            err.printf(Locale.ROOT, "\r[%s%s] %5.1f %%  plant %7.2f h  %,8.0fx real time", "#".repeat(filled), ".".repeat(width - filled),
                    permille / 10.0, plantTimeMs / 3.6e6, speed);
            err.flush();
        }

        void done() {
            err.println();
            err.flush();
        }
    }
}
