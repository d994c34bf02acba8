package io.adjoint.benchmarks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.NoBenchmarksException;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs every benchmark through the JMH API and writes the figures: {@code results.csv} and {@code
 * results.json} (one row per objective, size and method: ns per call with JMH's 99.9% error, and bytes
 * allocated per call from {@code -prof gc}), {@code summary.md} (the ratio tables of the README) and
 * {@code rosenbrock.png} (gradient time against n, drawn by {@link Chart}).
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar io.adjoint.benchmarks.Figures quick|full [directory] [regex]
 * java -cp benchmarks/target/benchmarks.jar io.adjoint.benchmarks.Figures redraw directory
 * </pre>
 *
 * <p>{@code quick} (one fork, 2 + 3 iterations of 0.3 s) takes under 5 minutes on a 2-core machine;
 * {@code full} (3 forks, 3 + 5 iterations of 1 s, as the conventions ask) about 50. A regex keeps only
 * the benchmarks whose full name it finds, for trying one thing. Benchmarks whose single call takes
 * seconds run as single shots: in quick mode one measured call, in full mode one warm-up and two.
 * With a regex, the new rows replace the same ones in the directory's {@code results.csv}, and the
 * summary and chart are drawn from the whole. {@code redraw} writes the JSON, the summary and the chart
 * again from a directory's {@code results.csv}. In full mode {@code -Dfigures.forks} and {@code
 * -Dfigures.iterations} change the forks and measured iterations; each row records its settings.
 */
public final class Figures {
  private Figures() {}

  /** How long to run: forks, warm-up and measured iterations and their length. */
  record Settings(int forks, int warmups, int iterations, TimeValue time, boolean singleShot) {}

  /** Benchmarks run with the same settings: an include regex and parameter values. */
  record Group(String include, Map<String, String[]> params, boolean slow, boolean fullOnly) {}

  static final List<Group> GROUPS =
      List.of(
          new Group("GradientBenchmark", Map.of(), false, false),
          new Group(
              "RosenbrockBenchmark\\.(?!derivativeStructure|sparseGradientPlainAdd)",
              Map.of("n", new String[] {"10", "100", "1000", "10000"}),
              false,
              false),
          // DerivativeStructure cannot be made for 10,000 variables: its index tables need O(n²) memory.
          new Group(
              "RosenbrockBenchmark\\.derivativeStructure",
              Map.of("n", new String[] {"10", "100", "1000"}),
              false,
              false),
          new Group(
              "RosenbrockBenchmark\\.sparseGradientPlainAdd",
              Map.of("n", new String[] {"10", "100", "1000", "10000"}),
              false,
              false),
          new Group("DotBenchmark", Map.of("n", new String[] {"1000"}), false, false),
          new Group(
              "GmmBenchmark",
              Map.of("size", new String[] {"d2_K5", "d10_K25", "d20_K50"}),
              false,
              false),
          new Group("GmmAlternativesBenchmark", Map.of("size", new String[] {"d2_K5"}), false, false),
          // About 12 s (finite differences) and 3 s (SparseGradient) per call.
          new Group(
              "GmmAlternativesBenchmark\\.(finiteDifferences|sparseGradient)",
              Map.of("size", new String[] {"d10_K25"}),
              true,
              false),
          // About a minute per call.
          new Group(
              "GmmAlternativesBenchmark\\.derivativeStructure",
              Map.of("size", new String[] {"d10_K25"}),
              true,
              true),
          new Group("\\.MlpBenchmark\\.", Map.of(), false, false));

  public static void main(String[] args) throws RunnerException, IOException {
    if (args.length == 2 && args[0].equals("redraw")) {
      Path directory = Path.of(args[1]);
      List<Row> rows =
          Row.parse(Files.readString(directory.resolve("results.csv"), StandardCharsets.UTF_8));
      write(directory, Chart.runOf(directory), rows);
      return;
    }
    if (args.length < 1 || !(args[0].equals("quick") || args[0].equals("full"))) {
      System.err.println("usage: Figures quick|full [directory] [regex], or Figures redraw directory");
      System.exit(2);
    }
    boolean full = args[0].equals("full");
    Path directory = Path.of(args.length > 1 ? args[1] : "benchmarks/results/" + args[0]);
    Pattern only = args.length > 2 ? Pattern.compile(args[2]) : null;
    Settings normal =
        full
            ? new Settings(
                Integer.getInteger("figures.forks", 3),
                3,
                Integer.getInteger("figures.iterations", 5),
                TimeValue.seconds(1),
                false)
            : new Settings(1, 2, 3, TimeValue.milliseconds(300), false);
    Settings slow = full ? new Settings(1, 1, 2, null, true) : new Settings(1, 0, 1, null, true);

    Instant start = Instant.now();
    List<Row> rows = new ArrayList<>();
    for (Group group : GROUPS) {
      if (group.fullOnly() && !full) {
        continue;
      }
      rows.addAll(run(group, only, group.slow() ? slow : normal));
    }
    long seconds = start.until(Instant.now(), ChronoUnit.SECONDS);
    Files.createDirectories(directory);
    Path csv = directory.resolve("results.csv");
    String previous = null;
    if (only != null && Files.exists(csv)) {
      previous = Chart.runOf(directory);
      List<Row> old = Row.parse(Files.readString(csv, StandardCharsets.UTF_8));
      old.removeIf(row -> !Row.OBJECTIVES.contains(row.objective()));
      rows = merge(old, rows);
    }
    String header =
        String.format(
            Locale.ROOT,
            "%s mode, %s, %d cores, %d s, %s",
            args[0],
            "JDK " + System.getProperty("java.version"),
            Runtime.getRuntime().availableProcessors(),
            seconds,
            start.truncatedTo(ChronoUnit.SECONDS))
            + (only == null ? "" : " (the benchmarks matching " + only + ")");
    if (previous != null) {
      header = previous + "; " + header;
    }
    write(directory, header, rows);
    System.out.println("Wrote " + directory + " in " + seconds + " s");
  }

  /** Writes every file of the figures from the rows. */
  private static void write(Path directory, String header, List<Row> rows) throws IOException {
    Files.writeString(directory.resolve("results.csv"), Row.csv(rows), StandardCharsets.UTF_8);
    Files.writeString(directory.resolve("results.json"), Row.json(header, rows), StandardCharsets.UTF_8);
    Files.writeString(
        directory.resolve("summary.md"), Summary.markdown(header, rows), StandardCharsets.UTF_8);
    Chart.rosenbrock(rows, directory.resolve("rosenbrock.png"), header);
  }

  /** The old rows, each replaced by a new one of the same objective, size and method, then the rest. */
  private static List<Row> merge(List<Row> old, List<Row> fresh) {
    List<Row> merged = new ArrayList<>();
    List<Row> unused = new ArrayList<>(fresh);
    for (Row row : old) {
      Row replacement =
          Summary.find(fresh, row.objective(), row.size(), row.method()).orElse(row);
      unused.remove(replacement);
      merged.add(replacement);
    }
    merged.addAll(unused);
    return merged;
  }

  private static List<Row> run(Group group, Pattern only, Settings settings) throws RunnerException {
    // Both the group's regex and the user's must find the benchmark's name.
    String include =
        only == null
            ? group.include()
            : "^(?=.*(?:" + group.include() + "))(?=.*(?:" + only.pattern() + "))";
    ChainedOptionsBuilder options =
        new OptionsBuilder()
            .include(include)
            .forks(settings.forks())
            .warmupIterations(settings.warmups())
            .measurementIterations(settings.iterations())
            .timeUnit(TimeUnit.NANOSECONDS)
            .addProfiler(GCProfiler.class)
            .shouldFailOnError(false);
    if (settings.singleShot()) {
      options = options.mode(Mode.SingleShotTime);
    } else {
      options =
          options
              .mode(Mode.AverageTime)
              .warmupTime(settings.time())
              .measurementTime(settings.time());
    }
    for (Map.Entry<String, String[]> param : group.params().entrySet()) {
      options = options.param(param.getKey(), param.getValue());
    }
    Collection<RunResult> results;
    try {
      results = new Runner(options.build()).run();
    } catch (NoBenchmarksException e) {
      return List.of();
    }
    List<Row> rows = new ArrayList<>();
    for (RunResult result : results) {
      rows.add(Row.of(result, settings));
    }
    rows.removeIf(row -> !Row.OBJECTIVES.contains(row.objective()));
    return rows;
  }

  /** One measured gradient (or objective): which, how long, how much it allocated. */
  record Row(
      String objective,
      String size,
      String method,
      double nanos,
      double error,
      double bytes,
      long samples,
      String settings) {

    /** Every objective, as the rows name them. */
    static final List<String> OBJECTIVES =
        List.of("neuron", "rosenbrock", "twenty", "rosenbrockN", "dot", "gmm", "mlp");

    /** The objectives of {@link GradientBenchmark}, whose methods are named objective + Method. */
    private static final List<String> STRAIGHT_LINE = List.of("neuron", "rosenbrock", "twenty");

    static Row of(RunResult result, Settings settings) {
      String label = result.getParams().getBenchmark();
      String className = label.substring(0, label.lastIndexOf('.'));
      className = className.substring(className.lastIndexOf('.') + 1);
      String method = label.substring(label.lastIndexOf('.') + 1);
      String objective =
          switch (className) {
            case "RosenbrockBenchmark" -> "rosenbrockN";
            case "DotBenchmark" -> "dot";
            case "GmmBenchmark", "GmmAlternativesBenchmark" -> "gmm";
            case "MlpBenchmark" -> "mlp";
            default -> STRAIGHT_LINE.stream().filter(method::startsWith).findFirst().orElse(className);
          };
      if (className.equals("GradientBenchmark")) {
        method = Character.toLowerCase(method.charAt(objective.length())) + method.substring(objective.length() + 1);
      }
      String size = "";
      for (String key : result.getParams().getParamsKeys()) {
        size = result.getParams().getParam(key);
      }
      Result<?> primary = result.getPrimaryResult();
      Result<?> alloc = result.getSecondaryResults().get("gc.alloc.rate.norm");
      String how =
          settings.singleShot()
              ? String.format(Locale.ROOT, "ss f%d wi%d i%d", settings.forks(), settings.warmups(), settings.iterations())
              : String.format(
                  Locale.ROOT,
                  "avgt f%d wi%d i%d %s",
                  settings.forks(),
                  settings.warmups(),
                  settings.iterations(),
                  settings.time());
      return new Row(
          objective,
          size,
          method,
          primary.getScore(),
          Double.isNaN(primary.getScoreError()) ? 0 : primary.getScoreError(),
          alloc == null ? Double.NaN : alloc.getScore(),
          primary.getSampleCount(),
          how);
    }

    static String csv(List<Row> rows) {
      StringBuilder out =
          new StringBuilder("objective,size,method,ns_per_call,error_ns,bytes_per_call,samples,settings\n");
      for (Row r : rows) {
        out.append(
            String.format(
                Locale.ROOT,
                "%s,%s,%s,%.6g,%.3g,%.1f,%d,%s%n",
                r.objective, r.size, r.method, r.nanos, r.error, r.bytes, r.samples, r.settings));
      }
      return out.toString();
    }

    static String json(String header, List<Row> rows) {
      StringBuilder out = new StringBuilder("{\n  \"run\": \"" + header + "\",\n  \"results\": [\n");
      for (int i = 0; i < rows.size(); i++) {
        Row r = rows.get(i);
        out.append(
            String.format(
                Locale.ROOT,
                "    {\"objective\": \"%s\", \"size\": \"%s\", \"method\": \"%s\", \"nsPerCall\": %.6g,"
                    + " \"errorNs\": %.3g, \"bytesPerCall\": %s, \"samples\": %d, \"settings\": \"%s\"}%s%n",
                r.objective,
                r.size,
                r.method,
                r.nanos,
                r.error,
                Double.isNaN(r.bytes) ? "null" : String.format(Locale.ROOT, "%.1f", r.bytes),
                r.samples,
                r.settings,
                i + 1 < rows.size() ? "," : ""));
      }
      return out.append("  ]\n}\n").toString();
    }

    /** Reads rows back from {@link #csv}. */
    static List<Row> parse(String csv) {
      List<Row> rows = new ArrayList<>();
      String[] lines = csv.split("\n");
      for (int i = 1; i < lines.length; i++) {
        String[] f = lines[i].split(",", -1);
        rows.add(
            new Row(
                f[0], f[1], f[2], Double.parseDouble(f[3]), Double.parseDouble(f[4]),
                Double.parseDouble(f[5]), Long.parseLong(f[6]), f[7]));
      }
      return rows;
    }
  }
}
