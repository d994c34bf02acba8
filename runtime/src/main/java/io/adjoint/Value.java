package io.adjoint;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A scalar that records the operations applied to it and back-propagates gradients through them: a
 * dynamic, micrograd-style reverse-mode autograd for code the Adjoint processor does not see.
 *
 * <pre>{@code
 * Value a = new Value(2.0);
 * Value b = new Value(3.0);
 * Value e = a.add(b).add(a.mul(b));   // e = (a + b) + a*b = 11
 * e.backward();
 * System.out.println(a.grad());       // 4.0  (de/da = 1 + b)
 * System.out.println(b.grad());       // 3.0  (de/db = 1 + a)
 * }</pre>
 *
 * <h2>Operations</h2>
 *
 * Each line gives the value of the new node and its local derivatives ({@code x} is {@code this},
 * {@code y} the other operand, {@code c} a {@code double} constant, {@code out} the result):
 *
 * <ul>
 *   <li>{@code add}: x + y; ∂/∂x = 1, ∂/∂y = 1 (with a constant: x + c; ∂/∂x = 1)
 *   <li>{@code sub}: x − y; ∂/∂x = 1, ∂/∂y = −1 (with a constant: x − c; ∂/∂x = 1)
 *   <li>{@code mul}: x·y; ∂/∂x = y, ∂/∂y = x (with a constant: x·c; ∂/∂x = c)
 *   <li>{@code div}: x / y; ∂/∂x = 1/y, ∂/∂y = −x/y² (with a constant: x / c; ∂/∂x = 1/c)
 *   <li>{@code pow(double e)}: x<sup>e</sup>; ∂/∂x = e·x<sup>e−1</sup>, taken as 0 when e = 0
 *   <li>{@code pow(Value e)}: x<sup>e</sup>; ∂/∂x = e·x<sup>e−1</sup>, taken as 0 when e = 0;
 *       ∂/∂e = out·ln x, taken as 0 when x = 0 and e ≥ 0
 *   <li>{@code neg}: −x; ∂/∂x = −1
 *   <li>{@code relu}: max(x, 0); ∂/∂x = 1 if x &gt; 0, else 0 (so relu′(0) = 0); relu(NaN) = NaN
 *   <li>{@code sigmoid}: 1 / (1 + e<sup>−x</sup>); ∂/∂x = out·(1 − out)
 *   <li>{@code tanh}: tanh x; ∂/∂x = 1 − out²
 *   <li>{@code exp}: e<sup>x</sup>; ∂/∂x = out
 *   <li>{@code log}: ln x; ∂/∂x = 1/x
 *   <li>{@code sin}: sin x; ∂/∂x = cos x
 *   <li>{@code cos}: cos x; ∂/∂x = −sin x
 *   <li>{@code tan}: tan x; ∂/∂x = 1 + out²
 *   <li>{@code sqrt}: √x; ∂/∂x = 1 / (2·out), so sqrt′(0) = +∞
 *   <li>{@code abs}: |x|; ∂/∂x = sign x, with abs′(0) = 0
 *   <li>{@code min}: min(x, y); ∂/∂x = 1 if x &lt; y, 0 if x &gt; y, ½ at a tie (∂/∂y alike)
 *   <li>{@code max}: max(x, y); ∂/∂x = 1 if x &gt; y, 0 if x &lt; y, ½ at a tie (∂/∂y alike)
 *   <li>{@code sum(Value...)}: x₁ + … + xₙ as one node, summed left to right; ∂/∂xᵢ = 1
 * </ul>
 *
 * <h2>Conventions</h2>
 *
 * <ul>
 *   <li><b>IEEE results, never exceptions.</b> Values and derivatives follow {@link Math}: {@code log(0)}
 *       is −∞ (derivative +∞), {@code log(−1)} is NaN, {@code x / 0} is ±∞ or NaN.
 *   <li><b>Kinks.</b> relu′(0) = 0 and abs′(0) = 0, as in PyTorch and micrograd; at a tie {@code min}
 *       and {@code max} give each operand half the gradient, as PyTorch's {@code minimum}/{@code
 *       maximum} do.
 *   <li><b>One node as both operands.</b> In {@code x.sub(x)}, {@code x.div(x)}, {@code x.mul(x)} and
 *       {@code x.pow(x)} the two local terms are added together before they reach x, as the generated
 *       code adds an expression's terms. So x − x passes x exactly 0 (NaN if its gradient is infinite
 *       or NaN), not the rounding error of a large gradient added to x's and taken away again.
 *   <li><b>{@code pow} masking, as in PyTorch.</b> Where the true derivative is 0 but the formula would
 *       give NaN ({@code 0·∞}), the gradient is 0: ∂/∂x of x<sup>0</sup> is 0 for every x, and ∂/∂e of
 *       0<sup>e</sup> is 0 for e ≥ 0.
 * </ul>
 *
 * <h2>{@code backward()} and {@code zeroGrad()}</h2>
 *
 * {@link #backward()} sets this node's gradient to 1 and propagates it, in reverse topological order, to
 * every node this one depends on. It treats the two kinds of node differently, as PyTorch does:
 *
 * <ul>
 *   <li><b>Leaves</b> (made by {@code new Value} or {@link #of}) <b>accumulate</b>: each call adds to
 *       their gradient, until {@link #zeroGrad()} or {@link #setGrad} resets it. Calling {@code
 *       backward()} twice doubles a leaf's gradient.
 *   <li><b>Interior nodes</b> (results of operations) reached by a call have their gradient reset to 0
 *       before propagation, so afterwards they hold exactly this call's adjoint ∂root/∂node.
 * </ul>
 *
 * <p>{@code backward()} is iterative (an explicit stack, no recursion), so graphs of any depth work with
 * the default thread stack. A node takes 56 bytes on a 64-bit JVM with compressed pointers (an op
 * code, up to two operands or an array of terms, one constant, and a visit stamp; no closure). Each
 * backward call allocates a working array of references that grows by doubling: on large graphs at
 * most 16 bytes per interior node in all, 13 in the MLP benchmark.
 *
 * <h2>Seeing the graph, checking a gradient</h2>
 *
 * {@link #toDot()} writes the graph of a node in Graphviz DOT and {@link #toAscii()} as a text tree;
 * {@link Graphs} adds labels. {@link GradCheck#checkValue} compares {@code backward()} with finite
 * differences.
 *
 * <h2>Identity and threads</h2>
 *
 * A {@code Value} is a node in a graph, compared by identity ({@code equals} is not overridden). A graph
 * is not safe to mutate ({@code setData}, {@code setGrad}, {@code zeroGrad}) or to call {@code backward}
 * on from two threads at once — that includes two graphs that share nodes, such as parameters. Separate
 * graphs on separate threads are fine.
 */
public final class Value {

  // Operation codes. LEAF is 0 so that it is the only op without parents.
  private static final byte LEAF = 0;
  private static final byte ADD = 1;
  private static final byte ADD_CONST = 2; // also x - c, which IEEE defines as x + (-c)
  private static final byte SUB = 3;
  private static final byte MUL = 4;
  private static final byte MUL_CONST = 5;
  private static final byte DIV = 6;
  private static final byte DIV_CONST = 7;
  private static final byte POW = 8;
  private static final byte POW_CONST = 9;
  private static final byte NEG = 10;
  private static final byte RELU = 11;
  private static final byte SIGMOID = 12;
  private static final byte TANH = 13;
  private static final byte EXP = 14;
  private static final byte LOG = 15;
  private static final byte SIN = 16;
  private static final byte COS = 17;
  private static final byte TAN = 18;
  private static final byte SQRT = 19;
  private static final byte ABS = 20;
  private static final byte MIN = 21;
  private static final byte MAX = 22;
  private static final byte SUM = 23;

  /**
   * Source of visit stamps: every backward call takes a fresh one, so no node needs clearing after a
   * traversal. 0 (the stamp of a new node) is never handed out. An interior node left untouched for
   * exactly 2³² backward calls and then reused could be mistaken for visited; nothing else can.
   */
  private static final AtomicInteger STAMPS = new AtomicInteger();

  private double data;
  private double grad;
  private final double aux; // the constant of ADD_CONST, MUL_CONST, DIV_CONST, POW_CONST
  private final Value x; // first operand
  private final Value y; // second operand, or null
  private final Value[] terms; // the operands of SUM, else null
  private int stamp; // equals the current backward's stamp once this node is in its topological order
  private final byte op;

  /**
   * A leaf holding {@code data}, with gradient 0.
   *
   * @param data its value
   */
  public Value(double data) {
    this(data, LEAF, null, null, null, 0.0);
  }

  private Value(double data, byte op, Value x, Value y, Value[] terms, double aux) {
    this.data = data;
    this.op = op;
    this.x = x;
    this.y = y;
    this.terms = terms;
    this.aux = aux;
  }

  /**
   * A leaf holding {@code data}; the same as {@code new Value(data)}.
   *
   * @param data its value
   * @return the new leaf
   */
  public static Value of(double data) {
    return new Value(data);
  }

  /**
   * This node's value.
   *
   * @return the value
   */
  public double data() {
    return data;
  }

  /**
   * This node's gradient: after {@code root.backward()}, ∂root/∂this (accumulated over calls, for a
   * leaf).
   *
   * @return the gradient
   */
  public double grad() {
    return grad;
  }

  /**
   * Replaces this node's value; nodes computed from it earlier keep theirs.
   *
   * @param data the new value
   */
  public void setData(double data) {
    this.data = data;
  }

  /**
   * Replaces this node's gradient.
   *
   * @param grad the new gradient
   */
  public void setGrad(double grad) {
    this.grad = grad;
  }

  /** Resets this node's gradient to 0 (and no other node's). */
  public void zeroGrad() {
    grad = 0.0;
  }

  // ---- arithmetic ----------------------------------------------------------------------------

  /**
   * this + other; ∂/∂this = 1, ∂/∂other = 1.
   *
   * @param other the other operand
   * @return a new node
   */
  public Value add(Value other) {
    return new Value(data + other.data, ADD, this, other, null, 0.0);
  }

  /**
   * this + c; ∂/∂this = 1.
   *
   * @param c a constant
   * @return a new node
   */
  public Value add(double c) {
    return new Value(data + c, ADD_CONST, this, null, null, c);
  }

  /**
   * this − other; ∂/∂this = 1, ∂/∂other = −1.
   *
   * @param other the other operand
   * @return a new node
   */
  public Value sub(Value other) {
    return new Value(data - other.data, SUB, this, other, null, 0.0);
  }

  /**
   * this − c; ∂/∂this = 1.
   *
   * @param c a constant
   * @return a new node
   */
  public Value sub(double c) {
    return new Value(data - c, ADD_CONST, this, null, null, -c);
  }

  /**
   * this·other; ∂/∂this = other, ∂/∂other = this.
   *
   * @param other the other operand
   * @return a new node
   */
  public Value mul(Value other) {
    return new Value(data * other.data, MUL, this, other, null, 0.0);
  }

  /**
   * this·c; ∂/∂this = c.
   *
   * @param c a constant
   * @return a new node
   */
  public Value mul(double c) {
    return new Value(data * c, MUL_CONST, this, null, null, c);
  }

  /**
   * this / other; ∂/∂this = 1/other, ∂/∂other = −this/other².
   *
   * @param other the divisor
   * @return a new node
   */
  public Value div(Value other) {
    return new Value(data / other.data, DIV, this, other, null, 0.0);
  }

  /**
   * this / c; ∂/∂this = 1/c.
   *
   * @param c a constant divisor
   * @return a new node
   */
  public Value div(double c) {
    return new Value(data / c, DIV_CONST, this, null, null, c);
  }

  /**
   * this<sup>exponent</sup>; ∂/∂this = exponent·this<sup>exponent−1</sup>, taken as 0 when
   * exponent = 0.
   *
   * @param exponent a constant exponent
   * @return a new node
   */
  public Value pow(double exponent) {
    return new Value(Math.pow(data, exponent), POW_CONST, this, null, null, exponent);
  }

  /**
   * this<sup>exponent</sup>; ∂/∂this = exponent·this<sup>exponent−1</sup>, taken as 0 when
   * exponent = 0; ∂/∂exponent = out·ln this, taken as 0 when this = 0 and exponent ≥ 0.
   *
   * @param exponent the exponent
   * @return a new node
   */
  public Value pow(Value exponent) {
    return new Value(Math.pow(data, exponent.data), POW, this, exponent, null, 0.0);
  }

  /**
   * −this; ∂/∂this = −1.
   *
   * @return a new node
   */
  public Value neg() {
    return unary(-data, NEG);
  }

  // ---- functions -----------------------------------------------------------------------------

  /**
   * max(this, 0); ∂/∂this = 1 if this &gt; 0, else 0 (so relu′(0) = 0); relu(NaN) = NaN.
   *
   * @return a new node
   */
  public Value relu() {
    return unary(data <= 0.0 ? 0.0 : data, RELU);
  }

  /**
   * 1 / (1 + e<sup>−this</sup>); ∂/∂this = out·(1 − out).
   *
   * @return a new node
   */
  public Value sigmoid() {
    double s;
    if (data >= 0.0) {
      s = 1.0 / (1.0 + Math.exp(-data));
    } else { // exp(data) cannot overflow here, and small results keep their precision
      double e = Math.exp(data);
      s = e / (1.0 + e);
    }
    return unary(s, SIGMOID);
  }

  /**
   * tanh this; ∂/∂this = 1 − out².
   *
   * @return a new node
   */
  public Value tanh() {
    return unary(Math.tanh(data), TANH);
  }

  /**
   * e<sup>this</sup>; ∂/∂this = out.
   *
   * @return a new node
   */
  public Value exp() {
    return unary(Math.exp(data), EXP);
  }

  /**
   * ln this; ∂/∂this = 1/this.
   *
   * @return a new node
   */
  public Value log() {
    return unary(Math.log(data), LOG);
  }

  /**
   * sin this; ∂/∂this = cos this.
   *
   * @return a new node
   */
  public Value sin() {
    return unary(Math.sin(data), SIN);
  }

  /**
   * cos this; ∂/∂this = −sin this.
   *
   * @return a new node
   */
  public Value cos() {
    return unary(Math.cos(data), COS);
  }

  /**
   * tan this; ∂/∂this = 1 + out².
   *
   * @return a new node
   */
  public Value tan() {
    return unary(Math.tan(data), TAN);
  }

  /**
   * √this; ∂/∂this = 1 / (2·out), so sqrt′(0) = +∞.
   *
   * @return a new node
   */
  public Value sqrt() {
    return unary(Math.sqrt(data), SQRT);
  }

  /**
   * |this|; ∂/∂this = sign this, with abs′(0) = 0.
   *
   * @return a new node
   */
  public Value abs() {
    return unary(Math.abs(data), ABS);
  }

  /**
   * min(this, other); ∂/∂this = 1 if this &lt; other, 0 if this &gt; other, ½ at a tie (∂/∂other
   * alike).
   *
   * @param other the other operand
   * @return a new node
   */
  public Value min(Value other) {
    return new Value(Math.min(data, other.data), MIN, this, other, null, 0.0);
  }

  /**
   * max(this, other); ∂/∂this = 1 if this &gt; other, 0 if this &lt; other, ½ at a tie (∂/∂other
   * alike).
   *
   * @param other the other operand
   * @return a new node
   */
  public Value max(Value other) {
    return new Value(Math.max(data, other.data), MAX, this, other, null, 0.0);
  }

  /**
   * The sum of {@code values}, left to right, as one node; an empty sum is 0. ∂/∂valuesᵢ = 1.
   *
   * @param values the terms
   * @return a new node
   */
  public static Value sum(Value... values) {
    return sumOf(values.clone());
  }

  /**
   * The sum of {@code values}, in iteration order, as one node; an empty sum is 0. ∂/∂valuesᵢ = 1.
   *
   * @param values the terms
   * @return a new node
   */
  public static Value sum(Iterable<Value> values) {
    Value[] terms;
    if (values instanceof Collection) {
      terms = ((Collection<Value>) values).toArray(new Value[0]);
    } else {
      ArrayList<Value> list = new ArrayList<>();
      values.forEach(list::add);
      terms = list.toArray(new Value[0]);
    }
    return sumOf(terms);
  }

  /**
   * A node computed elsewhere, whose value and partial derivatives are known: a function of {@code
   * inputs} with value {@code value} and {@code ∂value/∂inputs[i] = partials[i]}. Backward sends {@code
   * partials[i]} times this node's gradient to {@code inputs[i]}. Generated gradients use it to put a
   * whole compiled function into a graph as one node ({@code FooGradients.f(Value x, Value y)}).
   *
   * @param value the function's value
   * @param inputs the nodes it is a function of
   * @param partials the partial derivative with respect to each input
   * @return a new node
   * @throws IllegalArgumentException if the arrays differ in length
   */
  public static Value withPartials(double value, Value[] inputs, double[] partials) {
    if (inputs.length != partials.length) {
      throw new IllegalArgumentException(inputs.length + " inputs but " + partials.length + " partials");
    }
    // A sum, with the function's value, of one scaled term per input: backward gives each input its
    // partial times this node's gradient. The terms' own data is never read.
    Value[] terms = new Value[inputs.length];
    for (int i = 0; i < inputs.length; i++) {
      terms[i] = new Value(Double.NaN, MUL_CONST, inputs[i], null, null, partials[i]);
    }
    return new Value(value, SUM, null, null, terms, 0.0);
  }

  private static Value sumOf(Value[] terms) {
    // Starting from the first term rather than 0.0 keeps IEEE's −0 + −0 = −0. Reading every term also
    // rejects null terms here rather than in backward.
    double s = terms.length == 0 ? 0.0 : terms[0].data;
    for (int i = 1; i < terms.length; i++) {
      s += terms[i].data;
    }
    return new Value(s, SUM, null, null, terms, 0.0);
  }

  private Value unary(double out, byte op) {
    return new Value(out, op, this, null, null, 0.0);
  }

  // ---- backward ------------------------------------------------------------------------------

  /**
   * Sets this node's gradient to 1 and adds ∂this/∂n to the gradient of every node n this one depends
   * on. Leaves accumulate across calls; interior nodes reached by this call are first reset to 0, so
   * they hold this call's adjoint only. See the class documentation.
   */
  public void backward() {
    if (op == LEAF) {
      grad = 1.0;
      return;
    }
    int visit = STAMPS.incrementAndGet();
    if (visit == 0) { // wrapped around: 0 marks nodes never visited
      visit = STAMPS.incrementAndGet();
    }

    // Topological order by an iterative depth-first search over the interior nodes (leaves only
    // receive gradients, so they need no place in the order). One array holds both the finished
    // nodes, in topological order from index 0 up, and the stack of the current path, from the end
    // down; together they never exceed the nodes visited. A node on the stack rescans its operands for
    // the first one not yet finished (at most two, so this is cheap); a SUM node keeps its scan
    // position on a side stack instead. An unfinished operand is never already on the stack: that
    // would be a cycle, and nodes, whose operands are fixed at construction, cannot form one.
    Value[] buf = new Value[64];
    int done = 0; // buf[0, done): finished
    int top = buf.length; // buf[top, length): the stack, its top at buf[top]
    int[] scan = new int[8]; // scan positions of the SUM nodes on the stack
    int sums = 0;

    grad = 0.0;
    buf[--top] = this;
    if (op == SUM) {
      scan[sums++] = 0;
    }
    while (top < buf.length) {
      Value v = buf[top];
      Value next = null;
      if (v.op == SUM) {
        Value[] terms = v.terms;
        int i = scan[sums - 1];
        while (i < terms.length) {
          Value t = terms[i++];
          if (t.op != LEAF && t.stamp != visit) {
            next = t;
            break;
          }
        }
        scan[sums - 1] = i;
      } else {
        Value a = v.x;
        Value b = v.y;
        if (a.op != LEAF && a.stamp != visit) {
          next = a;
        } else if (b != null && b.op != LEAF && b.stamp != visit) {
          next = b;
        }
      }
      if (next == null) { // every operand finished: so is v
        top++;
        v.stamp = visit;
        buf[done++] = v;
        if (v.op == SUM) {
          sums--;
        }
        continue;
      }
      next.grad = 0.0; // interior nodes hold this call's adjoint only
      if (done == top) { // full: double, the finished nodes staying at the start, the stack at the end
        Value[] bigger = new Value[buf.length * 2];
        System.arraycopy(buf, 0, bigger, 0, done);
        int depth = buf.length - top;
        System.arraycopy(buf, top, bigger, bigger.length - depth, depth);
        top = bigger.length - depth;
        buf = bigger;
      }
      buf[--top] = next;
      if (next.op == SUM) {
        if (sums == scan.length) {
          scan = Arrays.copyOf(scan, sums * 2);
        }
        scan[sums++] = 0;
      }
    }

    grad = 1.0; // this node finished last, so buf[done - 1] == this
    for (int i = done - 1; i >= 0; i--) {
      buf[i].propagate();
    }
  }

  /** Adds this node's gradient times each local derivative to the gradients of its operands. */
  private void propagate() {
    double g = grad;
    Value a = x;
    switch (op) {
      case ADD:
        operands(g, g);
        break;
      case ADD_CONST:
        a.grad += g;
        break;
      case SUB:
        operands(g, -g);
        break;
      case MUL:
        operands(g * y.data, g * a.data);
        break;
      case MUL_CONST:
        a.grad += g * aux;
        break;
      case DIV:
        {
          double yd = y.data;
          operands(g / yd, -(g * (data / yd))); // x/y² without overflowing y²
          break;
        }
      case DIV_CONST:
        a.grad += g / aux;
        break;
      case POW_CONST:
        if (aux != 0.0) {
          a.grad += g * aux * Math.pow(a.data, aux - 1.0);
        }
        break;
      case POW:
        {
          double base = a.data;
          double e = y.data;
          operands(
              e != 0.0 ? g * e * Math.pow(base, e - 1.0) : 0.0,
              !(base == 0.0 && e >= 0.0) ? g * data * Math.log(base) : 0.0);
          break;
        }
      case NEG:
        a.grad -= g;
        break;
      case RELU:
        if (data > 0.0) {
          a.grad += g;
        }
        break;
      case SIGMOID:
        a.grad += g * data * (1.0 - data);
        break;
      case TANH:
        a.grad += g * (1.0 - data * data);
        break;
      case EXP:
        a.grad += g * data;
        break;
      case LOG:
        a.grad += g / a.data;
        break;
      case SIN:
        a.grad += g * Math.cos(a.data);
        break;
      case COS:
        a.grad -= g * Math.sin(a.data);
        break;
      case TAN:
        a.grad += g * (1.0 + data * data);
        break;
      case SQRT:
        a.grad += g / (2.0 * data);
        break;
      case ABS:
        {
          double d = a.data;
          if (d > 0.0) {
            a.grad += g;
          } else if (d < 0.0) {
            a.grad -= g;
          } else if (d != d) { // NaN in, NaN out
            a.grad += g * d;
          }
          break;
        }
      case MIN:
        minMax(a, y, g, a.data < y.data, a.data > y.data);
        break;
      case MAX:
        minMax(a, y, g, a.data > y.data, a.data < y.data);
        break;
      case SUM:
        for (Value t : terms) {
          t.grad += g;
        }
        break;
      default:
        throw new AssertionError(op);
    }
  }

  /**
   * Adds a binary operation's two local terms to its operands' gradients; when both operands are one
   * node, their sum, so that x − x adds exactly 0 however large the gradient.
   */
  private void operands(double toX, double toY) {
    if (x == y) {
      x.grad += toX + toY;
    } else {
      x.grad += toX;
      y.grad += toY;
    }
  }

  /**
   * Routes {@code g} to the selected operand: {@code aWins} gives it all to a, {@code bWins} all to b,
   * a tie half to each; when neither holds (NaN) each gets all of it, as in PyTorch.
   */
  private static void minMax(Value a, Value b, double g, boolean aWins, boolean bWins) {
    if (a.data == b.data) {
      a.grad += 0.5 * g;
      b.grad += 0.5 * g;
    } else {
      if (!bWins) {
        a.grad += g;
      }
      if (!aWins) {
        b.grad += g;
      }
    }
  }

  // ---- pictures of the graph -------------------------------------------------------------------

  /**
   * The graph of this node in Graphviz DOT, as micrograd's {@code draw_dot} draws it; {@link
   * Graphs#toDot(Value, java.util.Map)} adds labels.
   *
   * @return the DOT text; render it with {@code dot -Tsvg graph.dot -o graph.svg}
   */
  public String toDot() {
    return Graphs.toDot(this);
  }

  /**
   * The graph of this node as an indented text tree, one line per node; {@link Graphs#toAscii(Value,
   * java.util.Map, int)} describes the format and adds labels.
   *
   * @return the tree, each line ending with a line feed
   */
  public String toAscii() {
    return Graphs.toAscii(this);
  }

  // ---- the graph, for Graphs (read only, off the hot path) ------------------------------------

  /** Symbols of the operations, indexed by op code; a constant operand is appended by {@link #opLabel}. */
  private static final String[] OP_SYMBOLS = {
    null, "+", "+", "-", "*", "*", "/", "/", "^", "^", "neg", "relu", "sigmoid", "tanh", "exp", "log",
    "sin", "cos", "tan", "sqrt", "abs", "min", "max", "sum"
  };

  /**
   * The operation that made this node, as {@link Graphs} prints it: {@code "+"}, {@code "*"}, {@code
   * "relu"}, …, with a constant operand after a space ({@code "* 0.5"}; {@code x.sub(c)} is {@code "+
   * -c"}); null for a leaf.
   */
  String opLabel() {
    String symbol = OP_SYMBOLS[op];
    switch (op) {
      case ADD_CONST:
      case MUL_CONST:
      case DIV_CONST:
      case POW_CONST:
        return symbol + " " + aux;
      default:
        return symbol;
    }
  }

  /** The number of operands: 0 for a leaf, 1 or 2 for the operations, any for a sum. */
  int arity() {
    if (op == SUM) {
      return terms.length;
    }
    return x == null ? 0 : y == null ? 1 : 2;
  }

  /** Operand {@code i}, {@code 0 <= i < arity()}, in the order the operation takes them. */
  Value operand(int i) {
    return op == SUM ? terms[i] : i == 0 ? x : y;
  }

  /** {@code Value(data=2.0, grad=0.0)}, with the numbers as {@link Double#toString(double)} prints them. */
  @Override
  public String toString() {
    return "Value(data=" + data + ", grad=" + grad + ")";
  }
}
