package io.hilbench.report.plot;

import io.hilbench.plant.co2.RatingMap;
import io.hilbench.plant.co2.RatingOptimum;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.geom.Rectangle2D;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.ui.Layer;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.jfree.svg.SVGGraphics2D;

/**
 * The optimum-pressure map of {@code bench rating --map} ({@link RatingMap}) drawn the way {@link ScenarioPlot} draws a
 * scenario (JFreeChart, written as SVG with JFreeSVG): one panel per DH supply temperature, p_opt against the air
 * temperature, one line per DH return temperature, and the controllers' aim, the PSHH-202 HP switch and the search
 * limit (PSV-202 set) as labelled horizontal lines. Infeasible points are left out.
 */
public final class RatingMapPlot {
    static {
        if (System.getProperty("java.awt.headless") == null) System.setProperty("java.awt.headless", "true");
    }

    private static final int PANEL_HEIGHT = 210;
    private static final Color LIMIT = new Color(0xC0, 0x1C, 0x28);

    private final JFreeChart chart;
    private final int height;

    private RatingMapPlot(JFreeChart chart, int height) {
        this.chart = chart;
        this.height = height;
    }

    public static RatingMapPlot draw(String title, List<RatingMap.Point> points, RatingOptimum.Limits limits) {
        // supply (°C) → return (°C) → series of (air °C, p_opt bar)
        Map<Long, Map<Long, XYSeries>> bySupply = new TreeMap<>();
        TreeSet<Long> returns = new TreeSet<>();
        double lowBar = limits.pressureAimPa() / 1e5;
        for (RatingMap.Point pt : points) {
            long sup = Math.round((pt.supplyK() - 273.15) * 10);
            long ret = Math.round((pt.returnK() - 273.15) * 10);
            returns.add(ret);
            XYSeries s = bySupply.computeIfAbsent(sup, k -> new TreeMap<>())
                    .computeIfAbsent(ret, k -> new XYSeries(String.format(Locale.ROOT, "return %.0f °C", k / 10.0), true, false));
            if (pt.rated() != null) {
                double bar = pt.rated().result().gasCoolerPressurePa() / 1e5;
                s.add(pt.airK() - 273.15, bar);
                lowBar = Math.min(lowBar, bar);
            }
        }
        CombinedDomainXYPlot combined = new CombinedDomainXYPlot(new NumberAxis("outdoor air (°C)"));
        combined.setGap(8);
        for (Map.Entry<Long, Map<Long, XYSeries>> e : bySupply.entrySet()) {
            XYSeriesCollection data = new XYSeriesCollection();
            // every panel gets every return's series (empty when infeasible) so the colours match across panels
            for (long ret : returns) {
                XYSeries s = e.getValue().get(ret);
                data.addSeries(s != null ? s : new XYSeries(String.format(Locale.ROOT, "return %.0f °C", ret / 10.0)));
            }
            NumberAxis axis = new NumberAxis(String.format(Locale.ROOT, "p_opt, supply %.0f °C (bar)", e.getKey() / 10.0));
            axis.setLabelFont(axis.getLabelFont().deriveFont(10f));
            axis.setAutoRangeIncludesZero(false);
            axis.setRange(Math.floor(lowBar) - 3, limits.searchLimitPa() / 1e5 + 3);   // every optimum and the three limits in view
            XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(true, true);
            r.setDrawSeriesLineAsPath(true);
            for (int i = 0; i < data.getSeriesCount(); i++) r.setSeriesStroke(i, new BasicStroke(1.4f));
            XYPlot plot = new XYPlot(data, null, axis, r);
            plot.setBackgroundPaint(Color.WHITE);
            plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
            plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
            limit(plot, limits.pressureAimPa(), "controllers' aim");
            limit(plot, limits.hpSwitchPa(), "PSHH-202 HP switch");
            limit(plot, limits.searchLimitPa(), "search limit (PSV-202 set)");
            combined.add(plot, 1);
            // the panels share their series' names and colours: the legend names each return temperature once
            if (combined.getFixedLegendItems() == null) combined.setFixedLegendItems(plot.getLegendItems());
        }
        JFreeChart chart = new JFreeChart(title, new Font(Font.SANS_SERIF, Font.BOLD, 13), combined, true);
        chart.setBackgroundPaint(Color.WHITE);
        return new RatingMapPlot(chart, 70 + PANEL_HEIGHT * Math.max(1, bySupply.size()));
    }

    private static void limit(XYPlot plot, double pa, String label) {
        ValueMarker m = new ValueMarker(pa / 1e5, LIMIT, new BasicStroke(1.0f));
        m.setLabel(String.format(Locale.ROOT, "%s %.0f bar", label, pa / 1e5));
        m.setLabelPaint(LIMIT);
        m.setLabelFont(new Font(Font.SANS_SERIF, Font.PLAIN, 9));
        m.setLabelAnchor(RectangleAnchor.TOP_RIGHT);
        m.setLabelTextAnchor(TextAnchor.BOTTOM_RIGHT);
        plot.addRangeMarker(m, Layer.FOREGROUND);
    }

    public String svg() {
        SVGGraphics2D g = new SVGGraphics2D(ScenarioPlot.WIDTH, height);
        chart.draw(g, new Rectangle2D.Double(0, 0, ScenarioPlot.WIDTH, height));
        return g.getSVGDocument();
    }

    public void writeSvg(Path file) throws IOException { Files.writeString(file, svg(), StandardCharsets.UTF_8); }
}
