package io.hilbench.rig;

import io.hilbench.fluid.Co2Tables;
import io.hilbench.plant.co2.Co2HeatPumpParameters;
import io.hilbench.plant.co2.Co2HeatPumpPlant;
import io.hilbench.plant.PlantModel;
import io.hilbench.plant.SignalCatalogue;
import io.hilbench.plant.site.SolrodPlant;
import io.hilbench.plant.site.SolrodPlantParameters;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The plant models a rig can name in {@code plant.model}:
 * <ul>
 *   <li>{@code solrod}: the whole Solrød plant ({@link SolrodPlant}: tank, solar field, network, CHP, weather,
 *       dispatcher) around the transcritical CO2 heat pump ({@link Co2HeatPumpPlant}); plant-models/solrod/.</li>
 *   <li>{@code co2-heat-pump}: the CO2 heat pump alone, its external inputs (weather, DH return, tank bottom)
 *       set directly; plant-models/co2-heat-pump/.</li>
 * </ul>
 * {@code first-heat-pump}, the first, simple heat pump of session 1, is retired (issue #15 item 8): a rig that names it is
 * refused with a message that points to {@code co2-heat-pump}, which offers all its names.
 */
public final class PlantModels {
    public static final String SOLROD = "solrod";
    public static final String CO2_HEAT_PUMP = "co2-heat-pump";
    /** Retired (issue #15 item 8); named only to refuse it clearly. */
    public static final String RETIRED_FIRST_HEAT_PUMP = "first-heat-pump";
    /** Every model name a rig may give. */
    public static final java.util.List<String> NAMES = java.util.List.of(SOLROD, CO2_HEAT_PUMP);

    private PlantModels() {}

    /**
     * The plant-models/ folders that document a model and hold its parameters: the model's own and those of the
     * components it is built from (the evidence bundle carries them all, DESIGN §10).
     */
    public static java.util.List<String> documentation(String model) {
        return switch (model) {
            case SOLROD -> java.util.List.of(SOLROD, CO2_HEAT_PUMP, "co2-properties", "tank", "solar-field", "dh-network", "biogas-chp", "weather");
            case CO2_HEAT_PUMP -> java.util.List.of(CO2_HEAT_PUMP, "co2-properties");
            default -> throw new IllegalArgumentException(unknownModel(model));
        };
    }

    /**
     * A fresh plant for the rig's model, with the parameters of the rig's {@code plant.parameters} file when it names
     * one (else the Java {@code solrodDefaults()}): for {@code solrod} that file holds the rest of the plant
     * ({@link SolrodPlantParameters}) and the heat pump's are read from {@code ../co2-heat-pump/parameters.yaml} next
     * to it (plant-models/ keeps one folder per model); for {@code co2-heat-pump} it holds
     * {@link Co2HeatPumpParameters}. The first heat pump takes no file. The rig's {@code plant.overrides} and a run's
     * {@code --plant-param} ({@link Rig#withRunOverrides}) are applied over the files ({@link #parameters}).
     *
     * @throws IllegalArgumentException a parameter file with errors (each with file, line and field), or an unknown model
     */
    public static PlantModel create(Rig rig) {
        String model = rig.plant().model();
        if (rig.plant().parameters() == null && rig.plant().overrides().isEmpty()) return create(model);
        Parameters p;
        try {
            p = parameters(rig);
        } catch (RigException e) {
            throw new IllegalArgumentException("plant parameters of rig " + rig.name() + ":\n" + e.getMessage(), e);
        }
        return switch (model) {
            case SOLROD -> new SolrodPlant(new Co2HeatPumpPlant(p.heatPump(), Co2Tables.plantDefault()), p.site());
            case CO2_HEAT_PUMP -> new Co2HeatPumpPlant(p.heatPump(), Co2Tables.plantDefault());
            default -> create(model);
        };
    }

    /** Key prefix of the heat pump's parameters (plant-models/co2-heat-pump/parameters.yaml). */
    public static final String HEAT_PUMP_PREFIX = "heatPump";
    /** Key prefix of the rest of the Solrød plant's parameters (plant-models/solrod/parameters.yaml). */
    public static final String SITE_PREFIX = "site";

    /**
     * The parameter records a rig's plant runs with: its parameter files with its overrides applied.
     *
     * @param heatPump the heat pump's ({@link Co2HeatPumpParameters}); null for the first heat pump
     * @param site     the rest of the Solrød plant ({@link SolrodPlantParameters}); null unless the model is solrod
     */
    public record Parameters(Co2HeatPumpParameters heatPump, SolrodPlantParameters site) {}

    /**
     * One override resolved to the file it addresses.
     *
     * @param parameter the parameter's full key, prefix included: {@code heatPump.gasCooler.co2SideUaNominalWPerK}
     * @param prefix    {@value #HEAT_PUMP_PREFIX} or {@value #SITE_PREFIX}
     * @param path      the dotted path inside that file's record
     * @param override  the override in force (the last one given for this parameter)
     * @param replaced  earlier overrides of the same parameter it replaced (a rig's, by a run's), oldest first
     */
    public record Resolved(String parameter, String prefix, String path, PlantOverride override, List<PlantOverride> replaced) {}

    /**
     * The parameter records of the rig's plant: the files named by {@code plant.parameters} (for {@code solrod} the
     * rest of the plant and, next to it, the heat pump's) with the rig's and the run's overrides
     * ({@link Rig.PlantReference#overrides()}) applied and checked exactly as the files are. Without a parameter file
     * the model's code defaults ({@code solrodDefaults()}), which take no overrides.
     *
     * @throws RigException every error of the files and the overrides, each naming its file and line (or
     *                      {@code --plant-param KEY}) and the field
     */
    public static Parameters parameters(Rig rig) throws RigException {
        String model = rig.plant().model();
        Path file = rig.plant().parameters();
        // keys that name no parameter file are reported with whatever the files say about the others
        List<RigError> keyErrors = new java.util.ArrayList<>();
        List<Resolved> resolved = resolve(model, rig.plant().overrides(), keyErrors);
        if (file == null) {
            if (!keyErrors.isEmpty()) throw new RigException(keyErrors);
            if (!resolved.isEmpty()) {
                PlantOverride o = resolved.get(0).override();
                throw new RigException(List.of(new RigError(o.file(), o.line(), o.key(),
                        "overrides apply to the plant's parameter files, and rig " + rig.name() + " names none (plant.parameters)")));
            }
            return switch (model) {
                case SOLROD -> new Parameters(Co2HeatPumpParameters.solrodDefaults(), SolrodPlantParameters.solrodDefaults());
                case CO2_HEAT_PUMP -> new Parameters(Co2HeatPumpParameters.solrodDefaults(), null);
                default -> new Parameters(null, null);
            };
        }
        List<PlantParameterFile.Applied> heatPump = new java.util.ArrayList<>();
        List<PlantParameterFile.Applied> site = new java.util.ArrayList<>();
        for (Resolved r : resolved) (r.prefix().equals(HEAT_PUMP_PREFIX) ? heatPump : site).add(new PlantParameterFile.Applied(r.path(), r.override()));
        return switch (model) {
            case SOLROD -> {
                List<RigError> errors = new java.util.ArrayList<>(keyErrors);
                Co2HeatPumpParameters hp = readCollecting(heatPumpFileNextTo(file), Co2HeatPumpParameters.class, heatPump, errors);
                SolrodPlantParameters sp = readCollecting(file, SolrodPlantParameters.class, site, errors);
                if (!errors.isEmpty()) throw new RigException(errors);
                yield new Parameters(hp, sp);
            }
            case CO2_HEAT_PUMP -> {
                List<RigError> errors = new java.util.ArrayList<>(keyErrors);
                Co2HeatPumpParameters hp = readCollecting(file, Co2HeatPumpParameters.class, heatPump, errors);
                if (!errors.isEmpty()) throw new RigException(errors);
                yield new Parameters(hp, null);
            }
            default -> throw new RigException(List.of(new RigError(file.toString(), 0, "plant.model", unknownModel(model))));
        };
    }

    /**
     * Checks every corner of the rig (rig.yaml {@code corners:}, issue #17 item 3) as its plant would be built: the
     * parameter files with the rig's overrides and the corner's. An error of a corner's override names rig.yaml's line
     * and the field {@code corners.<name>.overrides.<key>}; errors the corners share (the files, the rig's own overrides)
     * are reported once.
     *
     * @param names the corners to check (null: all the rig defines)
     * @throws RigException every error found
     */
    public static void checkCorners(Rig rig, List<String> names) throws RigException {
        java.util.Set<RigError> errors = new java.util.LinkedHashSet<>();
        for (Corner c : rig.plant().corners()) {
            if (names != null && !names.contains(c.name())) continue;
            try {
                parameters(rig.atCorner(c.name()));
            } catch (RigException e) {
                for (RigError err : e.errors()) {
                    PlantOverride mine = c.overrides().stream().filter(o -> o.file().equals(err.file()) && o.line() == err.line()).findFirst().orElse(null);
                    errors.add(mine == null ? err : new RigError(err.file(), err.line(), "corners." + c.name() + ".overrides." + err.field(), err.message()));
                }
            }
        }
        if (!errors.isEmpty()) {
            List<RigError> sorted = new java.util.ArrayList<>(errors);
            sorted.sort(RigError.BY_LOCATION);
            throw new RigException(sorted);
        }
    }

    /** The file read with its overrides, or null with its errors added to {@code errors} (every file's errors are reported together). */
    private static <T extends Record> T readCollecting(Path file, Class<T> type, List<PlantParameterFile.Applied> overrides, List<RigError> errors) {
        try {
            return PlantParameterFile.read(file, type, overrides);
        } catch (RigException e) {
            errors.addAll(e.errors());
            return null;
        }
    }

    /**
     * The overrides in force after precedence (a later one for the same parameter wins: a run's over a rig's), each
     * resolved to its file. A key names its file with a prefix, {@code heatPump.} (the CO2 heat pump,
     * plant-models/co2-heat-pump/parameters.yaml) or {@code site.} (the rest of the Solrød plant,
     * plant-models/solrod/parameters.yaml), or without one when its first part is a parameter of exactly one of the
     * model's files ({@code gasCooler.co2SideUaNominalWPerK} is the heat pump's); a key both files have
     * ({@code waterDensityKgPerM3}) is an error that asks for the prefix, never a guess. Only the first part is
     * checked here; the rest is checked against the record when the file is read.
     *
     * @throws RigException every key that names no file, an unknown first part or an ambiguous one
     */
    public static List<Resolved> resolve(String model, List<PlantOverride> overrides) throws RigException {
        List<RigError> errors = new java.util.ArrayList<>();
        List<Resolved> resolved = resolve(model, overrides, errors);
        if (!errors.isEmpty()) throw new RigException(errors);
        return resolved;
    }

    /** {@link #resolve(String, List)} with its errors added to {@code errors}; the overrides without error resolved. */
    private static List<Resolved> resolve(String model, List<PlantOverride> overrides, List<RigError> errors) {
        Map<String, Class<? extends Record>> files = new LinkedHashMap<>();
        switch (model) {
            case SOLROD -> {
                files.put(HEAT_PUMP_PREFIX, Co2HeatPumpParameters.class);
                files.put(SITE_PREFIX, SolrodPlantParameters.class);
            }
            case CO2_HEAT_PUMP -> files.put(HEAT_PUMP_PREFIX, Co2HeatPumpParameters.class);
            default -> { }
        }
        Map<String, Resolved> inForce = new LinkedHashMap<>();
        for (PlantOverride o : overrides) {
            String key = o.key();
            int dot = key.indexOf('.');
            String first = dot < 0 ? key : key.substring(0, dot);
            String prefix;
            String path;
            if ((first.equals(HEAT_PUMP_PREFIX) || first.equals(SITE_PREFIX)) && dot > 0) {
                if (!files.containsKey(first)) {
                    errors.add(new RigError(o.file(), o.line(), key, "plant model " + model + " has no " + first + " parameters"
                            + (files.isEmpty() ? " (it takes no parameter overrides)" : " (its files: " + String.join(", ", files.keySet()) + ")")));
                    continue;
                }
                prefix = first;
                path = key.substring(dot + 1);
            } else {
                List<String> having = new java.util.ArrayList<>();
                for (Map.Entry<String, Class<? extends Record>> f : files.entrySet()) {
                    for (java.lang.reflect.RecordComponent c : f.getValue().getRecordComponents()) if (c.getName().equals(first)) having.add(f.getKey());
                }
                if (having.isEmpty()) {
                    StringBuilder known = new StringBuilder();
                    for (Map.Entry<String, Class<? extends Record>> f : files.entrySet()) {
                        List<String> names = new java.util.ArrayList<>();
                        for (java.lang.reflect.RecordComponent c : f.getValue().getRecordComponents()) names.add(c.getName());
                        known.append(known.length() == 0 ? "" : "; ").append(f.getKey()).append(".: ").append(String.join(", ", names));
                    }
                    errors.add(new RigError(o.file(), o.line(), key, files.isEmpty() ? "plant model " + model + " takes no parameter overrides"
                            : "unknown parameter '" + first + "' (known: " + known + ")"));
                    continue;
                }
                if (having.size() > 1) {
                    List<String> choices = new java.util.ArrayList<>();
                    for (String h : having) choices.add(h + "." + key);
                    errors.add(new RigError(o.file(), o.line(), key, "ambiguous: both the heat pump's and the rest of the plant's parameter files have '"
                            + first + "'; write " + String.join(" or ", choices)));
                    continue;
                }
                prefix = having.get(0);
                path = key;
            }
            String parameter = prefix + "." + path;
            Resolved before = inForce.remove(parameter);
            List<PlantOverride> replaced = new java.util.ArrayList<>();
            if (before != null) {
                replaced.addAll(before.replaced());
                replaced.add(before.override());
            }
            inForce.put(parameter, new Resolved(parameter, prefix, path, o, List.copyOf(replaced)));
        }
        return List.copyOf(inForce.values());
    }

    /**
     * The overrides in force as the evidence manifest records them: one entry per parameter, {@code key} (the full
     * key), {@code value}, {@code source} ({@code rigs/solrod/rig.yaml:14} or {@code --plant-param KEY}) and, when it
     * replaced others, {@code replaced} (their values and sources).
     */
    public static List<Map<String, Object>> describe(List<Resolved> resolved) {
        List<Map<String, Object>> out = new java.util.ArrayList<>();
        for (Resolved r : resolved) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("key", r.parameter());
            m.put("value", r.override().value());
            m.put("source", r.override().source());
            if (!r.replaced().isEmpty()) {
                List<String> replaced = new java.util.ArrayList<>();
                for (PlantOverride o : r.replaced()) replaced.add(o.value() + " (" + o.source() + ")");
                m.put("replaced", replaced);
            }
            out.add(m);
        }
        return out;
    }

    /** The heat pump's parameter file of the whole Solrød plant: {@code ../co2-heat-pump/parameters.yaml} from its own. */
    public static Path heatPumpFileNextTo(Path solrodParameters) {
        Path dir = solrodParameters.toAbsolutePath().normalize().getParent();
        return dir.resolveSibling(CO2_HEAT_PUMP).resolve("parameters.yaml");
    }

    /** Plant-model folders whose {@code parameters.yaml} ships inside the bench jar (pom.xml packages plant-models/*&#47;parameters.yaml). */
    public static final List<String> BUNDLED_PARAMETERS = List.of(SOLROD, CO2_HEAT_PUMP);

    /** The folder the bundled parameter files are copied to, once per process (null until first needed). */
    private static Path bundledDir;

    /**
     * The bundled copy of {@code plant-models/<folder>/parameters.yaml} as a file on disk, or empty when the jar holds
     * none for that folder. The bundled files are copied out once per process into one temporary folder that keeps the
     * plant-models/ layout (one folder per model), so {@link #heatPumpFileNextTo} finds the heat pump's file beside the
     * Solrød plant's, and the evidence bundle copies the very bytes the plant ran with.
     *
     * @throws IllegalStateException the jar's copy cannot be written out
     */
    public static synchronized java.util.Optional<Path> bundledParameters(String folder) {
        if (!BUNDLED_PARAMETERS.contains(folder)) return java.util.Optional.empty();
        try {
            if (bundledDir == null) {
                Path dir = java.nio.file.Files.createTempDirectory("hilbench-bundled-plant-models-");
                for (String f : BUNDLED_PARAMETERS) {
                    try (java.io.InputStream in = PlantModels.class.getResourceAsStream("/plant-models/" + f + "/parameters.yaml")) {
                        if (in == null) continue;
                        java.nio.file.Files.createDirectories(dir.resolve(f));
                        java.nio.file.Files.copy(in, dir.resolve(f).resolve("parameters.yaml"));
                    }
                }
                bundledDir = dir;
            }
        } catch (java.io.IOException e) {
            throw new IllegalStateException("cannot copy out the bench's bundled plant parameters: " + e.getMessage(), e);
        }
        Path file = bundledDir.resolve(folder).resolve("parameters.yaml");
        return java.nio.file.Files.isRegularFile(file) ? java.util.Optional.of(file) : java.util.Optional.empty();
    }

    /** Whether {@code file} is one of the bench's bundled parameter files ({@link #bundledParameters}). */
    public static synchronized boolean isBundled(Path file) {
        return file != null && bundledDir != null && file.toAbsolutePath().normalize().startsWith(bundledDir.toAbsolutePath().normalize());
    }

    public static PlantModel create(String model) {
        return switch (model) {
            case SOLROD -> new SolrodPlant(new Co2HeatPumpPlant());
            case CO2_HEAT_PUMP -> new Co2HeatPumpPlant();
            default -> throw new IllegalArgumentException(unknownModel(model));
        };
    }

    /** The message for a model name that is not served: a retired one says what replaces it. */
    public static String unknownModel(String model) {
        if (RETIRED_FIRST_HEAT_PUMP.equals(model)) {
            return "plant model '" + model + "' is retired (issue #15): use co2-heat-pump (the CO2 heat pump alone, it offers every "
                    + "name first-heat-pump offered) or solrod (the whole plant)";
        }
        return "unknown plant model '" + model + "' (known: " + String.join(", ", NAMES) + ")";
    }

    /** The outputs and inputs a model offers for binding, for rig validation. */
    public static SignalCatalogue catalogue(String model) {
        return create(model).catalogue();
    }
}
