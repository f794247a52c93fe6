package io.hilbench.rig;

import com.fasterxml.jackson.core.JsonToken;
import io.hilbench.plant.SignalCatalogue;
import io.hilbench.points.BaseType;
import io.hilbench.points.BenchVariable;
import io.hilbench.points.Binding;
import io.hilbench.points.ModbusLayout;
import io.hilbench.points.PointDefinition;
import io.hilbench.points.PointKind;
import io.hilbench.rig.ControllerSection.AlarmRef;
import io.hilbench.rig.ControllerSection.Command;
import io.hilbench.rig.ControllerSection.CommandName;
import io.hilbench.rig.ControllerSection.Protocol;
import io.hilbench.rig.ControllerSection.Semantics;
import io.hilbench.rig.ControllerSection.SetpointName;
import io.hilbench.rig.ControllerSection.StateTable;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Loads a rig folder ({@code rig.yaml} and the point maps it names) and validates all of it, reporting every error
 * as {@code file:line: field <name>: message} in one {@link RigException}. The format is documented in
 * {@code rigs/README.md}; keep the two in step.
 *
 * <p>What is checked: the YAML syntax, unknown and missing keys, value types and ranges; each point-map row
 * ({@link PointMapReader}); across rows: duplicate tags (all maps), overlapping registers
 * ({@link ModbusLayout#findOverlaps}), bindings the plant's {@link SignalCatalogue} does not offer, two actuators
 * writing one plant input, one bench variable bound twice; the bench points lockstep and the watchdog need; the
 * loopback rules of DESIGN §6 (trust_all_clients and SecurityPolicy None); and that every point the controller
 * section names exists in the controller map with a fitting kind and type.
 */
public final class RigLoader {
    /** The file a rig folder holds its settings in. */
    public static final String RIG_FILE = "rig.yaml";

    /**
     * Floor of {@code opcua.limits.max_message_bytes}: Milo 1.1.2 decodes its own standard nodeset under the server's
     * encoding limits, and a 64 KiB limit stopped the server at startup (OpcUaHardeningTest); 1 MiB is what is
     * tested to start (RigOpcUaLimitsTest).
     */
    static final int MIN_OPCUA_MESSAGE_BYTES = 1 << 20;
    private static final Pattern ENV_VAR = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final Pattern BIT_REF = Pattern.compile("(.+)\\.bit(\\d+)");
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.\\-]*");
    private static final Pattern HOSTNAME = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9\\-]*[A-Za-z0-9])?(\\.[A-Za-z0-9]([A-Za-z0-9\\-]*[A-Za-z0-9])?)*");
    private static final Pattern IPV4 = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})");

    private static Set<String> keys(String... k) {
        return new LinkedHashSet<>(Arrays.asList(k));
    }

    private static final Set<String> TOP = keys("name", "site", "description", "plant", "step_ms", "seed", "point_maps",
            "modbus", "opcua", "watchdog", "lockstep", "realtime", "controller", "console", "corners");
    /** A corner's name: it becomes part of trace file names (issue #17 item 3). */
    private static final Pattern CORNER_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_\\-]*");

    private RigLoader() {}

    /** Loads the rig with the catalogue of the Solrød plant model (the only model so far), for callers that hold no plant. */
    public static Rig loadDefault(Path dir) throws RigException {
        return load(dir, PlantModels.catalogue("solrod"));
    }

    /**
     * Loads and validates a rig.
     *
     * @param dir       the rig folder (or its rig.yaml)
     * @param catalogue the outputs and inputs of the plant model the rig runs; {@code plant.*} and {@code input.*}
     *                  bindings must name one of them
     * @throws RigException with every error found, ordered by file and line
     */
    public static Rig load(Path dir, SignalCatalogue catalogue) throws RigException {
        return new Run(dir, catalogue).load();
    }

    /** One load: the errors found so far and the rig folder. */
    private static final class Run {
        private final Path dir;
        private final Path rigFile;
        private final String rigName;
        private final SignalCatalogue catalogue;
        private final List<RigError> errors = new ArrayList<>();
        private Set<String> brokenControllerTags = Set.of();

        Run(Path dirOrFile, SignalCatalogue catalogue) {
            boolean isFile = Files.isRegularFile(dirOrFile);
            this.dir = isFile ? (dirOrFile.getParent() == null ? Path.of(".") : dirOrFile.getParent()) : dirOrFile;
            this.rigFile = isFile ? dirOrFile : dirOrFile.resolve(RIG_FILE);
            this.rigName = rigFile.toString();
            this.catalogue = catalogue;
        }

        private RigException fail() {
            List<RigError> sorted = new ArrayList<>(errors);
            sorted.sort(RigError.BY_LOCATION);
            return new RigException(sorted);
        }

        Rig load() throws RigException {
            if (!Files.isDirectory(dir)) {
                errors.add(new RigError(rigName, 0, "file", "rig folder " + dir + " does not exist"));
                throw fail();
            }
            if (!Files.isRegularFile(rigFile)) {
                errors.add(new RigError(rigName, 0, "file", "no " + RIG_FILE + " in " + dir));
                throw fail();
            }
            YamlNode root;
            try (Reader r = Files.newBufferedReader(rigFile, StandardCharsets.UTF_8)) {
                root = YamlNode.parse(r, rigName, errors);
            } catch (IOException e) {
                errors.add(new RigError(rigName, 0, "file", "cannot read: " + e.getMessage()));
                throw fail();
            }
            if (root == null) throw fail();
            if (!(root instanceof YamlNode.Mapping rootMap)) {
                errors.add(new RigError(rigName, root.line(), "yaml", "a rig file is a mapping of keys (name:, plant:, ...), not " + root.describe()));
                throw fail();
            }
            Section top = new Section(rigName, "", 1, rootMap, errors, TOP);

            String name = top.text("name", true, "rig", "the rig's name");
            if (top.has("name") && !NAME.matcher(name).matches()) {
                top.error("name", "'" + name + "' may hold only letters, digits, '-', '_' and '.' (it names the PKI folder)");
            }
            String site = top.text("site", false, "", "the site the rig stands for");
            String description = top.text("description", false, "", "free text");
            Rig.PlantReference plant = plant(top);
            List<Corner> corners = corners(top, plant);
            if (!corners.isEmpty()) plant = new Rig.PlantReference(plant.model(), plant.parameters(), plant.overrides(), corners);
            int stepMs = (int) top.integer("step_ms", false, 100, 1, 60_000, "plant time per step in ms");
            long seed = top.integer("seed", false, 0, Long.MIN_VALUE, Long.MAX_VALUE, "random seed");

            Rig.ModbusServer modbus = modbus(top.section("modbus", true, keys("bind", "port", "max_connections")));
            Rig.OpcUaServer opcua = opcua(top.section("opcua", true, keys("bind", "port", "path", "namespace_uri",
                    "security_policies", "allow_none", "trust_all_clients", "pki_dir", "anonymous", "users_file", "limits", "replicas",
                    "replica_folders")), name);

            Section wd = top.section("watchdog", false, keys("enabled", "timeout_s"));
            Rig.Watchdog watchdog = new Rig.Watchdog(wd == null || wd.bool("enabled", true),
                    wd == null ? 5.0 : wd.positive("timeout_s", 5.0, "seconds of plant time without a heartbeat change"));
            Section ls = top.section("lockstep", false, keys("enabled", "ack_timeout_s", "supervisory_every_steps"));
            Rig.Lockstep lockstep = new Rig.Lockstep(ls == null || ls.bool("enabled", true),
                    ls == null ? 10.0 : ls.positive("ack_timeout_s", 10.0, "wall seconds to wait for the Ack"),
                    ls == null ? 1 : (int) ls.integer("supervisory_every_steps", false, 1, 1, 1_000_000, "steps between reads of the controller's state"));
            Section rt = top.section("realtime", false, keys("lateness_p99_limit_ms"));
            Rig.Realtime realtime = new Rig.Realtime(rt == null ? 1.0 : rt.positive("lateness_p99_limit_ms", 1.0, "p99 step lateness limit"));
            Section cs = top.section("console", false, keys("bind", "port"));
            Rig.Console console = cs == null ? Rig.Console.defaults()
                    : new Rig.Console(bindAddress(cs), (int) cs.integer("port", false, Rig.Console.DEFAULT_PORT, 0, 65535, "console HTTP port, 0 = any free port"));

            // plant point maps
            List<Path> mapFiles = new ArrayList<>();
            List<PointDefinition> points = new ArrayList<>();
            java.util.Map<String, io.hilbench.points.SensorAccuracy> accuracy = new java.util.LinkedHashMap<>();
            Set<String> incomplete = new java.util.HashSet<>();
            boolean allMapsRead = true;
            List<YamlNode> maps = top.list("point_maps", true, "the plant point-map CSV files");
            if (maps != null && maps.isEmpty()) top.error("point_maps", "names no point map");
            if (maps != null) {
                PointMapReader reader = new PointMapReader(PointMapReader.Role.PLANT);
                for (YamlNode item : maps) {
                    Path file = mapFile(item, "point_maps");
                    if (file == null) {
                        allMapsRead = false;
                        continue;
                    }
                    mapFiles.add(file);
                    PointMapReader.Result result = reader.read(file, file.toString());
                    errors.addAll(result.errors());
                    points.addAll(result.points());
                    accuracy.putAll(result.accuracy());
                    incomplete.addAll(result.incomplete());
                    allMapsRead &= result.complete();
                }
            }
            checkPlantPoints(points, top, lockstep, watchdog, maps != null && allMapsRead, incomplete);
            if (maps != null && allMapsRead) checkSensorTags(points, accuracy);

            Optional<ControllerSection> controller = Optional.ofNullable(controller(top, points));

            if (!errors.isEmpty()) throw fail();
            return new Rig(name, site, description, dir, plant, stepMs, seed, mapFiles, points, modbus, opcua,
                    watchdog, lockstep, realtime, controller, console);
        }

        private Path mapFile(YamlNode item, String field) {
            if (!(item instanceof YamlNode.Scalar s) || s.token() != JsonToken.VALUE_STRING || s.text().isBlank()) {
                errors.add(new RigError(rigName, item.line(), field, "must be a file name, was " + item.describe()));
                return null;
            }
            Path file = dir.resolve(s.text().trim());
            if (!Files.isRegularFile(file)) {
                errors.add(new RigError(rigName, item.line(), field, "point map " + s.text().trim() + " not found in " + dir));
                return null;
            }
            return file;
        }

        private Rig.PlantReference plant(Section top) {
            Section p = top.section("plant", true, keys("model", "parameters", "overrides"));
            if (p == null) return new Rig.PlantReference("", null);
            String model = p.text("model", true, "", "folder name under plant-models/");
            if (p.has("model") && !NAME.matcher(model).matches()) {
                p.error("model", "'" + model + "' is not a folder name (letters, digits, '-', '_', '.')");
            }
            Path parameters = null;
            String params = p.text("parameters", false, null, "parameter file, relative to the rig folder");
            if (params != null) {
                parameters = dir.resolve(params);
                if (!Files.isRegularFile(parameters)) {
                    // a rig copied out of rigs/ loses ../../plant-models/: a path that names a bundled model's
                    // parameters.yaml falls back to the copy inside the bench jar, and says so
                    java.util.Optional<Path> bundled = bundledFallback(params);
                    if (bundled.isPresent()) {
                        System.err.println("rig " + dir.resolve(RIG_FILE) + ": plant.parameters " + params + " not found in " + dir
                                + "; using the bench's bundled plant-models/" + bundled.get().getParent().getFileName() + "/parameters.yaml (" + bundled.get() + ")");
                        parameters = bundled.get();
                    } else {
                        p.error("parameters", "parameter file " + params + " not found in " + dir);
                    }
                }
            }
            List<PlantOverride> overrides = new ArrayList<>();
            YamlNode.Mapping table = p.table("overrides", false, "parameter keys (e.g. gasCooler.co2SideUaNominalWPerK) and their values");
            if (table != null) {
                overridesOf(table, "", p.file, overrides, "plant.overrides");
                if (!overrides.isEmpty() && parameters == null) {
                    p.error("overrides", "overrides apply to the parameter files: give plant.parameters too");
                }
            }
            // the keys and values are checked against the parameter records when the plant is built (PlantModels.parameters)
            return new Rig.PlantReference(model, parameters, overrides);
        }

        /**
         * The bundled parameter file a missing {@code plant.parameters} path stands for: only a path ending in
         * {@code plant-models/<folder>/parameters.yaml} of a folder the jar bundles; any other missing file stays an error.
         */
        private static java.util.Optional<Path> bundledFallback(String params) {
            Path rel = Path.of(params).normalize();
            int n = rel.getNameCount();
            if (n < 3 || !rel.getName(n - 1).toString().equals("parameters.yaml") || !rel.getName(n - 3).toString().equals("plant-models")) {
                return java.util.Optional.empty();
            }
            return PlantModels.bundledParameters(rel.getName(n - 2).toString());
        }

        /**
         * The rig's parameter corners ({@code corners:}, issue #17 item 3): per name a mapping of {@code description},
         * {@code source} (why these values) and {@code overrides} (parameter keys and values, as {@code plant.overrides}).
         * The keys and values are checked against the parameter records when a corner's plant is built, and by
         * {@code bench check-rig} and {@code bench run --corners} before anything runs ({@link PlantModels#checkCorners}).
         */
        private List<Corner> corners(Section top, Rig.PlantReference plant) {
            YamlNode.Mapping table = top.table("corners", false, "corner names and their description, source and overrides");
            if (table == null) return List.of();
            List<Corner> out = new ArrayList<>();
            for (YamlNode.Entry e : table.entries().values()) {
                String name = e.key();
                String field = "corners." + name;
                if (!CORNER_NAME.matcher(name).matches()) {
                    errors.add(new RigError(rigName, e.keyLine(), field, "'" + name + "' is not a corner name (letters, digits, '-', '_': it names trace files)"));
                    continue;
                }
                if (name.equals(Corner.NOMINAL)) {
                    errors.add(new RigError(rigName, e.keyLine(), field, "'" + Corner.NOMINAL + "' is the rig without a corner's overrides; a rig may not define it"));
                    continue;
                }
                if (!(e.value() instanceof YamlNode.Mapping m)) {
                    errors.add(new RigError(rigName, e.keyLine(), field, "must be a mapping of description, source, overrides, was " + e.value().describe()));
                    continue;
                }
                Section c = new Section(rigName, field, e.keyLine(), m, errors, keys("description", "source", "overrides", "sensors"));
                String description = c.text("description", false, "", "what the corner stands for");
                String source = c.text("source", true, "", "where its bounds come from: a datasheet, a standard, a note");
                SensorCorner sensors = sensors(c);
                List<PlantOverride> overrides = new ArrayList<>();
                YamlNode.Mapping o = c.table("overrides", sensors == null, "parameter keys (e.g. gasCooler.co2SideUaNominalWPerK) and their values");
                if (o != null) {
                    int before = errors.size();
                    overridesOf(o, "", rigName, overrides, field + ".overrides");
                    if (overrides.isEmpty() && errors.size() == before) c.error("overrides", "a corner sets at least one parameter");
                    if (!overrides.isEmpty() && plant.parameters() == null) c.error("overrides", "corner overrides apply to the parameter files: give plant.parameters too");
                }
                out.add(new Corner(name, description, source, overrides, e.keyLine(), sensors));
            }
            return out;
        }

        /** The overrides of a {@code plant.overrides} mapping: dotted keys, or nested mappings read as dotted keys. */
        /** Per-tag sensor offsets of the corners, checked against the point maps once they are read: tag, line, field. */
        private final List<String[]> sensorTags = new ArrayList<>();

        /**
         * A corner's {@code sensors:} (issue #17 item 3): {@code offset} and {@code noise} in multiples of each sensor's
         * accuracy class, {@code tags:} per-tag offsets; within the class, so offsets −1…+1 and noise 0…1.
         */
        private SensorCorner sensors(Section c) {
            Section s = c.section("sensors", false, keys("offset", "noise", "tags"));
            if (s == null) return null;
            String within = "multiples of each sensor's accuracy class, -1..+1: within the class";
            double offset = s.number("offset", 0.0, -1.0, 1.0, within);
            double noise = s.number("noise", 0.0, 0.0, 1.0, "noise standard deviation in multiples of each sensor's accuracy class, 0..1");
            java.util.Map<String, Double> tags = new java.util.LinkedHashMap<>();
            YamlNode.Mapping t = s.table("tags", false, "tags of sensor points and their offsets in multiples of the accuracy class");
            if (t != null) {
                Section ts = new Section(s.file, s.key("tags"), s.line("tags"), t, errors, t.entries().keySet());
                for (String tag : t.entries().keySet()) {
                    int before = errors.size();
                    double v = ts.number(tag, Double.NaN, -1.0, 1.0, within);
                    if (errors.size() == before && !Double.isNaN(v)) {
                        tags.put(tag, v);
                        sensorTags.add(new String[] {tag, Integer.toString(ts.line(tag)), ts.key(tag)});
                    }
                }
            }
            if (!s.has("offset") && !s.has("noise") && tags.isEmpty()) s.error("offset", "a sensors corner gives an offset, a noise or tags");
            return new SensorCorner(offset, noise, tags);
        }

        /** Each per-tag sensor offset of a corner names a sensor point with an accuracy class. */
        private void checkSensorTags(List<PointDefinition> points, java.util.Map<String, io.hilbench.points.SensorAccuracy> accuracy) {
            java.util.Set<String> tags = new java.util.HashSet<>();
            points.forEach(p -> tags.add(p.tag()));
            for (String[] t : sensorTags) {
                if (!tags.contains(t[0])) errors.add(new RigError(rigName, Integer.parseInt(t[1]), t[2], "no point '" + t[0] + "' in the point maps"));
                else if (!accuracy.containsKey(t[0])) errors.add(new RigError(rigName, Integer.parseInt(t[1]), t[2], "point '" + t[0] + "' has no accuracy class in its point map (column accuracy)"));
            }
        }

        private void overridesOf(YamlNode.Mapping m, String prefix, String file, List<PlantOverride> out, String field) {
            for (YamlNode.Entry e : m.entries().values()) {
                String key = prefix + e.key();
                if (e.value() instanceof YamlNode.Mapping inner) overridesOf(inner, key + ".", file, out, field);
                else if (e.value() instanceof YamlNode.Scalar s) out.add(new PlantOverride(key, s.text(), s.token(), file, e.keyLine()));
                else errors.add(new RigError(file, e.keyLine(), field + "." + key, "expected one value, got " + e.value().describe()));
            }
        }

        private String bindAddress(Section s) {
            String bind = s.text("bind", false, "127.0.0.1", "address to listen on");
            if (!isAddress(bind)) {
                s.error("bind", "'" + bind + "' is not an IP address or host name");
                return "127.0.0.1";
            }
            return bind;
        }

        private Rig.ModbusServer modbus(Section s) {
            if (s == null) return new Rig.ModbusServer("127.0.0.1", 0, 16);
            return new Rig.ModbusServer(bindAddress(s),
                    (int) s.integer("port", true, 0, 0, 65535, "TCP port, 0 = any free port"),
                    (int) s.integer("max_connections", false, 16, 1, 1000, "connections served at once"));
        }

        private Rig.OpcUaServer opcua(Section s, String rigNameValue) {
            if (s == null) {
                return new Rig.OpcUaServer("127.0.0.1", 0, "/hilbench", "urn:hilbench:" + rigNameValue,
                        List.of(Rig.SecurityPolicy.NONE), false, false, defaultPki(rigNameValue), true, null);
            }
            String bind = bindAddress(s);
            boolean loopback = isLoopback(bind);
            int port = (int) s.integer("port", true, 0, 0, 65535, "TCP port, 0 = any free port");
            String path = s.text("path", false, "/hilbench", "endpoint path");
            if (!path.startsWith("/") || path.contains(" ")) s.error("path", "endpoint path '" + path + "' must start with '/' and hold no spaces");
            String ns = s.text("namespace_uri", false, "urn:hilbench:" + rigNameValue, "namespace URI of the point nodes");
            if (!ns.matches("[A-Za-z][A-Za-z0-9+.\\-]*:\\S+")) s.error("namespace_uri", "'" + ns + "' is not a URI (e.g. urn:hilbench:solrod)");

            List<Rig.SecurityPolicy> policies = new ArrayList<>();
            List<YamlNode> list = s.list("security_policies", false, "none and/or basic256sha256");
            if (list == null) {
                policies.add(Rig.SecurityPolicy.NONE);
                policies.add(Rig.SecurityPolicy.BASIC256SHA256);
            } else {
                for (YamlNode n : list) {
                    String t = n instanceof YamlNode.Scalar sc ? sc.text().trim().toLowerCase(Locale.ROOT) : "";
                    Rig.SecurityPolicy p = switch (t) {
                        case "none" -> Rig.SecurityPolicy.NONE;
                        case "basic256sha256" -> Rig.SecurityPolicy.BASIC256SHA256;
                        default -> null;
                    };
                    if (p == null) {
                        errors.add(new RigError(rigName, n.line(), s.key("security_policies"), "unknown security policy "
                                + (n instanceof YamlNode.Scalar ? "'" + t + "'" : n.describe()) + " (expected none or basic256sha256)"));
                    } else if (policies.contains(p)) {
                        errors.add(new RigError(rigName, n.line(), s.key("security_policies"), t + " is listed twice"));
                    } else {
                        policies.add(p);
                    }
                }
                if (list.isEmpty()) s.error("security_policies", "offers no security policy");
            }
            boolean allowNone = s.bool("allow_none", false);
            boolean trustAll = s.bool("trust_all_clients", false);
            if (policies.contains(Rig.SecurityPolicy.NONE) && !loopback && !allowNone) {
                s.error("security_policies", "SecurityPolicy None is refused beyond loopback (bind " + bind
                        + "): remove none, or set allow_none: true to keep it");
            }
            if (trustAll && !loopback) {
                s.error("trust_all_clients", "refused: the server binds " + bind + ", beyond loopback; trust each client"
                        + " certificate with `bench pki trust FILE` instead");
            }
            Path pki = defaultPki(rigNameValue);
            String pkiText = s.text("pki_dir", false, null, "PKI folder");
            if (pkiText != null) pki = expand(pkiText);
            boolean anonymous = s.bool("anonymous", true);
            Rig.UsersSource users = null;
            String usersText = s.text("users_file", false, null, "a users file path or env:VARNAME");
            if (usersText != null) {
                if (usersText.startsWith("env:")) {
                    String var = usersText.substring(4);
                    if (!ENV_VAR.matcher(var).matches()) s.error("users_file", "'" + var + "' is not an environment variable name");
                    users = new Rig.UsersSource(null, var);
                } else {
                    Path f = expand(usersText);
                    if (!Files.isRegularFile(f)) s.error("users_file", "users file " + usersText + " not found");
                    users = new Rig.UsersSource(f, null);
                }
            }
            if (!anonymous && users == null) {
                s.error("anonymous", "anonymous login is off and no users_file is given: nobody could log in");
            }
            return new Rig.OpcUaServer(bind, port, path, ns, policies, allowNone, trustAll, pki, anonymous, users,
                    opcuaLimits(s), opcuaReplicas(s));
        }

        /**
         * {@code opcua.limits}: the server's own resource limits, each key optional with {@link OpcUaLimits#DEFAULTS}'s
         * value; a value out of its range, or a message size the chunks cannot carry, is a file:line:field error.
         */
        private io.hilbench.adapters.opcua.OpcUaLimits opcuaLimits(Section opcuaSection) {
            var d = io.hilbench.adapters.opcua.OpcUaLimits.DEFAULTS;
            Section l = opcuaSection.section("limits", false, keys("max_sessions", "max_subscriptions_per_session",
                    "max_subscriptions", "max_monitored_items_per_session", "max_monitored_items", "max_message_bytes", "max_chunk_count"));
            if (l == null) return d;
            int errorsBefore = errors.size();
            int sessions = (int) l.integer("max_sessions", false, d.maxSessions(), 1, 10_000, "sessions at once");
            int subsPerSession = (int) l.integer("max_subscriptions_per_session", false, d.maxSubscriptionsPerSession(), 1, 10_000,
                    "subscriptions one session may hold");
            int subs = (int) l.integer("max_subscriptions", false, d.maxSubscriptions(), 1, 100_000, "subscriptions at once, all sessions");
            int itemsPerSession = (int) l.integer("max_monitored_items_per_session", false, d.maxMonitoredItemsPerSession(), 1, 10_000_000,
                    "monitored items one session may hold");
            int items = (int) l.integer("max_monitored_items", false, d.maxMonitoredItems(), 1, 10_000_000, "monitored items at once, all sessions");
            // Milo decodes its own standard nodeset under the server's encoding limits: below 1 MiB it did not start
            int bytes = (int) l.integer("max_message_bytes", false, d.maxMessageBytes(), MIN_OPCUA_MESSAGE_BYTES, Integer.MAX_VALUE,
                    "largest message in bytes, all chunks together");
            int chunks = (int) l.integer("max_chunk_count", false, d.maxChunkCount(), 1, 100_000, "most chunks in one message");
            if (errors.size() > errorsBefore) return d; // a value was refused: checks across keys would only repeat it
            if (subs < subsPerSession) {
                l.error("max_subscriptions", "max_subscriptions " + subs + " is below max_subscriptions_per_session " + subsPerSession);
                return d;
            }
            if (items < itemsPerSession) {
                l.error("max_monitored_items", "max_monitored_items " + items + " is below max_monitored_items_per_session " + itemsPerSession);
                return d;
            }
            if ((long) chunks * io.hilbench.adapters.opcua.OpcUaLimits.MAX_CHUNK_BYTES < bytes) {
                l.error(l.has("max_chunk_count") ? "max_chunk_count" : "max_message_bytes", "max_chunk_count " + chunks + " chunks of "
                        + io.hilbench.adapters.opcua.OpcUaLimits.MAX_CHUNK_BYTES + " bytes cannot carry max_message_bytes " + bytes
                        + " (need at least " + ((bytes + io.hilbench.adapters.opcua.OpcUaLimits.MAX_CHUNK_BYTES - 1)
                        / io.hilbench.adapters.opcua.OpcUaLimits.MAX_CHUNK_BYTES) + " chunks)");
                return d;
            }
            return new io.hilbench.adapters.opcua.OpcUaLimits(sessions, subsPerSession, subs, itemsPerSession, items, bytes, chunks);
        }

        /** {@code opcua.replicas} and {@code opcua.replica_folders}: extra read-only copies of points for load tests. */
        private io.hilbench.adapters.opcua.OpcUaReplicas opcuaReplicas(Section s) {
            int errorsBefore = errors.size();
            int count = (int) s.integer("replicas", false, 0, 0, io.hilbench.adapters.opcua.OpcUaReplicas.MAX_COUNT,
                    "extra read-only copies of each selected point");
            boolean countRefused = errors.size() > errorsBefore;
            List<String> folders = new ArrayList<>();
            List<YamlNode> list = s.list("replica_folders", false, "OPC UA folders whose points are copied");
            if (list != null) {
                for (YamlNode n : list) {
                    if (n instanceof YamlNode.Scalar sc && !sc.text().isBlank()) folders.add(sc.text().trim());
                    else errors.add(new RigError(rigName, n.line(), s.key("replica_folders"), "a folder path is expected, e.g. Tank/Nodes"));
                }
                if (count == 0 && !countRefused) s.error("replica_folders", "replica_folders is set but replicas is 0 (nothing would be copied)");
            }
            return new io.hilbench.adapters.opcua.OpcUaReplicas(count, folders);
        }

        private Path defaultPki(String name) {
            return Path.of(System.getProperty("user.home"), ".hilbench", "pki", name);
        }

        /** {@code ~/...} from the home folder, relative paths from the rig folder. */
        private Path expand(String text) {
            if (text.equals("~")) return Path.of(System.getProperty("user.home"));
            if (text.startsWith("~/")) return Path.of(System.getProperty("user.home")).resolve(text.substring(2));
            return dir.resolve(text);
        }

        // ---------------------------------------------------------------- cross-row checks on the plant maps

        /**
         * @param known      every map was read, so a missing bench point is really missing
         * @param incomplete tags and bindings of rows that had errors: their point is not "missing", it is broken
         */
        private void checkPlantPoints(List<PointDefinition> points, Section top, Rig.Lockstep lockstep, Rig.Watchdog watchdog,
                                      boolean known, Set<String> incomplete) {
            checkDuplicateTags(points, new HashMap<>());
            overlaps(points);
            Map<String, PointDefinition> inputWriter = new HashMap<>();
            Map<BenchVariable, PointDefinition> bench = new EnumMap<>(BenchVariable.class);
            for (PointDefinition p : points) {
                Binding b = p.binding();
                switch (b.source()) {
                    case PLANT -> {
                        if (catalogue.outputIndex(b.name()) < 0) {
                            err(p, "binding", "the plant has no output '" + b.name() + "'" + suggest(b.name(), catalogue.outputs()));
                        }
                    }
                    case INPUT -> {
                        if (catalogue.inputIndex(b.name()) < 0) {
                            err(p, "binding", "the plant has no input '" + b.name() + "'" + suggest(b.name(), catalogue.inputs()));
                        } else {
                            PointDefinition first = inputWriter.putIfAbsent(b.name(), p);
                            if (first != null) {
                                err(p, "binding", "plant input '" + b.name() + "' is already written by " + first.tag() + " (" + first.where() + ")");
                            }
                        }
                    }
                    case BENCH -> {
                        BenchVariable v = p.benchVariable();
                        PointDefinition first = v == null ? null : bench.putIfAbsent(v, p);
                        if (first != null) err(p, "binding", "bench." + v.bindingName() + " is already bound by " + first.tag() + " (" + first.where() + ")");
                    }
                    default -> { }
                }
            }
            if (!known) return;
            if (lockstep.enabled()) {
                for (BenchVariable v : List.of(BenchVariable.STEP, BenchVariable.PLANT_TIME_MS, BenchVariable.ACK, BenchVariable.MODE)) {
                    if (!bench.containsKey(v) && !broken(v, incomplete)) {
                        top.error("lockstep", "lockstep needs a point bound to bench." + v.bindingName() + " (" + benchTag(v)
                                + ") in the plant map; add it or set lockstep: {enabled: false}");
                    }
                }
            }
            if (watchdog.enabled() && !bench.containsKey(BenchVariable.HEARTBEAT) && !broken(BenchVariable.HEARTBEAT, incomplete)) {
                top.error("watchdog", "the I/O watchdog needs a point bound to bench.heartbeat (BENCH.Heartbeat) in the"
                        + " plant map; add it or set watchdog: {enabled: false}");
            }
        }

        private static boolean broken(BenchVariable v, Set<String> incomplete) {
            return incomplete.contains("bench." + v.bindingName()) || incomplete.contains(benchTag(v));
        }

        private static String benchTag(BenchVariable v) {
            return "BENCH." + Character.toUpperCase(v.bindingName().charAt(0)) + v.bindingName().substring(1);
        }

        private void checkDuplicateTags(List<PointDefinition> points, Map<String, PointDefinition> seen) {
            for (PointDefinition p : points) {
                PointDefinition first = seen.putIfAbsent(p.tag(), p);
                if (first != null) err(p, "tag", "duplicate tag " + p.tag() + " (first at " + first.where() + ")");
            }
        }

        /** Overlaps come as "file:line: field modbus: message" strings; turn them back into located errors. */
        private void overlaps(List<PointDefinition> points) {
            for (String o : ModbusLayout.findOverlaps(points)) {
                PointDefinition at = null;
                for (PointDefinition p : points) {
                    String prefix = p.where() + ": field modbus: ";
                    if (o.startsWith(prefix) && (at == null || prefix.length() > at.where().length() + 16)) at = p;
                }
                if (at != null) err(at, "modbus", o.substring((at.where() + ": field modbus: ").length()));
                else errors.add(new RigError(rigName, 0, "modbus", o));
            }
        }

        private void err(PointDefinition p, String field, String message) {
            errors.add(new RigError(p.file(), p.line(), field, message));
        }

        private static String suggest(String name, List<String> known) {
            String best = null;
            int bestD = Integer.MAX_VALUE;
            for (String k : known) {
                int d = distance(name.toLowerCase(Locale.ROOT), k.toLowerCase(Locale.ROOT));
                if (d < bestD) {
                    bestD = d;
                    best = k;
                }
            }
            return best != null && bestD <= Math.max(2, name.length() / 4) ? " (did you mean '" + best + "'?)" : "";
        }

        private static int distance(String a, String b) {
            int[] prev = new int[b.length() + 1];
            int[] cur = new int[b.length() + 1];
            for (int j = 0; j <= b.length(); j++) prev[j] = j;
            for (int i = 1; i <= a.length(); i++) {
                cur[0] = i;
                for (int j = 1; j <= b.length(); j++) {
                    cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1));
                }
                int[] t = prev;
                prev = cur;
                cur = t;
            }
            return prev[b.length()];
        }

        // ---------------------------------------------------------------- controller section

        private ControllerSection controller(Section top, List<PointDefinition> plantPoints) {
            Section c = top.section("controller", false, keys("protocol", "endpoint", "mirror_endpoint", "point_map",
                    "commands", "setpoints", "state", "alarms", "identity", "simulation_active"));
            if (c == null) return null;
            int before = errors.size();
            Protocol protocol = null;
            String protocolText = c.text("protocol", true, null, "opcua or modbus");
            if (protocolText != null) {
                switch (protocolText.toLowerCase(Locale.ROOT)) {
                    case "opcua" -> protocol = Protocol.OPCUA;
                    case "modbus" -> protocol = Protocol.MODBUS;
                    default -> c.error("protocol", "unknown protocol '" + protocolText + "' (expected opcua or modbus)");
                }
            }
            String endpoint = c.text("endpoint", true, null, "opc.tcp://host:port/path or modbus-tcp://host:port");
            if (endpoint != null && protocol != null) checkEndpoint(c, "endpoint", endpoint, protocol);
            String mirror = c.text("mirror_endpoint", false, null, "the other protocol's endpoint");
            if (mirror != null && protocol != null) {
                checkEndpoint(c, "mirror_endpoint", mirror, protocol == Protocol.OPCUA ? Protocol.MODBUS : Protocol.OPCUA);
            }

            List<PointDefinition> points = List.of();
            Set<String> brokenTags = Set.of();
            Path mapFile = null;
            String mapText = c.text("point_map", true, null, "the controller map CSV");
            if (mapText != null) {
                mapFile = dir.resolve(mapText);
                if (!Files.isRegularFile(mapFile)) {
                    c.error("point_map", "controller map " + mapText + " not found in " + dir);
                    mapFile = null;
                } else {
                    PointMapReader.Result r = new PointMapReader(PointMapReader.Role.CONTROLLER).read(mapFile, mapFile.toString());
                    errors.addAll(r.errors());
                    points = r.points();
                    brokenTags = r.incomplete();
                    if (!r.complete()) mapFile = null;
                    Map<String, PointDefinition> seen = new HashMap<>();
                    for (PointDefinition p : plantPoints) seen.putIfAbsent(p.tag(), p);
                    checkDuplicateTags(points, seen);
                    overlaps(points);
                }
            }
            Map<String, PointDefinition> byTag = new LinkedHashMap<>();
            for (PointDefinition p : points) byTag.putIfAbsent(p.tag(), p);
            // references are checked only against a map that was read; a row with errors is broken, not missing
            brokenControllerTags = brokenTags;
            boolean mapOk = mapFile != null;

            // commands
            Map<CommandName, Command> commands = new EnumMap<>(CommandName.class);
            Section cmds = c.section("commands", true, keys("start", "stop", "reset", "mode", "reset_to_initial"));
            if (cmds != null) {
                for (CommandName n : CommandName.values()) {
                    boolean required = n == CommandName.START || n == CommandName.STOP || n == CommandName.RESET;
                    Section one = cmds.section(n.key(), required, keys("point", "semantics"));
                    if (one == null) continue;
                    String tag = one.text("point", true, null, "tag in the controller map");
                    String sem = one.text("semantics", true, null, "pulse, level or method");
                    Semantics semantics = null;
                    if (sem != null) {
                        try {
                            semantics = Semantics.valueOf(sem.toUpperCase(Locale.ROOT));
                        } catch (IllegalArgumentException e) {
                            one.error("semantics", "unknown semantics '" + sem + "' (expected pulse, level or method)");
                        }
                    }
                    if (tag == null) continue;
                    PointDefinition p = ref(one, "point", tag, byTag, mapOk, PointKind.COMMAND);
                    if (p != null && semantics == Semantics.METHOD && (protocol != Protocol.OPCUA || p.opcuaPath() == null)) {
                        one.error("semantics", "method semantics calls an OPC UA method: needs protocol opcua and an opcua path on " + tag);
                    }
                    if (p != null && semantics == Semantics.PULSE && (p.isString() || (p.modbus() != null && p.modbus().type().base().isFloat()))) {
                        one.error("semantics", "a pulse writes 1 then 0: " + tag + " must be a bool or an integer");
                    }
                    if (semantics != null) commands.put(n, new Command(tag, semantics));
                }
            }

            // setpoints
            Map<SetpointName, String> setpoints = new EnumMap<>(SetpointName.class);
            Section sps = c.section("setpoints", false, keys("supply_temperature"));
            if (sps != null) {
                for (SetpointName n : SetpointName.values()) {
                    String tag = sps.text(n.key(), false, null, "tag in the controller map");
                    if (tag == null) continue;
                    PointDefinition p = ref(sps, n.key(), tag, byTag, mapOk, PointKind.SETPOINT);
                    if (p != null && (p.isString() || p.isBoolean())) sps.error(n.key(), tag + " must be numeric");
                    setpoints.put(n, tag);
                }
            }

            // state
            StateTable state = null;
            Section st = c.section("state", true, keys("point", "values"));
            if (st != null) {
                String tag = st.text("point", true, null, "tag in the controller map");
                PointDefinition p = tag == null ? null : ref(st, "point", tag, byTag, mapOk, PointKind.STATUS);
                if (p != null && (p.isString() || p.isBoolean())) st.error("point", tag + " must be an integer or enum point");
                Map<Integer, ControllerState> table = new TreeMap<>();
                YamlNode.Mapping values = st.table("values", true, "vendor value: Off|Starting|Running|Defrosting|Stopping|Tripped|Fault");
                if (values != null) {
                    for (YamlNode.Entry e : values.entries().values()) {
                        String field = st.key("values") + "." + e.key();
                        int code;
                        try {
                            code = Integer.parseInt(e.key().trim());
                        } catch (NumberFormatException ex) {
                            errors.add(new RigError(rigName, e.keyLine(), field, "vendor value '" + e.key() + "' is not a whole number"));
                            continue;
                        }
                        if (p != null && p.modbus() != null && p.modbus().type().base() == BaseType.ENUM
                                && !p.modbus().type().enumLabels().containsKey(code)) {
                            errors.add(new RigError(rigName, e.keyLine(), field, "vendor value " + code + " is not a code of " + tag
                                    + " " + p.modbus().type()));
                        }
                        try {
                            String label = e.value() instanceof YamlNode.Scalar s ? s.text() : "";
                            table.put(code, ControllerState.parse(label));
                        } catch (IllegalArgumentException ex) {
                            errors.add(new RigError(rigName, e.value().line(), field, ex.getMessage()));
                        }
                    }
                    if (!table.containsValue(ControllerState.OFF)) {
                        st.error("values", "no vendor value maps to Off (the bench returns the controller to Off between scenarios)");
                    }
                }
                if (tag != null) state = new StateTable(tag, table);
            }

            // alarms
            Map<AlarmMeaning, AlarmRef> alarms = new EnumMap<>(AlarmMeaning.class);
            YamlNode.Mapping al = c.table("alarms", true, "meaning: TAG or TAG.bitN");
            if (al != null) {
                for (YamlNode.Entry e : al.entries().values()) {
                    String field = c.key("alarms") + "." + e.key();
                    AlarmMeaning meaning;
                    try {
                        meaning = AlarmMeaning.parse(e.key());
                    } catch (IllegalArgumentException ex) {
                        errors.add(new RigError(rigName, e.keyLine(), field, ex.getMessage()));
                        continue;
                    }
                    if (!(e.value() instanceof YamlNode.Scalar s) || s.token() != JsonToken.VALUE_STRING) {
                        errors.add(new RigError(rigName, e.value().line(), field, "must be TAG or TAG.bitN, was " + e.value().describe()));
                        continue;
                    }
                    AlarmRef ref = alarmRef(s.text().trim(), byTag, mapOk, e.value().line(), field);
                    if (ref != null) alarms.put(meaning, ref);
                }
            }

            Section id = c.section("identity", true, keys("name", "firmware"));
            String idName = null, idFirmware = null;
            if (id != null) {
                idName = id.text("name", true, null, "tag of the controller's name");
                if (idName != null) ref(id, "name", idName, byTag, mapOk, PointKind.STATUS);
                idFirmware = id.text("firmware", true, null, "tag of the firmware version");
                if (idFirmware != null) ref(id, "firmware", idFirmware, byTag, mapOk, PointKind.STATUS);
            }
            String sim = c.text("simulation_active", true, null, "tag of the controller's simulation-active flag");
            if (sim != null) {
                PointDefinition p = ref(c, "simulation_active", sim, byTag, mapOk, PointKind.STATUS);
                if (p != null && !p.isBoolean()) c.error("simulation_active", sim + " must be a bool point");
            }
            if (errors.size() > before) return null;
            return new ControllerSection(protocol, endpoint, mirror, mapFile, points, commands, setpoints, state, alarms,
                    idName, idFirmware, sim);
        }

        /** The controller-map point a key names; an error when it is missing or of another kind. */
        private PointDefinition ref(Section s, String key, String tag, Map<String, PointDefinition> byTag, boolean mapOk, PointKind kind) {
            PointDefinition p = byTag.get(tag);
            if (p == null) {
                if (mapOk && !brokenControllerTags.contains(tag)) s.error(key, "no point " + tag + " in the controller map");
                return null;
            }
            if (p.kind() != kind) {
                s.error(key, tag + " is a " + p.kind().name().toLowerCase(Locale.ROOT) + " point; expected a "
                        + kind.name().toLowerCase(Locale.ROOT) + " point");
                return null;
            }
            return p;
        }

        private AlarmRef alarmRef(String text, Map<String, PointDefinition> byTag, boolean mapOk, int line, String field) {
            PointDefinition p = byTag.get(text);
            int bit = -1;
            if (p == null) {
                Matcher m = BIT_REF.matcher(text);
                if (m.matches() && byTag.containsKey(m.group(1))) {
                    p = byTag.get(m.group(1));
                    bit = Integer.parseInt(m.group(2));
                }
            }
            if (p == null) {
                Matcher m = BIT_REF.matcher(text);
                boolean broken = brokenControllerTags.contains(text) || (m.matches() && brokenControllerTags.contains(m.group(1)));
                if (mapOk && !broken) errors.add(new RigError(rigName, line, field, "no point " + text + " in the controller map"));
                return null;
            }
            if (p.kind() != PointKind.STATUS) {
                errors.add(new RigError(rigName, line, field, p.tag() + " is a " + p.kind().name().toLowerCase(Locale.ROOT)
                        + " point; an alarm is a status point"));
                return null;
            }
            if (bit >= 0) {
                BaseType base = p.modbus() != null ? p.modbus().type().base() : null;
                int width = base == null ? 32 : base.isInteger() && base != BaseType.ENUM ? p.modbus().type().registers() * 16 : 0;
                if (p.isString() || p.isBoolean() || width == 0 || (base == null && !opcuaInteger(p))) {
                    errors.add(new RigError(rigName, line, field, "a bit needs an integer point; " + p.tag() + " is not"));
                    return null;
                }
                if (bit >= width) {
                    errors.add(new RigError(rigName, line, field, "bit " + bit + " is beyond the " + width + " bits of " + p.tag()));
                    return null;
                }
            }
            return new AlarmRef(p.tag(), bit);
        }

        private static boolean opcuaInteger(PointDefinition p) {
            return switch (p.opcuaType()) {
                case INT16, UINT16, INT32, UINT32, INT64, UINT64 -> true;
                default -> false;
            };
        }

        private void checkEndpoint(Section c, String key, String url, Protocol protocol) {
            String prefix = protocol.scheme() + "://";
            if (!url.startsWith(prefix)) {
                c.error(key, "'" + url + "' must start with " + prefix + " for protocol " + protocol.name().toLowerCase(Locale.ROOT));
                return;
            }
            String rest = url.substring(prefix.length());
            int slash = rest.indexOf('/');
            String hostPort = slash < 0 ? rest : rest.substring(0, slash);
            int colon = hostPort.lastIndexOf(':');
            String host = colon < 0 ? hostPort : hostPort.substring(0, colon);
            if (host.startsWith("[") && host.endsWith("]")) host = host.substring(1, host.length() - 1);
            int port = -1;
            try {
                if (colon >= 0) port = Integer.parseInt(hostPort.substring(colon + 1));
            } catch (NumberFormatException e) {
                port = -1;
            }
            if (!isAddress(host) || port < 1 || port > 65535) {
                c.error(key, "'" + url + "' is not " + prefix + "HOST:PORT" + (protocol == Protocol.OPCUA ? "/path" : "")
                        + " with a port 1..65535");
            }
        }

        // ---------------------------------------------------------------- addresses

        static boolean isAddress(String s) {
            if (s.contains(":")) return s.matches("[0-9A-Fa-f:.]+");
            Matcher m = IPV4.matcher(s);
            if (m.matches()) {
                for (int i = 1; i <= 4; i++) if (Integer.parseInt(m.group(i)) > 255) return false;
                return true;
            }
            return HOSTNAME.matcher(s).matches() && s.length() <= 253;
        }

        /** Loopback by literal only (no DNS look-up): 127.0.0.0/8, ::1, localhost. */
        static boolean isLoopback(String s) {
            if (s.equalsIgnoreCase("localhost")) return true;
            Matcher m = IPV4.matcher(s);
            if (m.matches()) return m.group(1).equals("127");
            return s.equals("::1") || s.equalsIgnoreCase("0:0:0:0:0:0:0:1");
        }
    }
}
