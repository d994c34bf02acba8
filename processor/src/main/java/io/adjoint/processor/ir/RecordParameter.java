package io.adjoint.processor.ir;

/**
 * A parameter of a differentiable record type, or an array of one, as the user declared it. The lowered
 * {@link Function} takes its leaves instead: for a record, the parameters {@code first} to {@code first +
 * count - 1}, one per leaf ({@link RecordType#leaves}); for an array of records (all of whose leaves are
 * doubles), the one {@code double[]} parameter {@code first} holding each element's leaves in turn.
 *
 * @param index the parameter's position among the method's declared parameters; -1 for the receiver of
 *     an instance method of a record, taken apart like a parameter
 * @param accessor the gradient record's component for it, null where it gets no derivative
 */
public record RecordParameter(
    String name, RecordType type, boolean array, int index, int first, int count, String accessor) {}
