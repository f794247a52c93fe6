package io.hilbench.cli;

import io.hilbench.rig.Rig;
import io.hilbench.rig.RigError;
import io.hilbench.rig.RigException;
import io.hilbench.rig.RigLoader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * {@code bench check-rig [--rig DIR]}: loads and validates a rig. Prints
 * {@code OK <rig>: N points (M Modbus, K OPC UA), units [..]} and exits 0, or prints every error as
 * {@code file:line: field <name>: message}, one per line, and exits 2 (a configuration error, DESIGN §11).
 */
@Command(name = "check-rig", mixinStandardHelpOptions = true,
        description = "Validate a rig (rig.yaml and its point maps) and report every error with file, line and field.")
public final class CheckRigCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--rig", paramLabel = "DIR", defaultValue = "rigs/solrod",
            description = "Rig folder (default: ${DEFAULT-VALUE}).")
    Path rig;

    @Option(names = "--point-list", description = "Print the rig's point list as a Markdown table (rigs/<name>/POINTS.md) instead of OK.")
    boolean pointList;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try {
            Rig r = RigLoader.loadDefault(rig);
            // a model the bench does not serve (or has retired) fails here, not at the first run
            if (!io.hilbench.rig.PlantModels.NAMES.contains(r.plant().model())) {
                throw new RigException(java.util.List.of(new RigError(rig.resolve("rig.yaml").toString(), 0, "plant.model",
                        io.hilbench.rig.PlantModels.unknownModel(r.plant().model()))));
            }
            // the parameter files and the rig's plant.overrides, checked as a run would (errors name file:line and field)
            if (!r.plant().overrides().isEmpty()) io.hilbench.rig.PlantModels.parameters(r);
            // and each parameter corner's plant (issue #17 item 3): errors name rig.yaml's line and corners.<name>.overrides.<key>
            io.hilbench.rig.PlantModels.checkCorners(r, null);
            if (pointList) {
                out.print(io.hilbench.rig.PointList.markdown(r));
                out.flush();
                return 0;
            }
            out.println("OK " + r.name() + ": " + r.points().size() + " points (" + r.modbusPointCount() + " Modbus, "
                    + r.opcuaPointCount() + " OPC UA), units " + r.modbusUnits()
                    + (r.plant().overrides().isEmpty() ? "" : ", " + r.plant().overrides().size() + " plant parameter override(s)"));
            r.controller().ifPresent(c -> out.println("controller " + c.protocol().name().toLowerCase(java.util.Locale.ROOT)
                    + " " + c.endpoint() + ": " + c.points().size() + " points"));
            if (!r.plant().corners().isEmpty()) {
                out.println("corners " + String.join(", ", r.corners().stream().map(io.hilbench.rig.Corner::name).toList()));
            }
            out.flush();
            return 0;
        } catch (RigException e) {
            for (RigError error : e.errors()) err.println(error);
            err.println(e.errors().size() + (e.errors().size() == 1 ? " error" : " errors") + " in rig " + rig);
            err.flush();
            return 2;
        }
    }
}
