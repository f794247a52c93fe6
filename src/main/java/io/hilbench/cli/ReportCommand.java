package io.hilbench.cli;

import io.hilbench.report.RunReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * {@code bench report --from REPORT_DIR}: (re)renders a finished run's report pages — report.html, plots, handover
 * HTML and PDF — from the files in its folder (verdicts.json, traces, JUnit XML). Exit 0 written, 2 when the folder is
 * not a run's report folder or a page cannot be written.
 */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = "Render a run's report (report.html, plots, handover.html and handover.pdf, cucumber.html with the plots) from its report folder.")
public final class ReportCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--from", paramLabel = "REPORT_DIR", required = true, description = "The run's report folder (holds verdicts.json).")
    Path from;

    @Option(names = "--rig", paramLabel = "DIR", defaultValue = "rigs/solrod", description = "The rig the run used (default: ${DEFAULT-VALUE}).")
    Path rig;

    @Option(names = "--features", paramLabel = "DIR",
            description = "Features folder for the requirement texts when the report folder has no copy of requirements.yaml (default: ./features if present).")
    Path features;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (!Files.isDirectory(from)) {
            err.println("bench report: " + from + " is not a folder");
            return BenchCommand.USAGE;
        }
        Path f = features != null ? features : Files.isDirectory(Path.of("features")) ? Path.of("features") : null;
        try {
            RunReport.Written w = RunReport.write(from, rig, f);
            for (String p : w.problems()) err.println("bench report: warning: " + p);
            io.hilbench.report.RunData run = io.hilbench.report.RunData.read(from);
            out.println("result: " + run.totals().describe());
            if (run.interrupted()) {
                // a partial run is rendered as such, never as a complete acceptance document (issue #18 item 3)
                out.println("interrupted: " + run.interruption().get().describe());
                out.println("report: " + w.index() + " (INTERRUPTED: a partial record, not an acceptance document)");
                out.println("handover: " + w.handoverHtml() + ", " + w.handoverPdf() + " (marked INTERRUPTED, no sign-off)");
                out.flush();
                return BenchCommand.OK;
            }
            out.println("report: " + w.index());
            out.println("handover: " + w.handoverHtml() + ", " + w.handoverPdf());
            out.println("plots: " + w.plots().size() / 2 + " scenario plot(s) in " + from.resolve(RunReport.PLOTS));
            CucumberHtmlWithPlots.Embedded c = CucumberHtmlWithPlots.write(from);
            for (String p : c.problems()) err.println("bench report: warning: " + p);
            if (!c.pages().isEmpty()) out.println("cucumber: " + c.attached() + " plot(s) attached in " + String.join(", ", c.pages().stream().map(Path::toString).toList()));
            out.flush();
            return BenchCommand.OK;
        } catch (IOException e) {
            err.println("bench report: " + e.getMessage());
            return BenchCommand.USAGE;
        }
    }
}
