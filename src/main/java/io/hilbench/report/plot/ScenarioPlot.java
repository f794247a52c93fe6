package io.hilbench.report.plot;

import io.hilbench.report.ControllerAlarms;
import io.hilbench.report.TraceCsv;
import io.hilbench.rig.AlarmMeaning;
import io.hilbench.rig.ControllerState;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.axis.SymbolAxis;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.IntervalMarker;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYItemRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.renderer.xy.XYStepRenderer;
import org.jfree.chart.ui.Layer;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.jfree.svg.SVGGraphics2D;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.geom.Rectangle2D;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Draws a scenario's plot plan ({@link JudgedSignals}) from its trace with JFreeChart: one panel per group of
 * signals on a shared plant-time axis (minutes), limits as labelled horizontal lines and bands, verdict instants as
 * solid vertical markers and deadlines as dashed ones; the controller's own state and alarms, when the trace has them,
 * as a last panel ({@link JudgedSignals#CONTROLLER}). Written as SVG (JFreeSVG) for the HTML and as PNG for the PDF.
 */
public final class ScenarioPlot {
    static {
        // a report is drawn on servers and CI machines without a display
        if (System.getProperty("java.awt.headless") == null) System.setProperty("java.awt.headless", "true");
    }

    public static final int WIDTH = 960;
    private static final int PANEL_HEIGHT = 190;
    private static final Color LIMIT = new Color(0xC0, 0x1C, 0x28);
    private static final Color PASSED = new Color(0x1A, 0x7F, 0x37);
    private static final Color OTHER = new Color(0xB3, 0x5C, 0x00);

    private final JFreeChart chart;
    private final int height;
    private final List<String> missing;

    private ScenarioPlot(JFreeChart chart, int height, List<String> missing) {
        this.chart = chart;
        this.height = height;
        this.missing = List.copyOf(missing);
    }

    /** Every trace column the plan needs (to read only those from the CSV). */
    public static Set<String> columns(JudgedSignals.Plan plan, Function<String, Optional<String>> columnOfTag) {
        Set<String> out = new LinkedHashSet<>();
        for (JudgedSignals.Panel p : plan.panels()) {
            if (p.key().equals(JudgedSignals.CONTROLLER)) out.addAll(ControllerAlarms.COLUMNS);
            else for (String tag : p.tags()) columnOfTag.apply(tag).ifPresent(c -> {
                out.add(c);
                out.add(c + PUBLISHED);
            });
        }
        return out;
    }

    /**
     * @param title       chart title (scenario and outcome)
     * @param columnOfTag the trace column a tag is wired to (through the rig's point map), empty when the rig has no such tag
     */
    public static ScenarioPlot draw(String title, JudgedSignals.Plan plan, TraceCsv trace, Function<String, Optional<String>> columnOfTag) {
        NumberAxis time = new NumberAxis("plant time (min)");
        CombinedDomainXYPlot combined = new CombinedDomainXYPlot(time);
        combined.setGap(8);
        List<String> missing = new ArrayList<>();
        int[] colour = {0};   // one colour per signal across the panels, as the shared legend needs
        boolean first = true;
        for (JudgedSignals.Panel panel : plan.panels()) {
            XYPlot plot = panel.key().equals(JudgedSignals.CONTROLLER)
                    ? controllerPlot(panel, ControllerAlarms.of(trace))
                    : signalPlot(panel, trace, columnOfTag, missing, colour);
            addMarkers(plot, plan.markers(), first);
            combined.add(plot, 1);
            first = false;
        }
        JFreeChart chart = new JFreeChart(title, new Font(Font.SANS_SERIF, Font.BOLD, 13), combined, true);
        chart.setBackgroundPaint(Color.WHITE);
        return new ScenarioPlot(chart, 70 + PANEL_HEIGHT * Math.max(1, plan.panels().size()), missing);
    }

    /** The recorder's column of the value the plant served (what the controller read), beside each plant output's truth. */
    static final String PUBLISHED = ".published";
    /** Legend suffix of a controller-read series. */
    static final String READ = " (controller read)";
    /**
     * Smallest difference, in the panel's display unit (K, bar, Hz …), between what the controller read and the plant
     * truth that gets the read value its own line: a stuck or offset sensor (DF-03's TT-232 at −5 °C) is far above it,
     * the register's resolution (0.1 °C) below it.
     */
    static final double READ_DIFFERS = 0.2;

    /**
     * What the controller read of a signal, when it differs from the plant truth somewhere in the scenario by more than
     * {@link #READ_DIFFERS} display units (a stuck, offset or frozen sensor); empty when it read the truth throughout.
     */
    static Optional<double[]> controllerRead(double[] truth, double[] published, java.util.function.DoubleUnaryOperator scale) {
        if (published == null || truth == null || published.length != truth.length) return Optional.empty();
        for (int i = 0; i < truth.length; i++) {
            if (Double.isNaN(truth[i]) || Double.isNaN(published[i])) continue;
            if (Math.abs(scale.applyAsDouble(published[i]) - scale.applyAsDouble(truth[i])) > READ_DIFFERS) return Optional.of(published);
        }
        return Optional.empty();
    }

    /** A panel of trace signals wired through the rig, with its limit lines and bands; tags not found go to {@code missing}. */
    private static XYPlot signalPlot(JudgedSignals.Panel panel, TraceCsv trace, Function<String, Optional<String>> columnOfTag, List<String> missing,
                                     int[] colour) {
        double[] t = trace.timeS();
        XYSeriesCollection data = new XYSeriesCollection();
        // each tag's colour; a controller-read series takes its tag's colour, dashed (issue #16 item 10: the plot showed
        // only the plant truth, not the stuck −5 °C the controller saw)
        List<java.awt.Paint> paints = new ArrayList<>();
        List<Boolean> read = new ArrayList<>();
        java.awt.Paint[] sequence = org.jfree.chart.ChartColor.createDefaultPaintArray();
        for (String tag : panel.tags()) {
            Optional<String> column = columnOfTag.apply(tag);
            Optional<double[]> values = column.flatMap(trace::column);
            if (values.isEmpty()) {
                missing.add(tag);
                continue;
            }
            java.awt.Paint paint = sequence[colour[0]++ % sequence.length];
            data.addSeries(series(tag, t, values.get(), panel.step(), panel.scale()::apply));
            paints.add(paint);
            read.add(false);
            Optional<double[]> seen = controllerRead(values.get(), column.flatMap(c -> trace.column(c + PUBLISHED)).orElse(null), panel.scale()::apply);
            if (seen.isPresent()) {
                data.addSeries(series(tag + READ, t, seen.get(), panel.step(), panel.scale()::apply));
                paints.add(paint);
                read.add(true);
            }
        }
        String unit = panel.scale().unit();
        NumberAxis axis = new NumberAxis(unit.isEmpty() ? panel.axis() : panel.axis() + " (" + unit + ")");
        axis.setAutoRangeIncludesZero(panel.step());
        axis.setLabelFont(axis.getLabelFont().deriveFont(10f));
        XYItemRenderer renderer;
        if (panel.step()) {
            renderer = new XYStepRenderer();
            axis.setRange(-0.1, 1.15);
        } else {
            XYLineAndShapeRenderer lines = new XYLineAndShapeRenderer(true, false);
            lines.setDrawSeriesLineAsPath(true);   // one SVG path per series, not one line element per segment
            renderer = lines;
        }
        for (int i = 0; i < data.getSeriesCount(); i++) {
            renderer.setSeriesPaint(i, paints.get(i));
            renderer.setSeriesStroke(i, read.get(i)
                    ? new BasicStroke(2.0f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[]{7f, 4f}, 0f)
                    : new BasicStroke(1.4f));
        }
        XYPlot plot = newPlot(data, axis, renderer);
        for (JudgedSignals.Band b : panel.bands()) {
            IntervalMarker m = new IntervalMarker(b.low(), b.high(), new Color(0x1A, 0x7F, 0x37, 0x22));
            m.setLabel(b.label());
            m.setLabelFont(new Font(Font.SANS_SERIF, Font.PLAIN, 9));
            m.setLabelAnchor(RectangleAnchor.TOP_LEFT);
            m.setLabelTextAnchor(TextAnchor.TOP_LEFT);
            m.setLabelBackgroundColor(new Color(255, 255, 255, 0));
            plot.addRangeMarker(m, Layer.BACKGROUND);
            axis.setAutoRangeIncludesZero(false);
            includeInRange(axis, data, b.low(), b.high());
        }
        for (JudgedSignals.Line l : panel.lines()) {
            ValueMarker m = new ValueMarker(l.value(), LIMIT, new BasicStroke(1.2f));
            m.setLabel(l.label());
            m.setLabelPaint(LIMIT);
            m.setLabelFont(new Font(Font.SANS_SERIF, Font.PLAIN, 9));
            m.setLabelAnchor(RectangleAnchor.TOP_RIGHT);
            m.setLabelTextAnchor(TextAnchor.BOTTOM_RIGHT);
            m.setLabelBackgroundColor(new Color(255, 255, 255, 210));
            plot.addRangeMarker(m, Layer.FOREGROUND);
            includeInRange(axis, data, l.value(), l.value());
        }
        return plot;
    }

    /**
     * The controller's own panel: its reported state as a step line on the left axis (named states), and each alarm
     * it raised as a 0/1 step line on the right axis, named in the legend, so a trip or a COMM_LOSS restart is seen
     * at the instant it happened against the verdict markers.
     */
    private static XYPlot controllerPlot(JudgedSignals.Panel panel, ControllerAlarms controller) {
        double[] t = controller.timeS();
        XYSeriesCollection states = new XYSeriesCollection();
        states.addSeries(series(JudgedSignals.STATE_TAG, t, controller.stateSeries(), true, v -> v));
        String[] names = Arrays.stream(ControllerState.values()).map(ControllerState::label).toArray(String[]::new);
        SymbolAxis stateAxis = new SymbolAxis("controller state", names);
        stateAxis.setLabelFont(stateAxis.getLabelFont().deriveFont(10f));
        stateAxis.setTickLabelFont(stateAxis.getTickLabelFont().deriveFont(9f));
        stateAxis.setRange(-0.5, names.length - 0.5);
        XYStepRenderer stateRenderer = new XYStepRenderer();
        stateRenderer.setSeriesPaint(0, Color.BLACK);
        stateRenderer.setSeriesStroke(0, new BasicStroke(1.8f));
        XYPlot plot = newPlot(states, stateAxis, stateRenderer);

        XYSeriesCollection alarms = new XYSeriesCollection();
        for (String tag : panel.tags()) {
            if (tag.equals(JudgedSignals.STATE_TAG)) continue;
            alarms.addSeries(series(tag, t, controller.alarmSeries(AlarmMeaning.parse(tag)), true, v -> v));
        }
        NumberAxis alarmAxis = new NumberAxis("alarms (1 = active)");
        alarmAxis.setLabelFont(alarmAxis.getLabelFont().deriveFont(10f));
        alarmAxis.setRange(-0.1, 1.15);
        alarmAxis.setTickUnit(new NumberTickUnit(1));
        XYStepRenderer alarmRenderer = new XYStepRenderer();
        for (int i = 0; i < alarms.getSeriesCount(); i++) alarmRenderer.setSeriesStroke(i, new BasicStroke(1.4f));
        plot.setRangeAxis(1, alarmAxis);
        plot.setDataset(1, alarms);
        plot.mapDatasetToRangeAxis(1, 1);
        plot.setRenderer(1, alarmRenderer);
        return plot;
    }

    /** A series of a trace column; a discrete signal drawn as steps needs only its changes (and the last row): same picture, far smaller SVG. */
    private static XYSeries series(String name, double[] t, double[] v, boolean step, java.util.function.DoubleUnaryOperator scale) {
        XYSeries s = new XYSeries(name, false, true);
        for (int i = 0; i < t.length; i++) {
            if (Double.isNaN(v[i])) continue;
            if (step && i > 0 && i < t.length - 1 && v[i] == v[i - 1]) continue;
            s.add(t[i] / 60.0, scale.applyAsDouble(v[i]), false);
        }
        return s;
    }

    private static XYPlot newPlot(XYSeriesCollection data, ValueAxis axis, XYItemRenderer renderer) {
        XYPlot plot = new XYPlot(data, null, axis, renderer);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
        return plot;
    }

    /** The verdict instants (solid) and deadlines (dashed) on a panel; labelled on the first panel only. */
    private static void addMarkers(XYPlot plot, List<JudgedSignals.Marker> markers, boolean labelled) {
        int k = 0;
        for (JudgedSignals.Marker mk : markers) {
            boolean passed = mk.label().endsWith(" passed");
            Color c = mk.deadline() ? Color.DARK_GRAY : passed ? PASSED : OTHER;
            BasicStroke stroke = mk.deadline()
                    ? new BasicStroke(1f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[]{4f, 3f}, 0f)
                    : new BasicStroke(1.2f);
            ValueMarker m = new ValueMarker(mk.timeS() / 60.0, c, stroke);
            if (labelled) {
                m.setLabel(mk.label());
                m.setLabelPaint(c);
                m.setLabelFont(new Font(Font.SANS_SERIF, Font.PLAIN, 9));
                m.setLabelAnchor(RectangleAnchor.TOP_LEFT);
                m.setLabelTextAnchor(TextAnchor.TOP_RIGHT);
                // labels of nearby instants would overprint: stagger them down the panel
                m.setLabelOffset(new RectangleInsets(2 + 11 * (k++ % 6), 2, 2, 2));
                m.setLabelBackgroundColor(new Color(255, 255, 255, 210));
            }
            plot.addDomainMarker(m, Layer.FOREGROUND);
        }
    }

    /** Widens the value axis so a limit outside the data's range is still in view. */
    private static void includeInRange(NumberAxis axis, XYSeriesCollection data, double lo, double hi) {
        double min = lo, max = hi;
        for (int i = 0; i < data.getSeriesCount(); i++) {
            XYSeries s = data.getSeries(i);
            if (s.getItemCount() == 0) continue;
            min = Math.min(min, s.getMinY());
            max = Math.max(max, s.getMaxY());
        }
        double pad = Math.max(1e-6, (max - min) * 0.08);
        axis.setRange(min - pad, max + pad);
    }

    /** Tags of the plan the trace (through the rig) did not have: not drawn, named in the report. */
    public List<String> missingTags() { return missing; }

    public int height() { return height; }

    /** The chart as an SVG document. */
    public String svg() {
        SVGGraphics2D g = new SVGGraphics2D(WIDTH, height);
        chart.draw(g, new Rectangle2D.Double(0, 0, WIDTH, height));
        return g.getSVGDocument();
    }

    public void writeSvg(Path file) throws IOException { Files.writeString(file, svg(), StandardCharsets.UTF_8); }

    public void writePng(Path file) throws IOException {
        try (OutputStream out = Files.newOutputStream(file)) {
            ChartUtils.writeChartAsPNG(out, chart, WIDTH, height);
        }
    }
}
