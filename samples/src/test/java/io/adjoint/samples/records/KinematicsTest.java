package io.adjoint.samples.records;

import static io.adjoint.samples.records.Checks.assertClose;
import static io.adjoint.samples.records.Checks.assertDifferences;
import static io.adjoint.samples.records.Checks.assertGradient;
import static io.adjoint.samples.records.Checks.assertTangent;
import static io.adjoint.samples.records.Checks.concat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.adjoint.samples.records.Geometry.Point;
import io.adjoint.samples.records.Kinematics.Joint;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The robot arm over {@code Joint} records: the reach's gradient in closed form; the reach, the
 * inverse-kinematics error and the potential against central differences and against the same functions
 * over flat arrays; the tangent form against ⟨∇f, v⟩.
 */
class KinematicsTest {
  /** Each joint's length and angle in turn. */
  private static double[] arm(SplittableRandom r, int n) {
    double[] flat = new double[2 * n];
    for (int i = 0; i < n; i++) {
      flat[2 * i] = r.nextDouble(0.5, 1.5);
      flat[2 * i + 1] = r.nextDouble(-1.2, 1.2);
    }
    return flat;
  }

  private static Joint[] joints(double[] flat) {
    Joint[] arm = new Joint[flat.length / 2];
    for (int i = 0; i < arm.length; i++) {
      arm[i] = new Joint(flat[2 * i], flat[2 * i + 1]);
    }
    return arm;
  }

  private static double[] every(double[] flat, int start) {
    double[] part = new double[flat.length / 2];
    for (int i = 0; i < part.length; i++) {
      part[i] = flat[2 * i + start];
    }
    return part;
  }

  /**
   * ∂/∂lᵢ = cos(φᵢ − α), ∂/∂θᵢ = −Σₖ≥ᵢ lₖ sin(φₖ − α) (a joint turns every link from it on), ∂/∂α =
   * Σₖ lₖ sin(φₖ − α); the x and y of the end are the reach along α = 0 and α = π/2.
   */
  @Test
  void reachInClosedForm() {
    SplittableRandom r = new SplittableRandom(41);
    for (int n = 1; n <= 6; n++) {
      double[] flat = arm(r, n);
      double direction = r.nextDouble(-Math.PI, Math.PI);
      double[] expected = new double[2 * n];
      double expectedDirection = 0;
      double heading = 0;
      for (int i = 0; i < n; i++) {
        heading += flat[2 * i + 1];
        expected[2 * i] = Math.cos(heading - direction);
        expectedDirection += flat[2 * i] * Math.sin(heading - direction);
        for (int k = 0; k <= i; k++) {
          expected[2 * k + 1] -= flat[2 * i] * Math.sin(heading - direction);
        }
      }
      var g = KinematicsGradients.reach(joints(flat), direction);
      double[] partials = Kinematics_JointTangent.flatten(g.arm());
      assertClose(expected, partials, 1e-14, n + " joints");
      assertEquals(expectedDirection, g.direction(), 1e-14 * Math.max(1, Math.abs(expectedDirection)));
      var byArray = KinematicsGradients.reachFlat(flat, direction);
      assertEquals(byArray.value(), g.value(), 0.0);
      assertGradient(v -> Kinematics.reach(joints(v), direction), flat, partials, byArray.arm(), 0.0, n + " joints");
      assertGradient(v -> Kinematics.reach(joints(flat), v[0]), new double[] {direction}, new double[] {g.direction()},
          new double[] {byArray.direction()}, 0.0, n + " joints: direction");

      var x = KinematicsGradients.reachX(joints(flat));
      var y = KinematicsGradients.reachY(joints(flat));
      assertClose(Kinematics_JointTangent.flatten(KinematicsGradients.reach(joints(flat), 0).arm()),
          Kinematics_JointTangent.flatten(x.arm()), 0.0, n + " joints: x");
      assertClose(Kinematics_JointTangent.flatten(KinematicsGradients.reach(joints(flat), Math.PI / 2).arm()),
          Kinematics_JointTangent.flatten(y.arm()), 0.0, n + " joints: y");
      var xByArray = KinematicsGradients.reachXFlat(flat);
      var yByArray = KinematicsGradients.reachYFlat(flat);
      assertEquals(xByArray.value(), x.value(), 0.0);
      assertEquals(yByArray.value(), y.value(), 0.0);
      assertGradient(v -> Kinematics.reachX(joints(v)), flat, Kinematics_JointTangent.flatten(x.arm()), xByArray.arm(),
          0.0, n + " joints: x");
      assertGradient(v -> Kinematics.reachY(joints(v)), flat, Kinematics_JointTangent.flatten(y.arm()), yByArray.arm(),
          0.0, n + " joints: y");
    }
  }

  @Test
  void reachError() {
    SplittableRandom r = new SplittableRandom(42);
    for (int n = 1; n <= 6; n++) {
      double[] flat = arm(r, n);
      Point target = new Point(r.nextDouble(-2, 2), r.nextDouble(-2, 2));
      var g = KinematicsGradients.reachError(joints(flat), target);
      double[] partials = Kinematics_JointTangent.flatten(g.arm());
      assertDifferences(v -> Kinematics.reachError(joints(v), target), flat, partials, n + " joints");
      // the target's partials are −(end − target)
      double dx = Kinematics.reachX(joints(flat)) - target.x();
      double dy = Kinematics.reachY(joints(flat)) - target.y();
      assertEquals(new Geometry_PointTangent(-dx, -dy), g.target());

      // the flat method sums x and y in one loop: the same numbers
      var byArrays = KinematicsGradients.reachErrorFlat(every(flat, 0), every(flat, 1), target.x(), target.y());
      assertEquals(byArrays.value(), g.value(), 0.0);
      assertClose(byArrays.lengths(), every(partials, 0), 1e-14, n + " joints: lengths against the flat error");
      assertClose(byArrays.angles(), every(partials, 1), 1e-14, n + " joints: angles against the flat error");
      assertEquals(byArrays.targetX(), g.target().x(), 0.0);
      assertEquals(byArrays.targetY(), g.target().y(), 0.0);

      double[] direction = r.doubles(2 * n + 2, -1, 1).toArray();
      var tangent = KinematicsGradients.reachErrorTangent(joints(flat), target,
          Kinematics_JointTangent.arrayOf(java.util.Arrays.copyOf(direction, 2 * n)),
          new Geometry_PointTangent(direction[2 * n], direction[2 * n + 1]));
      assertTangent(concat(partials, new double[] {g.target().x(), g.target().y()}), direction, tangent.tangent(),
          n + " joints: tangent");
    }
  }

  @Test
  void potential() {
    SplittableRandom r = new SplittableRandom(43);
    double gravity = 9.81;
    for (int n = 1; n <= 6; n++) {
      double[] flat = arm(r, n);
      double density = r.nextDouble(0.5, 2);
      var g = KinematicsGradients.potential(joints(flat), density, gravity);
      double[] partials = Kinematics_JointTangent.flatten(g.arm());
      var byArray = KinematicsGradients.potentialFlat(flat, density, gravity);
      assertEquals(byArray.value(), g.value(), 0.0);
      assertGradient(v -> Kinematics.potential(joints(v), density, gravity), flat, partials, byArray.arm(), 1e-14,
          n + " joints");
      // the energy is linear in the density
      assertEquals(g.value() / density, g.density(), 1e-14 * Math.max(1, Math.abs(g.density())));
      assertEquals(byArray.density(), g.density(), 1e-14 * Math.max(1, Math.abs(g.density())));
    }
  }
}
