package io.adjoint.processor;

import static io.adjoint.processor.DiagnosticsTest.assertErrors;

import org.junit.jupiter.api.Test;

/**
 * The errors for records outside the subset, each at the offending tree (file and line): a record with a
 * component of another type, a private record, an array of records that are not all doubles, a record used
 * as a value, a call of a record's own method, a record local the lowering cannot name, and the forms not
 * yet given records; a plain class points at records.
 */
class RecordDiagnosticsTest {
  @Test
  void recordsOutsideTheSubset() {
    assertErrors(
        """
        package p;

        import io.adjoint.Differentiable;

        class Foo {
          record Named(double x, String name) {}
          private record Hidden(double x) {}
          record Counted(double x, int n) {}
          record Point(double x, double y) {
            double norm() {
              return Math.sqrt(x * x + y * y);
            }
          }
          record Layer(double[] b) {}
          static final class Plain {
            double x;
          }

          @Differentiable
          static double named(Named n) { // ERROR: RECORD_COMPONENT
            return 1.0;
          }

          @Differentiable
          static double createsNamed(double y) {
            Named m = new Named(y, "m"); // ERROR: RECORD_COMPONENT
            return m.x() * y;
          }

          @Differentiable
          static double hidden(Hidden h) { // ERROR: RECORD_HIDDEN
            return 1.0;
          }

          @Differentiable
          static double counted(Counted[] cs) { // ERROR: RECORD_ARRAY
            return 1.0;
          }

          @Differentiable
          static double plain(Plain p) { // ERROR: PARAMETER_TYPE
            return 1.0;
          }

          @Differentiable
          static double used(Point p, Point q, double y) {
            double a = p.norm(); // ERROR: NO_DERIVATIVE
            double b = y + p.x();
            double c = p == q ? 1.0 : 0.0; // ERROR: RECORD_VALUE, RECORD_VALUE
            return b * new Point(a, c).x() + pass(p); // ERROR: NO_DERIVATIVE
          }

          @Differentiable
          static double onArray(Point[] ps, double y) {
            double h = ps.hashCode(); // ERROR: RECORD_METHOD
            return h * y;
          }

          static double pass(Point p) {
            return p.x();
          }

          @Differentiable
          static double locals(Layer l, double y) {
            Layer made = new Layer(new double[] {y}); // ERROR: RECORD_LOCAL
            Layer same = l;
            return same.b()[0] * y;
          }
        }
        """);
  }

  @Test
  void recordsPassedToRulesOrReturnedByPlainMethods() {
    // E286 for a @Derivative rule taking a record and for a record a plain method returns; the local that
    // could not be made reports nothing more where it is read
    DiagnosticsTest.assertErrors(
        """
        package p;

        import io.adjoint.Derivative;
        import io.adjoint.Differentiable;

        class Foo {
          record Point(double x, double y) {}

          record Layer(double[] b) {}

          static double size(Point p, double s) {
            return s * Math.hypot(p.x(), p.y());
          }

          @Derivative(of = "size", wrt = "s")
          static double dSize(Point p, double s) {
            return Math.hypot(p.x(), p.y());
          }

          static Point make(double y) {
            return new Point(y, 2 * y);
          }

          @Differentiable
          static double viaRule(Point p, double y) {
            return size(p, y); // ERROR: RECORD_FORM
          }

          @Differentiable
          static double viaPlainCall(double y) {
            Point q = make(y); // ERROR: RECORD_FORM
            return q.x() * y + q.y();
          }

          @Differentiable
          static double madeLocal(double y) {
            Layer made = new Layer(new double[] {y}); // ERROR: RECORD_LOCAL
            return made.b()[0] * y;
          }
        }
        """);
  }

  @Test
  void formsNotYetGivenRecords() {
    assertErrors(
        """
        package p;

        import io.adjoint.Differentiable;

        class Foo {
          record Point(double x, double y) {}

          @Differentiable
          static double[] vector(Point p) { // ERROR: RECORD_FORM
            return new double[] {p.x(), p.y()};
          }

          @Differentiable(order = 2)
          static double second(Point p) { // ERROR: RECORD_FORM
            return p.x() * p.y();
          }

          private record Secret(double x) {}

          @Differentiable
          static Secret secret(double x) { // ERROR: RECORD_HIDDEN
            return new Secret(x);
          }

          record Tagged(double x, int tag) {}

          @Differentiable
          static Tagged tagged(double x) { // ERROR: RECORD_FORM
            return new Tagged(x, 1);
          }

          @Differentiable
          static double[] differentSizes(double[] x) { // ERROR: RETURN_ARRAY_IN_LOOP
            for (int i = 0; i < x.length; i++) {
              if (x[i] > 1) {
                return new double[] {x[i]};
              }
              if (x[i] < -1) {
                return new double[] {x[i], x[0]};
              }
            }
            return new double[] {x[0], x[1]};
          }

          @Differentiable
          static double writes(Point[] ps, double x) {
            ps[0] = new Point(x, x); // ERROR: PARAMETER_ARRAY_WRITE
            return x;
          }

          record Holder(double x, double[] a) {}

          @Differentiable
          static double holder(Holder h) {
            return h.x() * h.a()[0];
          }

          @Differentiable
          static double chosen(double y, double[] u, Point p) {
            return holder(y > 1 ? new Holder(y, u) : new Holder(2 * y, u)) * p.x(); // ERROR: RECORD_CONDITIONAL
          }

          @Differentiable
          static double conditionalCall(Point p, double y) {
            if (y > 0 && norm(p) > 1) { // ERROR: INLINE_CONDITIONAL
              return y;
            }
            return 2 * y;
          }

          @Differentiable
          static double norm(Point p) {
            return p.x() * p.x() + p.y() * p.y();
          }

          @Differentiable
          static Point returned(Point p, double y) {
            double[] wrong = {y};
            if (y > 0) {
              return wrong; // ERROR: RECORD_VALUE
            }
            return p;
          }
        }
        """);
  }
}
