package io.depot.benchmarks.tpch;

import io.depot.sql.tpch.TpchQuery;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.io.IOException;
import java.nio.file.Path;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.title.TextTitle;
import org.jfree.data.category.DefaultCategoryDataset;

/** The PNG chart of a {@link TpchComparison}: median time per query and engine, log scale. */
final class TpchChart {
    private static final Color[] ENGINE_COLORS = {new Color(0x1f77b4), new Color(0xff7f0e), new Color(0x2ca02c)};
    private static final int WIDTH = 1400;
    private static final int HEIGHT = 650;

    private TpchChart() {}

    static void writePng(TpchComparison comparison, Path file) throws IOException {
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        double smallest = Double.MAX_VALUE;
        double largest = 0;
        for (TpchQuery query : comparison.queries()) {
            for (EngineRun engine : comparison.engines()) {
                Measurement measurement = engine.measurement(query.name());
                Double millis = measurement.isOk() ? Math.max(measurement.medianMillis(), 0.01) : null;
                data.addValue(millis, engine.name(), query.name());
                if (millis != null) {
                    smallest = Math.min(smallest, millis);
                    largest = Math.max(largest, millis);
                }
            }
        }
        if (largest == 0) {
            smallest = 1;
            largest = 10;
        }
        double lower = Math.pow(10, Math.floor(Math.log10(smallest)));
        double upper = Math.pow(10, Math.ceil(Math.log10(largest * 1.01)));

        LogAxis timeAxis = new LogAxis("median milliseconds (log scale)");
        timeAxis.setBase(10);
        timeAxis.setRange(lower, upper);
        // The tick unit is in powers of the base: a labelled tick at 1, 10, 100, ... ms.
        timeAxis.setTickUnit(new NumberTickUnit(1), false, false);
        timeAxis.setAutoTickUnitSelection(false);
        timeAxis.setNumberFormatOverride(new java.text.DecimalFormat("#,##0.###"));
        BarRenderer renderer = new BarRenderer();
        // Bars grow from the axis' lower end: a log axis has no zero.
        renderer.setBase(lower);
        renderer.setIncludeBaseInRange(false);
        renderer.setBarPainter(new StandardBarPainter());
        renderer.setShadowVisible(false);
        renderer.setItemMargin(0.05);
        for (int series = 0; series < comparison.engines().size(); series++) {
            renderer.setSeriesPaint(series, ENGINE_COLORS[series % ENGINE_COLORS.length]);
        }
        CategoryAxis queryAxis = new CategoryAxis("TPC-H query");
        queryAxis.setCategoryMargin(0.15);
        CategoryPlot plot = new CategoryPlot(data, queryAxis, timeAxis, renderer);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        plot.setRangeGridlineStroke(new BasicStroke(0.5f));

        JFreeChart chart = new JFreeChart("TPC-H SF " + comparison.options().scaleFactorText()
                + ": median time per query (" + comparison.machine().cores() + " cores, commit " + comparison.commit() + ")",
                new Font(Font.SANS_SERIF, Font.BOLD, 16), plot, true);
        chart.setBackgroundPaint(Color.WHITE);
        chart.addSubtitle(new TextTitle("No bar: timeout or error (see the report). Lower is faster. "
                + "Depot runs single-threaded; DuckDB uses every core.", new Font(Font.SANS_SERIF, Font.PLAIN, 12)));
        ChartUtils.saveChartAsPNG(file.toFile(), chart, WIDTH, HEIGHT);
    }
}
