package io.hilbench.cli;

import io.hilbench.rig.PlantModels;
import io.hilbench.rig.PlantOverride;
import io.hilbench.rig.Rig;
import io.hilbench.rig.RigException;
import picocli.CommandLine.Option;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code --plant-param KEY=VALUE} (repeatable), shared by bench run, simulate, serve and rating (issue #15 item 7):
 * a plant parameter for this run, on top of the rig's parameter files and its {@code plant.overrides} (the run's
 * win). KEY is a parameter's dotted path, prefixed {@code heatPump.} or {@code site.} when the bare path would be
 * ambiguous (rigs/README.md "Plant parameter overrides"); VALUE is checked exactly as in the parameter file.
 */
public final class PlantParamOptions {
    @Option(names = "--plant-param", paramLabel = "KEY=VALUE",
            description = "Plant parameter for this run over the rig's parameter files and plant.overrides, e.g. gasCooler.co2SideUaNominalWPerK=300000 (repeatable; heatPump./site. prefix when ambiguous).")
    List<String> values = new ArrayList<>();

    /** The run's overrides as given. @throws IllegalArgumentException an argument that is no KEY=VALUE */
    public List<PlantOverride> overrides() {
        return PlantOverride.fromArguments(values);
    }

    /**
     * The rig with this run's overrides after its own, checked against the parameter files now (before anything
     * starts): every error of the files or an override, each naming its source and field.
     *
     * @throws RigException          a key that is no parameter, is ambiguous, a value the file would refuse
     * @throws IllegalArgumentException an argument that is no KEY=VALUE
     */
    public Rig apply(Rig rig) throws RigException {
        Rig r = rig.withRunOverrides(overrides());
        if (!r.plant().overrides().isEmpty()) PlantModels.parameters(r);
        return r;
    }
}
