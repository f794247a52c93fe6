package io.hilbench.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * Dependencies point downwards only (DESIGN §2): physics knows no protocol, test or CLI library; the controller
 * never sees the plant's truth, as a real controller has no access to it.
 */
class LayeringTest {
    private static JavaClasses classes;

    @BeforeAll
    static void importMainClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("io.hilbench");
    }

    @Test
    void fluidImportsTheJdkOnly() {
        noClasses().that().resideInAPackage("io.hilbench.fluid..")
                .should().dependOnClassesThat().resideOutsideOfPackages("java..", "io.hilbench.fluid..", "io.hilbench")
                .allowEmptyShould(true).check(classes);
    }

    @Test
    void plantImportsFluidAndTheJdkOnly() {
        noClasses().that().resideInAPackage("io.hilbench.plant..")
                .should().dependOnClassesThat().resideOutsideOfPackages("java..", "io.hilbench.fluid..", "io.hilbench.plant..", "io.hilbench")
                .allowEmptyShould(true).check(classes);
    }

    @Test
    void runtimeKnowsNoPointsProtocolsScenariosOrCli() {
        noClasses().that().resideInAPackage("io.hilbench.runtime..")
                .should().dependOnClassesThat().resideInAnyPackage("io.hilbench.points..", "io.hilbench.adapters..", "io.hilbench.rig..",
                        "io.hilbench.controller..", "io.hilbench.scenario..", "io.hilbench.report..", "io.hilbench.cli..",
                        "io.hilbench.study..", "com.ghgande..", "org.eclipse.milo..", "io.cucumber..", "org.junit..", "picocli..")
                .allowEmptyShould(true).check(classes);
    }

    @Test
    void studyLoopKnowsNoCliScenarioOrProtocol() {
        // the study loop (bench simulate's) composes plant, reference controller, point table and KPIs in one thread,
        // beside the runtime; its front end is cli.SimulateCommand, and it speaks no protocol and no scenario glue
        noClasses().that().resideInAPackage("io.hilbench.study..")
                .should().dependOnClassesThat().resideInAnyPackage("io.hilbench.cli..", "io.hilbench.scenario..", "io.hilbench.adapters..",
                        "com.ghgande..", "org.eclipse.milo..", "io.cucumber..", "org.junit..", "picocli..")
                .allowEmptyShould(true).check(classes);
    }

    @Test
    void pointsKnowNoProtocolLibrary() {
        noClasses().that().resideInAPackage("io.hilbench.points..")
                .should().dependOnClassesThat().resideInAnyPackage("io.hilbench.adapters..", "io.hilbench.rig..", "io.hilbench.controller..",
                        "io.hilbench.scenario..", "io.hilbench.cli..", "com.ghgande..", "org.eclipse.milo..", "io.cucumber..", "picocli..")
                .allowEmptyShould(true).check(classes);
    }

    @Test
    void adaptersMapPointsAndNeverReachThePlantOrEachOther() {
        noClasses().that().resideInAPackage("io.hilbench.adapters.modbus..")
                .should().dependOnClassesThat().resideInAnyPackage("io.hilbench.plant..", "io.hilbench.adapters.opcua..", "org.eclipse.milo..",
                        "io.hilbench.rig..", "io.hilbench.cli..", "io.hilbench.scenario..")
                .allowEmptyShould(true).check(classes);
        noClasses().that().resideInAPackage("io.hilbench.adapters.opcua..")
                .should().dependOnClassesThat().resideInAnyPackage("io.hilbench.plant..", "io.hilbench.adapters.modbus..", "com.ghgande..",
                        "io.hilbench.rig..", "io.hilbench.cli..", "io.hilbench.scenario..")
                .allowEmptyShould(true).check(classes);
    }

    @Test
    void reportKnowsNoScenarioGlueOrCli() {
        // DESIGN §2: report may import rig, runtime, points. The evidence re-judge needs the requirement checks, which
        // live in the scenario layer: the CLI hands report.evidence a Rejudger backed by scenario.Replay, so the checks
        // that judged a run are the ones that re-judge it, and report stays free of Cucumber and the glue.
        noClasses().that().resideInAPackage("io.hilbench.report..")
                .should().dependOnClassesThat().resideInAnyPackage("io.hilbench.scenario..", "io.hilbench.cli..", "io.hilbench.controller..",
                        "io.cucumber..", "org.junit..", "picocli..")
                .allowEmptyShould(true).check(classes);
    }

    @Test
    void controllerHasNoAccessToThePlantsTruth() {
        // runtime's vocabulary (Lifecycle, Quality) is shared; its loop, faults and recorder are the plant's side.
        // An array (Quality[]) is judged by its component type.
        noClasses().that().resideInAPackage("io.hilbench.controller..")
                .should().dependOnClassesThat(com.tngtech.archunit.base.DescribedPredicate.describe("plant or runtime internals",
                        a -> {
                            com.tngtech.archunit.core.domain.JavaClass c = a.getBaseComponentType();
                            return c.getPackageName().startsWith("io.hilbench.plant")
                                    || (c.getPackageName().startsWith("io.hilbench.runtime")
                                        && !c.getName().equals("io.hilbench.runtime.Lifecycle") && !c.getName().equals("io.hilbench.runtime.Quality"));
                        }))
                .allowEmptyShould(true).check(classes);
    }

    @Test
    void scenarioGlueDrivesTheControllerOnlyThroughItsSupervisoryInterface() {
        // DESIGN §2, §7: the controller under test is a separate process reached over the network; scenarios start the
        // reference controller by its command line, never by calling its classes, and never speak to the protocol
        // servers' internals (they use a client like any controller or SCADA would)
        // two exceptions, client-side helpers every OPC UA party of ours shares: OpcUaValues, the value codec (as
        // points.Codec is on Modbus), and OpcUaNamespaceTables, the retried namespace-table read of a client session
        noClasses().that().resideInAPackage("io.hilbench.scenario..")
                .should().dependOnClassesThat(com.tngtech.archunit.base.DescribedPredicate.describe(
                        "controller, cli, report, or adapters other than the shared OpcUaValues codec and OpcUaNamespaceTables read",
                        c -> c.getPackageName().startsWith("io.hilbench.controller") || c.getPackageName().startsWith("io.hilbench.cli")
                                || c.getPackageName().startsWith("io.hilbench.report")
                                || (c.getPackageName().startsWith("io.hilbench.adapters") && !c.getName().equals("io.hilbench.adapters.opcua.OpcUaValues")
                                    && !c.getName().equals("io.hilbench.adapters.opcua.OpcUaNamespaceTables"))))
                .allowEmptyShould(true).check(classes);
    }

    @Test
    void reportReadsTheRunFromItsFilesNotFromTheScenarioGlue() {
        // DESIGN §2: report may import rig, runtime, points; a run's verdicts reach it as verdicts.json, so
        // `bench report --from DIR` renders a finished run exactly as the run itself did
        noClasses().that().resideInAPackage("io.hilbench.report..")
                .should().dependOnClassesThat().resideInAnyPackage("io.hilbench.scenario..", "io.hilbench.controller..", "io.hilbench.adapters..",
                        "io.hilbench.cli..", "io.cucumber..", "com.ghgande..", "org.eclipse.milo..")
                .allowEmptyShould(true).check(classes);
    }

    @Test
    void nothingBelowTheCliImportsIt() {
        noClasses().that().resideOutsideOfPackage("io.hilbench.cli..")
                .should().dependOnClassesThat().resideInAPackage("io.hilbench.cli..")
                .allowEmptyShould(true).check(classes);
    }
}
