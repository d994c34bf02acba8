package io.adjoint.benchmarks;

import io.adjoint.benchmarks.Figures.Row;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.TextTitle;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * Draws the time of one gradient of Rosenbrock's function against n, one line per method, on log-log
 * axes (JFreeChart). {@link Figures} calls it after a run; to draw again from a saved run:
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar io.adjoint.benchmarks.Chart benchmarks/results/full
 * </pre>
 */
public final class Chart {
  private Chart() {}

  /** The methods drawn, in order: the name in {@code results.csv}, the legend, the colour. */
  static final List<String[]> METHODS =
      List.of(
          new String[] {"function", "objective alone (no gradient)", "#7f7f7f"},
          new String[] {"generatedInto", "Adjoint generated, Into form", "#d62728"},
          new String[] {"generated", "Adjoint generated, record form", "#ff9896"},
          new String[] {"handWritten", "hand-written gradient", "#2ca02c"},
          new String[] {"value", "Value tape", "#1f77b4"},
          new String[] {"finiteDifferences", "central finite differences", "#9467bd"},
          new String[] {"sparseGradient", "Commons Math SparseGradient (addInPlace)", "#ff7f0e"},
          new String[] {"sparseGradientPlainAdd", "Commons Math SparseGradient (plain add)", "#bcbd22"},
          new String[] {"derivativeStructure", "Commons Math DerivativeStructure", "#8c564b"});

  /** Reads {@code directory/results.csv} and writes {@code directory/rosenbrock.png}. */
  public static void main(String[] args) throws IOException {
    Path directory = Path.of(args.length > 0 ? args[0] : "benchmarks/results/full");
    List<Row> rows =
        Row.parse(Files.readString(directory.resolve("results.csv"), StandardCharsets.UTF_8));
    String run = runOf(directory);
    rosenbrock(rows, directory.resolve("rosenbrock.png"), run == null ? directory.toString() : run);
  }

  /** The description of the run saved in {@code directory/results.json}, or null. */
  static String runOf(Path directory) throws IOException {
    Path json = directory.resolve("results.json");
    if (!Files.exists(json)) {
      return null;
    }
    Matcher run =
        Pattern.compile("\"run\": \"([^\"]*)\"").matcher(Files.readString(json, StandardCharsets.UTF_8));
    return run.find() ? run.group(1) : null;
  }

  static void rosenbrock(List<Row> rows, Path png, String subtitle) throws IOException {
    XYSeriesCollection data = new XYSeriesCollection();
    XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, true);
    for (String[] method : METHODS) {
      XYSeries series = new XYSeries(method[1]);
      for (Row row : rows) {
        if (row.objective().equals("rosenbrockN") && row.method().equals(method[0])) {
          series.add(Double.parseDouble(row.size()), row.nanos() / 1e3);
        }
      }
      if (series.isEmpty()) {
        continue;
      }
      int index = data.getSeriesCount();
      data.addSeries(series);
      renderer.setSeriesPaint(index, Color.decode(method[2]));
      renderer.setSeriesStroke(index, new BasicStroke(method[0].equals("function") ? 1.5f : 2.2f));
    }
    LogAxis n = logAxis("n (dimensions)");
    LogAxis time = logAxis("time per call (µs)");
    XYPlot plot = new XYPlot(data, n, time, renderer);
    plot.setBackgroundPaint(Color.WHITE);
    plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
    plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
    JFreeChart chart =
        new JFreeChart(
            "Gradient of Rosenbrock's function in n dimensions",
            new Font("SansSerif", Font.BOLD, 18),
            plot,
            true);
    chart.addSubtitle(new TextTitle(subtitle, new Font("SansSerif", Font.PLAIN, 12)));
    chart.setBackgroundPaint(Color.WHITE);
    ChartUtils.saveChartAsPNG(png.toFile(), chart, 1000, 650);
  }

  /** A base-10 logarithmic axis with a tick at every power of ten, labelled as plain numbers. */
  private static LogAxis logAxis(String label) {
    LogAxis axis = new LogAxis(label);
    axis.setBase(10);
    axis.setSmallestValue(1e-3);
    axis.setTickUnit(new NumberTickUnit(1));
    axis.setMinorTickMarksVisible(true);
    axis.setNumberFormatOverride(new DecimalFormat("#,##0.###", DecimalFormatSymbols.getInstance(Locale.ROOT)));
    return axis;
  }
}
