package io.adjoint.processor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Differentiable records, end to end: record parameters (nested, with array and int components, {@code
 * @NoDerivative}), arrays of records (indexed and for-each), record locals, records created with {@code
 * new}, conditionals between records, and records passed on to other {@code @Differentiable} methods.
 * Each method is checked at random points against central differences and ⟨∇f, v⟩ through its tangent
 * form (see {@link EndToEnd}), and against the same function written over flat doubles and arrays.
 */
class RecordTest {
  private static final String SOURCE =
      """
      package p;
      import io.adjoint.Differentiable;
      import io.adjoint.NoDerivative;
      public class R {
        public record Point(double x, double y) {}
        public record Particle(Point pos, Point vel, double mass) {
          public Particle {
            if (mass <= 0) {
              throw new IllegalArgumentException("mass must be positive: " + mass);
            }
          }
        }
        public record Spring(double k, double rest, int id, boolean on) {
          @Differentiable public double stretch(Point a, Point b) {
            double d = Math.sqrt(norm2(new Point(a.x() - b.x(), a.y() - b.y()))) - rest;
            return 0.5 * k() * d * d * (id + 1) + this.rest * stiffness();
          }

          @Differentiable public double stiffness() {
            return on ? k * this.k() : k;
          }
        }
        public record Layer(double[][] w, double[] b) {}

        @Differentiable public static double norm2(Point p) {
          return p.x() * p.x() + p.y() * p.y();
        }

        @Differentiable public static double kinetic(Particle p) {
          Point v = p.vel();
          return 0.5 * p.mass() * (v.x() * v.x() + v.y() * v.y());
        }

        @Differentiable public static double energy(Particle a, Particle b, Spring s) {
          double dx = a.pos().x() - b.pos().x();
          double dy = a.pos().y() - b.pos().y();
          double d = Math.sqrt(dx * dx + dy * dy) - s.rest();
          double e = 0.5 * s.k() * d * d + kinetic(a) + kinetic(b);
          return s.on() ? e * (1 + s.id()) : e;
        }

        @Differentiable public static double energyFlat(
            double ax, double ay, double avx, double avy, double am,
            double bx, double by, double bvx, double bvy, double bm,
            double k, double rest, int id, boolean on) {
          double dx = ax - bx;
          double dy = ay - by;
          double d = Math.sqrt(dx * dx + dy * dy) - rest;
          double e = 0.5 * k * d * d + 0.5 * am * (avx * avx + avy * avy) + 0.5 * bm * (bvx * bvx + bvy * bvy);
          return on ? e * (1 + id) : e;
        }

        @Differentiable public static double total(Particle[] ps, double g) {
          double e = 0;
          for (Particle p : ps) {
            e += kinetic(p) + g * p.mass() * p.pos().y();
          }
          for (int i = 0; i + 1 < ps.length; i++) {
            Point d = new Point(ps[i].pos().x() - ps[i + 1].pos().x(), ps[i].pos().y() - ps[i + 1].pos().y());
            e += norm2(d) * ps[i + 1].mass();
          }
          return e;
        }

        @Differentiable public static double totalFlat(double[] flat, double g) {
          double e = 0;
          int n = flat.length / 5;
          for (int i = 0; i < n; i++) {
            e += 0.5 * flat[5 * i + 4] * (flat[5 * i + 2] * flat[5 * i + 2] + flat[5 * i + 3] * flat[5 * i + 3])
                + g * flat[5 * i + 4] * flat[5 * i + 1];
          }
          for (int i = 0; i + 1 < n; i++) {
            double dx = flat[5 * i] - flat[5 * i + 5];
            double dy = flat[5 * i + 1] - flat[5 * i + 6];
            e += (dx * dx + dy * dy) * flat[5 * i + 9];
          }
          return e;
        }

        @Differentiable public static double layer(Layer l, double[] x) {
          double s = 0;
          for (int i = 0; i < l.b().length; i++) {
            double z = l.b()[i];
            double[] row = l.w()[i];
            for (int j = 0; j < x.length; j++) {
              z += row[j] * x[j];
            }
            s += Math.tanh(z);
          }
          return s;
        }

        @Differentiable public static double network(Layer first, Layer second, double[] x) {
          Layer l = first;
          return layer(l, x) * layer(second, x) + layer(new Layer(second.w(), first.b()), x);
        }

        @Differentiable public static double mid(Point a, Point b, double t) {
          Point m = new Point(a.x() + t * (b.x() - a.x()), a.y() + t * (b.y() - a.y()));
          Point q = t > 0.5 ? m : a;
          q = new Point(q.x() * 2, Math.sin(q.y()));
          var r = q;
          return norm2(r) + m.x() * norm2(new Point(t, b.y()));
        }

        @Differentiable public static Point midpoint(Point a, Point b) {
          return new Point(0.5 * (a.x() + b.x()), 0.5 * (a.y() + b.y()));
        }

        @Differentiable public static Point rotate(Point p, double angle) {
          double c = Math.cos(angle);
          double s = Math.sin(angle);
          Point q = new Point(c * p.x() - s * p.y(), s * p.x() + c * p.y());
          return angle > 3 ? p : q;
        }

        @Differentiable public static Point centroid(Particle[] ps) {
          double x = 0;
          double y = 0;
          double m = 0;
          for (Particle p : ps) {
            x += p.mass() * p.pos().x();
            y += p.mass() * p.pos().y();
            m += p.mass();
          }
          return new Point(x / m, y / m);
        }

        @Differentiable public static double chained(Point a, Point b, double angle, Particle[] ps) {
          Point m = midpoint(a, b);
          Point r = rotate(m, angle);
          double spread = 0;
          for (int i = 0; i < ps.length; i++) {
            Point c = centroid(ps);
            spread += norm2(new Point(ps[i].pos().x() - c.x(), ps[i].pos().y() - c.y()));
          }
          r = rotate(r, -angle * 0.5);
          return norm2(r) + rotate(a, angle).x() * m.y() + spread + midpoint(a, centroid(ps)).y();
        }

        @Differentiable public static double contracted(Point a, Point b, double ux, double uy) {
          Point m = midpoint(a, b);
          return ux * m.x() + uy * m.y();
        }

        @Differentiable public static double springs(Spring s, Point a, Point b) {
          Spring t = new Spring(s.k() * 2, s.rest(), 1, !s.on());
          return s.stretch(a, b) + t.stretch(b, a) + s.stiffness();
        }

        @Differentiable public static double stretchStatic(Spring s, Point a, Point b) {
          double d = Math.sqrt(norm2(new Point(a.x() - b.x(), a.y() - b.y()))) - s.rest();
          return 0.5 * s.k() * d * d * (s.id() + 1) + s.rest() * (s.on() ? s.k() * s.k() : s.k());
        }

        /** Returns inside a loop and after it: one array the paths fill, so that callers inline it. */
        @Differentiable public static Point firstHeavy(Particle[] ps, double limit) {
          for (Particle p : ps) {
            if (p.mass() > limit) {
              return p.pos();
            }
          }
          if (limit > 1.5) {
            return new Point(limit, 0);
          }
          return new Point(0, limit);
        }

        @Differentiable public static double useFirst(Particle[] ps, double limit) {
          Point q = firstHeavy(ps, limit);
          return norm2(q) * limit + firstHeavy(ps, limit * 0.5).x();
        }

        /** Records used inside a second-order method (inlined there). */
        @Differentiable(order = 2) public static double second(double x, double y) {
          Point p = new Point(x * y, Math.sin(x));
          return norm2(p) + midpoint(p, new Point(y, x)).y() * x;
        }

        /** Record parameters named like the generated code's temporaries and result. */
        @Differentiable public static double named(Point t, Point value, Point partials, Point upstream) {
          return (t.x() - 1) * (t.y() - 2) + value.x() * value.y() + partials.x() * upstream.y() + callsD(t);
        }

        /** A record parameter named like a local of a callee inlined into the method (rotate's c and s). */
        @Differentiable public static double callsD(Point c) {
          Point s = rotate(c, 0.5);
          return s.x() * c.y();
        }

        @Differentiable public static double potential(Particle p) {
          return -9.81 * p.mass() * p.pos().y();
        }

        @Differentiable public static double fixedSpring(Particle a, @NoDerivative Spring s, @NoDerivative Point origin) {
          double dx = a.pos().x() - origin.x();
          return s.k() * dx * dx + a.mass();
        }
      }
      """;

  private static EndToEnd s;
  private static Class<?> point;
  private static Class<?> particle;
  private static Class<?> spring;
  private static Class<?> layer;

  @BeforeAll
  static void compile() throws Exception {
    s = new EndToEnd("R", SOURCE);
    ClassLoader loader = s.type().getClassLoader();
    point = loader.loadClass("p.R$Point");
    particle = loader.loadClass("p.R$Particle");
    spring = loader.loadClass("p.R$Spring");
    layer = loader.loadClass("p.R$Layer");
  }

  private static Object point(double x, double y) throws Exception {
    return point.getDeclaredConstructor(double.class, double.class).newInstance(x, y);
  }

  private static Object particle(SplittableRandom r) throws Exception {
    return particle.getDeclaredConstructor(point, point, double.class)
        .newInstance(point(r.nextDouble(-2, 2), r.nextDouble(-2, 2)), point(r.nextDouble(-1, 1), r.nextDouble(-1, 1)),
            r.nextDouble(0.5, 2));
  }

  private static Object spring(SplittableRandom r) throws Exception {
    return spring.getDeclaredConstructor(double.class, double.class, int.class, boolean.class)
        .newInstance(r.nextDouble(0.5, 2), r.nextDouble(0.1, 1), r.nextInt(3), r.nextBoolean());
  }

  private static Object layer(SplittableRandom r, int out, int in) throws Exception {
    double[][] w = new double[out][in];
    double[] b = new double[out];
    for (int i = 0; i < out; i++) {
      b[i] = r.nextDouble(-0.5, 0.5);
      for (int j = 0; j < in; j++) {
        w[i][j] = r.nextDouble(-0.5, 0.5);
      }
    }
    return layer.getDeclaredConstructor(double[][].class, double[].class).newInstance(w, b);
  }

  private static double[] vector(SplittableRandom r, int n) {
    return r.doubles(n, -1, 1).toArray();
  }

  private static Object particles(SplittableRandom r, int n) throws Exception {
    Object[] ps = (Object[]) java.lang.reflect.Array.newInstance(particle, n);
    for (int i = 0; i < n; i++) {
      ps[i] = particle(r);
    }
    return ps;
  }

  @Test
  void recordParametersNestedWithIntAndBooleanComponents() throws Exception {
    SplittableRandom r = new SplittableRandom(1);
    for (int i = 0; i < 8; i++) {
      s.check("norm2", i, point(r.nextDouble(-2, 2), r.nextDouble(-2, 2)));
      s.check("kinetic", i, particle(r));
      s.check("energy", i, particle(r), particle(r), spring(r));
    }
  }

  @Test
  void sameGradientAsTheFlatMethod() throws Exception {
    SplittableRandom r = new SplittableRandom(2);
    for (int i = 0; i < 8; i++) {
      Object a = particle(r);
      Object b = particle(r);
      Object sp = spring(r);
      double[] byRecords = s.gradient("energy", a, b, sp);
      Object[] flat = new Object[14];
      int k = 0;
      for (Object q : new Object[] {a, b}) {
        for (String c : new String[] {"pos", "vel"}) {
          Object pt = EndToEnd.part(q, c);
          flat[k++] = EndToEnd.part(pt, "x");
          flat[k++] = EndToEnd.part(pt, "y");
        }
        flat[k++] = EndToEnd.part(q, "mass");
      }
      flat[k++] = EndToEnd.part(sp, "k");
      flat[k++] = EndToEnd.part(sp, "rest");
      flat[k++] = EndToEnd.part(sp, "id");
      flat[k] = EndToEnd.part(sp, "on");
      double[] byDoubles = s.gradient("energyFlat", flat);
      assertArrayEquals(byDoubles, byRecords, 1e-12 * (1 + Arrays.stream(byDoubles).map(Math::abs).max().orElse(0)));
      assertEquals(s.value("energyFlat", flat), s.value("energy", a, b, sp), 0.0);
    }
  }

  @Test
  void arraysOfRecordsIndexedAndForEach() throws Exception {
    SplittableRandom r = new SplittableRandom(3);
    for (int n : new int[] {0, 1, 2, 5}) {
      Object ps = particles(r, n);
      double g = r.nextDouble(1, 10);
      double[] byRecords = s.check("total", n, ps, g);
      double[] flat = new double[5 * n];
      for (int i = 0; i < n; i++) {
        Object q = ((Object[]) ps)[i];
        Object pos = EndToEnd.part(q, "pos");
        Object vel = EndToEnd.part(q, "vel");
        flat[5 * i] = (double) EndToEnd.part(pos, "x");
        flat[5 * i + 1] = (double) EndToEnd.part(pos, "y");
        flat[5 * i + 2] = (double) EndToEnd.part(vel, "x");
        flat[5 * i + 3] = (double) EndToEnd.part(vel, "y");
        flat[5 * i + 4] = (double) EndToEnd.part(q, "mass");
      }
      assertArrayEquals(s.gradient("totalFlat", flat, g), byRecords, 1e-12 * (1 + n));
    }
  }

  @Test
  void recordsWithArrayComponentsPassedOn() throws Exception {
    SplittableRandom r = new SplittableRandom(4);
    for (int i = 0; i < 5; i++) {
      s.check("layer", i, layer(r, 3, 4), vector(r, 4));
      s.check("network", i, layer(r, 4, 4), layer(r, 4, 4), vector(r, 4));
    }
  }

  /** The names of record parameters are the generated forms' too: no temporary takes them. */
  @Test
  void recordParametersNamedLikeTemporaries() throws Exception {
    SplittableRandom r = new SplittableRandom(12);
    for (int i = 0; i < 3; i++) {
      s.check("named", i, point(r.nextDouble(), r.nextDouble()), point(r.nextDouble(), r.nextDouble()),
          point(r.nextDouble(), r.nextDouble()), point(r.nextDouble(), r.nextDouble()));
    }
  }

  @Test
  void localsNewAndConditionals() throws Exception {
    SplittableRandom r = new SplittableRandom(5);
    for (int i = 0; i < 10; i++) {
      double t = r.nextDouble(0, 1);
      if (Math.abs(t - 0.5) < 1e-2) {
        continue;
      }
      s.check("mid", i, point(r.nextDouble(-2, 2), r.nextDouble(-2, 2)), point(r.nextDouble(-2, 2), r.nextDouble(-2, 2)), t);
    }
  }

  @Test
  void noDerivativeRecordsGetNoComponent() throws Exception {
    SplittableRandom r = new SplittableRandom(6);
    Object a = particle(r);
    Object record = method("fixedSpring").invoke(null, a, spring(r), point(0.5, 0.25));
    assertEquals(2, record.getClass().getRecordComponents().length, "value and a");
    double[] g = s.gradient("fixedSpring", a, spring(r), point(0.5, 0.25));
    assertEquals(5, g.length);
    assertEquals(1.0, g[4], 0.0, "d/d mass");
  }

  /**
   * Derivatives come back as the generated tangent record, never as the user's record: a partial with
   * respect to {@code mass} may be negative, which Particle's constructor rejects.
   */
  @Test
  void derivativesAreTangentRecordsSharedByMethods() throws Exception {
    SplittableRandom r = new SplittableRandom(7);
    Object a = particle(r);
    Object b = particle(r);
    Object spring = spring(r);
    Object energy = method("energy").invoke(null, a, b, spring);
    Object kinetic = method("kinetic").invoke(null, a);
    Object aTangent = EndToEnd.part(energy, "a");
    assertEquals("p.R_ParticleTangent", aTangent.getClass().getName());
    assertSame(aTangent.getClass(), EndToEnd.part(kinetic, "p").getClass());
    assertEquals(
        "p.R_PointTangent", EndToEnd.part(aTangent, "pos").getClass().getName());
    // the spring's int and boolean components carry no derivative: its tangent has k and rest only
    assertEquals(2, EndToEnd.part(energy, "s").getClass().getRecordComponents().length);
    // a potential that falls with mass has a negative partial in it, which Particle's constructor rejects
    Object high = particle.getDeclaredConstructor(point, point, double.class).newInstance(point(0, 2), point(0, 0), 1.0);
    assertThrows(InvocationTargetException.class,
        () -> particle.getDeclaredConstructor(point, point, double.class).newInstance(point(0, 0), point(0, 0), -1.0));
    Object potential = method("potential").invoke(null, high);
    assertEquals(-2 * 9.81, (double) EndToEnd.part(EndToEnd.part(potential, "p"), "mass"), 1e-12);
  }

  /** Into: a record contributes its differentiable leaves in declaration order; an array its elements in turn. */
  @Test
  void intoAndPullbackKeepTheFlatLayout() throws Exception {
    SplittableRandom r = new SplittableRandom(8);
    Object a = particle(r);
    Object b = particle(r);
    Object sp = spring(r);
    double[] gradient = s.gradient("energy", a, b, sp);
    double[] partials = new double[gradient.length];
    double value = (double) method("energyInto").invoke(null, a, b, sp, partials);
    assertEquals(s.value("energy", a, b, sp), value, 0.0);
    assertArrayEquals(gradient, partials, 0.0);
    double[] adjoints = new double[gradient.length + 3];
    Arrays.fill(adjoints, 1.0);
    method("energyPullback").invoke(null, a, b, sp, 2.0, adjoints, 2);
    for (int i = 0; i < gradient.length; i++) {
      assertEquals(1.0 + 2.0 * gradient[i], adjoints[i + 2], 1e-15 * (1 + Math.abs(gradient[i])));
    }
    Object ps = particles(r, 4);
    double[] total = s.gradient("total", ps, 9.81);
    double[] into = new double[total.length];
    method("totalInto").invoke(null, ps, 9.81, into);
    assertArrayEquals(total, into, 0.0);
  }

  /** Records returned and passed on, inside loops too: the chain rule flows through them. */
  @Test
  void returnedRecordsChainThrough() throws Exception {
    SplittableRandom r = new SplittableRandom(9);
    for (int i = 0; i < 6; i++) {
      s.check("chained", i, point(r.nextDouble(-2, 2), r.nextDouble(-2, 2)), point(r.nextDouble(-2, 2), r.nextDouble(-2, 2)),
          r.nextDouble(-2, 2.9), particles(r, 1 + i % 4));
    }
  }

  @Test
  void returnsInsideLoopsAndOnSeveralPaths() throws Exception {
    SplittableRandom r = new SplittableRandom(13);
    for (int i = 0; i < 12; i++) {
      double limit = r.nextDouble(0.5, 2.5);
      Object ps = particles(r, i % 4);
      boolean nearTie = false;
      for (Object p : (Object[]) ps) {
        double m = (double) EndToEnd.part(p, "mass");
        nearTie |= Math.abs(m - limit) < 1e-2 || Math.abs(m - limit * 0.5) < 1e-2;
      }
      if (!nearTie && Math.abs(limit - 1.5) > 1e-2 && Math.abs(limit * 0.5 - 1.5) > 1e-2) {
        s.check("useFirst", i, ps, limit);
      }
    }
  }

  @Test
  void recordsInsideSecondOrderMethods() throws Exception {
    SplittableRandom r = new SplittableRandom(14);
    for (int i = 0; i < 6; i++) {
      s.check("second", i, r.nextDouble(-2, 2), r.nextDouble(-2, 2));
    }
  }

  /** The pullback of a record-returning method takes the upstream as the record's tangent. */
  @Test
  void pullbackTakesTheUpstreamAsATangent() throws Exception {
    SplittableRandom r = new SplittableRandom(10);
    Class<?> pointTangent = s.type().getClassLoader().loadClass("p.R_PointTangent");
    for (int i = 0; i < 5; i++) {
      Object a = point(r.nextDouble(-2, 2), r.nextDouble(-2, 2));
      Object b = point(r.nextDouble(-2, 2), r.nextDouble(-2, 2));
      double ux = r.nextDouble(-1, 1);
      double uy = r.nextDouble(-1, 1);
      double[] expected = s.check("contracted", i, a, b, ux, uy); // ⟨u, midpoint(a, b)⟩, against differences
      double[] adjoints = new double[4];
      method("midpointPullback").invoke(null, a, b, pointTangent.getDeclaredConstructor(double.class, double.class).newInstance(ux, uy), adjoints, 0);
      assertArrayEquals(Arrays.copyOf(expected, 4), adjoints, 1e-15);
    }
  }

  /**
   * An instance method of a record differentiates with respect to the receiver's components too (the
   * gradient's component {@code receiver}, first after the value); other methods call it on records.
   */
  @Test
  void instanceMethodsOfRecords() throws Exception {
    SplittableRandom r = new SplittableRandom(11);
    Class<?> springGradients = s.type().getClassLoader().loadClass("p.R_SpringGradients");
    Method stretch = null;
    for (Method m : springGradients.getDeclaredMethods()) {
      if (m.getName().equals("stretch") && m.getParameterCount() == 3) {
        stretch = m;
      }
    }
    for (int i = 0; i < 6; i++) {
      Object sp = spring(r);
      Object a = point(r.nextDouble(-2, 2), r.nextDouble(-2, 2));
      Object b = point(r.nextDouble(-2, 2), r.nextDouble(-2, 2));
      s.check("springs", i, sp, a, b);
      double[] expected = s.check("stretchStatic", i, sp, a, b);
      Object record = stretch.invoke(null, sp, a, b);
      var components = record.getClass().getRecordComponents();
      assertEquals("value", components[0].getName());
      assertEquals("receiver", components[1].getName());
      assertEquals(s.value("stretchStatic", sp, a, b), (double) EndToEnd.part(record, "value"), 1e-12);
      double[] actual = {
        (double) EndToEnd.part(EndToEnd.part(record, "receiver"), "k"),
        (double) EndToEnd.part(EndToEnd.part(record, "receiver"), "rest"),
        (double) EndToEnd.part(EndToEnd.part(record, "a"), "x"),
        (double) EndToEnd.part(EndToEnd.part(record, "a"), "y"),
        (double) EndToEnd.part(EndToEnd.part(record, "b"), "x"),
        (double) EndToEnd.part(EndToEnd.part(record, "b"), "y"),
      };
      assertArrayEquals(expected, actual, 1e-12 * (1 + Arrays.stream(expected).map(Math::abs).max().orElse(0)));
    }
  }

  /**
   * The tangent form of a record-returning method (value and tangent as the record's doubles) against
   * the pullback, checked itself against central differences: ⟨u, J·v⟩ = ⟨Jᵀ·u, v⟩, and the value.
   */
  @Test
  void tangentOfARecordReturningMethodMatchesItsPullback() throws Exception {
    SplittableRandom r = new SplittableRandom(15);
    Class<?> pointTangent = s.type().getClassLoader().loadClass("p.R_PointTangent");
    var make = pointTangent.getDeclaredConstructor(double.class, double.class);
    for (int i = 0; i < 5; i++) {
      Object a = point(r.nextDouble(-2, 2), r.nextDouble(-2, 2));
      Object b = point(r.nextDouble(-2, 2), r.nextDouble(-2, 2));
      double[] v = r.doubles(4, -1, 1).toArray();
      double[] u = r.doubles(2, -1, 1).toArray();
      Object tangent = method("midpointTangent").invoke(null, a, b, make.newInstance(v[0], v[1]), make.newInstance(v[2], v[3]));
      double[] value = (double[]) EndToEnd.part(tangent, "value");
      double[] jv = (double[]) EndToEnd.part(tangent, "tangent");
      Object mid = s.type().getDeclaredMethod("midpoint", point, point).invoke(null, a, b);
      assertArrayEquals(new double[] {(double) EndToEnd.part(mid, "x"), (double) EndToEnd.part(mid, "y")}, value, 0.0);
      double[] jtu = new double[4];
      method("midpointPullback").invoke(null, a, b, make.newInstance(u[0], u[1]), jtu, 0);
      double left = u[0] * jv[0] + u[1] * jv[1];
      double right = 0;
      for (int k = 0; k < 4; k++) {
        right += jtu[k] * v[k];
      }
      assertEquals(right, left, 1e-14);
    }
  }

  private static Method method(String name) {
    for (Method m : gradientsClass().getDeclaredMethods()) {
      if (m.getName().equals(name)) {
        return m;
      }
    }
    throw new AssertionError(name);
  }

  private static Class<?> gradientsClass() {
    try {
      return s.type().getClassLoader().loadClass("p.RGradients");
    } catch (ClassNotFoundException e) {
      throw new AssertionError(e);
    }
  }
}
