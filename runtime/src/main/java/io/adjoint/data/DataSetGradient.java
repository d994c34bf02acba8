package io.adjoint.data;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Objects;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;
import java.util.concurrent.RecursiveAction;

/**
 * Sums a loss and its gradient over the examples of a data set, on every core.
 *
 * <pre>{@code
 * double[] gradient = new double[w.length];
 * double loss = DataSetGradient.sum(rows, (i, upstream, adjoints) ->
 *     LogisticRegressionGradients.lossPullback(w, x[i], y[i], upstream, adjoints, 0), gradient);
 * }</pre>
 *
 * <h2>Determinism</h2>
 *
 * The examples are cut into blocks of a fixed size ({@link #DEFAULT_BLOCK_SIZE} unless given), which
 * depends only on the number of examples, never on the number of threads. Each block is summed in
 * example order into a buffer of its own, starting from zero; then the blocks' values and buffers are
 * added pairwise along a fixed binary tree over the block indices (the blocks [first, end) are the sum
 * of [first, middle) and [middle, end) with middle = (first + end) / 2), and the root is added into the
 * caller's gradient last. Threads only change which worker computes which subtree, never which numbers
 * are added in which order: <b>the value and the gradient are the same bits on 1, 2 or 64 threads</b>,
 * and from run to run, provided the per-example function is itself deterministic. They may differ from
 * a plain sequential loop over the examples in the last bits, as any reordered floating-point sum
 * does.
 *
 * <h2>Threads and memory</h2>
 *
 * Blocks run as {@link ForkJoinTask}s in the given pool, by default in the {@link
 * ForkJoinPool#commonPool() common pool} with the calling thread taking part (or in the pool of the
 * calling task, when called from one). A data set of at most one block runs on the calling thread. The
 * per-example function is called from several threads at once, each call with a different buffer.
 * Memory: one buffer as long as the gradient per block in flight (a few per thread, reused across
 * blocks, at most one per level of the tree per thread), one small task object per pair of blocks,
 * nothing per example.
 *
 * <h2>Failures</h2>
 *
 * An exception thrown by the per-example function propagates to the caller (as {@link
 * ForkJoinTask#invoke} rethrows it, possibly as an exception of the same type whose cause is the
 * original), and the caller's gradient is then left unchanged.
 */
public final class DataSetGradient {
  /**
   * The number of examples per block unless another is given: large enough that the work of adding
   * one block's buffer into another is small beside the block's own, small enough to spread a
   * hundred thousand examples over 64 threads.
   */
  public static final int DEFAULT_BLOCK_SIZE = 1024;

  private DataSetGradient() {}

  /**
   * Adds the gradient of Σᵢ fᵢ over the examples i = 0 … n − 1 into {@code gradient} and returns the
   * sum, in the common pool (see the class comment for the pool, the order of the sum and its
   * determinism).
   *
   * @param n the number of examples
   * @param example example i's term and its gradient
   * @param gradient where the gradient is added
   * @return the sum of the examples' terms
   * @throws IllegalArgumentException if {@code n} is negative
   */
  public static double sum(int n, ExamplePullback example, double[] gradient) {
    return sum(n, 1.0, example, gradient, null, DEFAULT_BLOCK_SIZE);
  }

  /**
   * Adds the gradient of Σᵢ fᵢ over the examples i = 0 … n − 1 into {@code gradient} and returns the
   * sum, computed in {@code pool}.
   *
   * @param n the number of examples
   * @param example example i's term and its gradient
   * @param gradient where the gradient is added
   * @param pool the threads that compute it
   * @return the sum of the examples' terms
   * @throws IllegalArgumentException if {@code n} is negative
   */
  public static double sum(int n, ExamplePullback example, double[] gradient, ForkJoinPool pool) {
    return sum(n, 1.0, example, gradient, Objects.requireNonNull(pool, "pool"), DEFAULT_BLOCK_SIZE);
  }

  /**
   * Adds the gradient of the mean (1/n)·Σᵢ fᵢ over the examples i = 0 … n − 1 into {@code gradient}
   * and returns the mean, in the common pool. Each example's gradient is scaled by 1/n (its {@code
   * upstream}) before the sum; the value is the sum divided by n. For n = 0 it returns 0 and adds
   * nothing.
   *
   * @param n the number of examples
   * @param example example i's term and its gradient
   * @param gradient where the gradient is added
   * @return the mean of the examples' terms
   * @throws IllegalArgumentException if {@code n} is negative
   */
  public static double mean(int n, ExamplePullback example, double[] gradient) {
    return mean(n, example, gradient, null);
  }

  /**
   * {@link #mean(int, ExamplePullback, double[])} computed in {@code pool}.
   *
   * @param n the number of examples
   * @param example example i's term and its gradient
   * @param gradient where the gradient is added
   * @param pool the threads that compute it, or null for the common pool
   * @return the mean of the examples' terms
   * @throws IllegalArgumentException if {@code n} is negative
   */
  public static double mean(int n, ExamplePullback example, double[] gradient, ForkJoinPool pool) {
    if (n == 0) {
      return sum(0, 1.0, example, gradient, pool, DEFAULT_BLOCK_SIZE);
    }
    return sum(n, 1.0 / n, example, gradient, pool, DEFAULT_BLOCK_SIZE) / n;
  }

  /**
   * Adds {@code upstream} times the gradient of Σᵢ fᵢ over the examples i = 0 … n − 1 into {@code
   * gradient} and returns the sum (not multiplied by {@code upstream}): every parameter at once.
   *
   * @param n the number of examples
   * @param upstream the factor each example's gradient is called with
   * @param example example i's term and its gradient
   * @param gradient where the gradient is added
   * @param pool the threads that compute it, or null for the common pool with the calling thread
   * @param blockSize the number of examples per block: the result depends on it (and on nothing about
   *     the threads)
   * @return the sum of the examples' terms
   * @throws IllegalArgumentException if {@code n} is negative or {@code blockSize} is not positive
   */
  public static double sum(
      int n,
      double upstream,
      ExamplePullback example,
      double[] gradient,
      ForkJoinPool pool,
      int blockSize) {
    Objects.requireNonNull(example, "example");
    Objects.requireNonNull(gradient, "gradient");
    if (n < 0) {
      throw new IllegalArgumentException("negative number of examples: " + n);
    }
    if (blockSize <= 0) {
      throw new IllegalArgumentException("block size must be positive: " + blockSize);
    }
    if (n == 0) {
      return 0.0;
    }
    Job job = new Job(n, upstream, example, gradient.length, blockSize);
    double[] root = job.buffers.take();
    double value;
    if (job.blocks == 1) {
      value = job.sumBlock(0, root);
    } else {
      Subtree all = new Subtree(job, 0, job.blocks, root);
      if (pool == null) {
        all.invoke();
      } else {
        pool.invoke(all);
      }
      value = all.value;
    }
    for (int i = 0; i < gradient.length; i++) {
      gradient[i] += root[i];
    }
    return value;
  }

  /** One call's data: the examples, how they are cut into blocks, and the buffers of the blocks. */
  private static final class Job {
    final int n;
    final double upstream;
    final ExamplePullback example;
    final int blockSize;
    final int blocks;
    final Buffers buffers;

    Job(int n, double upstream, ExamplePullback example, int length, int blockSize) {
      this.n = n;
      this.upstream = upstream;
      this.example = example;
      this.blockSize = blockSize;
      this.blocks = (int) ((n + (long) blockSize - 1) / blockSize);
      this.buffers = new Buffers(length);
    }

    /** Sums block {@code block}'s examples in order into {@code buffer}, which it zeroes first. */
    double sumBlock(int block, double[] buffer) {
      Arrays.fill(buffer, 0.0);
      int first = block * blockSize;
      int end = (int) Math.min((long) first + blockSize, n);
      double value = 0.0;
      for (int i = first; i < end; i++) {
        value += example.pullback(i, upstream, buffer);
      }
      return value;
    }

    /**
     * Sums the blocks [first, end) into {@code buffer} and returns their value: the left half here,
     * the right half forked (into a buffer of its own), then the right added into the left.
     */
    double sumBlocks(int first, int end, double[] buffer) {
      if (end - first == 1) {
        return sumBlock(first, buffer);
      }
      int middle = (first + end) >>> 1;
      Subtree right = new Subtree(this, middle, end, null);
      right.fork();
      double left = sumBlocks(first, middle, buffer);
      if (right.tryUnfork()) {
        right.compute();
      } else {
        right.join();
      }
      double[] rightBuffer = right.buffer;
      for (int i = 0; i < buffer.length; i++) {
        buffer[i] += rightBuffer[i];
      }
      buffers.give(rightBuffer);
      return left + right.value;
    }
  }

  /** The blocks [first, end) as a task; takes a buffer from the pool when it runs, unless given one. */
  @SuppressWarnings("serial") // never serialized
  private static final class Subtree extends RecursiveAction {
    private final Job job;
    private final int first;
    private final int end;
    double[] buffer;
    double value;

    Subtree(Job job, int first, int end, double[] buffer) {
      this.job = job;
      this.first = first;
      this.end = end;
      this.buffer = buffer;
    }

    @Override
    protected void compute() {
      if (buffer == null) {
        buffer = job.buffers.take();
      }
      value = job.sumBlocks(first, end, buffer);
    }
  }

  /** The buffers of one call, reused: a stack of free ones, a new one only when none is free. */
  private static final class Buffers {
    private final int length;
    private final ArrayDeque<double[]> free = new ArrayDeque<>();

    Buffers(int length) {
      this.length = length;
    }

    synchronized double[] take() {
      double[] buffer = free.pollLast();
      return buffer != null ? buffer : new double[length];
    }

    synchronized void give(double[] buffer) {
      free.addLast(buffer);
    }
  }
}
