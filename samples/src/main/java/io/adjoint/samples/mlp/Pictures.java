package io.adjoint.samples.mlp;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.SplittableRandom;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.LookupPaintScale;
import org.jfree.chart.renderer.xy.XYBlockRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.DefaultXYZDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * The perceptron of {@link Training}, trained on two moons with generated gradients and drawn: the loss
 * curve, and the decision boundary over the points, as PNG files written with JFreeChart.
 */
public final class Pictures {
  private Pictures() {}

  /** Trains, prints progress, and writes {@code loss.png} and {@code boundary.png} into {@code dir}. */
  public static void run(Path dir, PrintStream out) throws IOException {
    out.println("== MLP 2-16-16-1 on two moons, trained with generated gradients, drawn ==");
    System.setProperty("java.awt.headless", "true");
    TwoMoons train = TwoMoons.generate(Training.TRAIN_POINTS, Training.NOISE, Training.TRAIN_SEED);
    TwoMoons test = TwoMoons.generate(Training.TEST_POINTS, Training.NOISE, Training.TEST_SEED);
    Network network = new Network(2, Training.HIDDEN, Training.HIDDEN, new SplittableRandom(Training.WEIGHT_SEED));
    int steps = 400;
    double[] losses = new double[steps];
    out.printf(
        Locale.ROOT, "%d train points, %d test points, %d parameters, Adam at rate %s%n",
        train.size(), test.size(), network.size(), Training.LEARNING_RATE);
    Training.Result result = Training.train(network, train, test, steps, 50, out, losses);
    out.printf(
        Locale.ROOT, "Final: loss %.4f, train accuracy %.1f%%, test accuracy %.1f%%%n",
        result.finalLoss(), 100 * result.trainAccuracy(), 100 * result.testAccuracy());
    Files.createDirectories(dir);
    Path loss = dir.resolve("loss.png");
    Path boundary = dir.resolve("boundary.png");
    ChartUtils.saveChartAsPNG(loss.toFile(), lossCurve(losses), 640, 400);
    ChartUtils.saveChartAsPNG(boundary.toFile(), decisionBoundary(network, train), 560, 480);
    out.printf(Locale.ROOT, "Wrote the loss curve to %s and the decision boundary to %s%n", loss, boundary);
  }

  static JFreeChart lossCurve(double[] losses) {
    XYSeries series = new XYSeries("training loss");
    for (int i = 0; i < losses.length; i++) {
      series.add(i, losses[i]);
    }
    NumberAxis steps = new NumberAxis("Adam step");
    LogAxis loss = new LogAxis("mean cross-entropy (log scale)");
    XYLineAndShapeRenderer line = new XYLineAndShapeRenderer(true, false);
    line.setSeriesPaint(0, new Color(0x1f77b4));
    line.setSeriesStroke(0, new BasicStroke(2f));
    XYPlot plot = new XYPlot(new XYSeriesCollection(series), steps, loss, line);
    plot.setBackgroundPaint(Color.WHITE);
    plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
    plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
    return new JFreeChart("Training loss, generated gradients", JFreeChart.DEFAULT_TITLE_FONT, plot, false);
  }

  static JFreeChart decisionBoundary(Network network, TwoMoons data) {
    double minX = -1.6;
    double maxX = 2.6;
    double minY = -1.2;
    double maxY = 1.7;
    int cells = 120;
    double dx = (maxX - minX) / cells;
    double dy = (maxY - minY) / cells;
    double[][] grid = new double[3][cells * cells];
    for (int i = 0; i < cells; i++) {
      for (int j = 0; j < cells; j++) {
        double x = minX + (i + 0.5) * dx;
        double y = minY + (j + 0.5) * dy;
        int k = i * cells + j;
        grid[0][k] = x;
        grid[1][k] = y;
        grid[2][k] = network.logit(x, y) > 0 ? 1 : 0;
      }
    }
    DefaultXYZDataset field = new DefaultXYZDataset();
    field.addSeries("class", grid);
    XYBlockRenderer blocks = new XYBlockRenderer();
    blocks.setBlockWidth(dx);
    blocks.setBlockHeight(dy);
    LookupPaintScale scale = new LookupPaintScale(0, 1.01, Color.WHITE);
    scale.add(0, new Color(0xfde0c5));
    scale.add(1, new Color(0xc6dbef));
    blocks.setPaintScale(scale);
    blocks.setSeriesVisibleInLegend(0, false);

    XYSeries zeros = new XYSeries("label 0");
    XYSeries ones = new XYSeries("label 1");
    for (int i = 0; i < data.size(); i++) {
      (data.y()[i] == 1 ? ones : zeros).add(data.x()[i][0], data.x()[i][1]);
    }
    XYSeriesCollection points = new XYSeriesCollection();
    points.addSeries(zeros);
    points.addSeries(ones);
    XYLineAndShapeRenderer dots = new XYLineAndShapeRenderer(false, true);
    dots.setSeriesPaint(0, new Color(0xd95f02));
    dots.setSeriesPaint(1, new Color(0x1b5e9a));

    NumberAxis xAxis = new NumberAxis("x₁");
    NumberAxis yAxis = new NumberAxis("x₂");
    xAxis.setRange(minX, maxX);
    yAxis.setRange(minY, maxY);
    XYPlot plot = new XYPlot(points, xAxis, yAxis, dots);
    plot.setDataset(1, field);
    plot.setRenderer(1, blocks);
    plot.setBackgroundPaint(Color.WHITE);
    return new JFreeChart("Decision boundary on two moons", JFreeChart.DEFAULT_TITLE_FONT, plot, true);
  }
}
