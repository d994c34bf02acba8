package golden.field;

import io.adjoint.Differentiable;

/** An instance method: the fields it reads are constants, the receiver is the first parameter. */
class Spring {
  static final double HALF = 0.5;

  double stiffness;
  double restLength;

  @Differentiable
  double energy(double x) {
    double stretch = x - restLength;
    return HALF * stiffness * stretch * stretch;
  }
}
