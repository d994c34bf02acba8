package io.adjoint.processor.ir;

import java.util.ArrayList;
import java.util.List;

/**
 * The generated code at a method's edges where it takes records: the statements that take the record
 * parameters apart into the leaves the body works on ({@code double p$pos$x = p.pos().x();}, an array of
 * records flattened by its tangent record's {@code flatten}), and the expression that puts a record's
 * derivatives together again, as its tangent record ({@link RecordType#tangent}).
 */
public final class RecordEdges {
  /** The static method of a tangent record that gives an array of records' flat array. */
  public static final String FLATTEN = "flatten";
  /** The static method of a tangent record that gives the tangents of a flat array's records. */
  public static final String ARRAY_OF = "arrayOf";

  private RecordEdges() {}

  /** Declares the leaves of each record parameter of {@code f} from the parameter itself. */
  public static List<Java.Stmt> takeApart(Function f) {
    List<String> leafNames = new ArrayList<>();
    for (Parameter p : f.parameters()) {
      leafNames.add(p.name());
    }
    List<String> recordNames = new ArrayList<>();
    for (RecordParameter r : f.records()) {
      recordNames.add(r.name());
    }
    return takeApart(f, recordNames, leafNames);
  }

  /**
   * Declares leaf {@code i} of each record parameter as {@code leafNames[i]} (skipping nulls) from the
   * record named {@code recordNames[k]} for record parameter {@code k} (skipping nulls): the parameters
   * themselves, or their tangents.
   */
  public static List<Java.Stmt> takeApart(Function f, List<String> recordNames, List<String> leafNames) {
    List<Java.Stmt> out = new ArrayList<>();
    for (int k = 0; k < f.records().size(); k++) {
      RecordParameter r = f.records().get(k);
      String record = recordNames.get(k);
      if (record == null) {
        continue;
      }
      Java.Expr whole = new Java.Name(record);
      if (r.array()) {
        out.add(new Java.Declare(
            Java.JType.of(Type.DOUBLE_ARRAY),
            leafNames.get(r.first()),
            new Java.Call(r.type().tangent(), null, FLATTEN, List.of(whole))));
        continue;
      }
      List<RecordType.Leaf> leaves = r.type().leaves();
      for (int j = 0; j < leaves.size(); j++) {
        String name = leafNames.get(r.first() + j);
        if (name == null) {
          continue;
        }
        out.add(new Java.Declare(Java.JType.of(leaves.get(j).type()), name, read(whole, leaves.get(j))));
      }
    }
    return out;
  }

  /** Leaf {@code leaf} of {@code record}, through its accessors: {@code p.pos().x()}. */
  public static Java.Expr read(Java.Expr record, RecordType.Leaf leaf) {
    Java.Expr read = record;
    for (String accessor : leaf.path()) {
      read = new Java.Call(null, read, accessor, List.of());
    }
    return read;
  }

  /** {@code double[] array = {record.x(), record.pos().y(), …}}: the leaves of a record of doubles, in order. */
  public static Java.Stmt leavesOf(RecordType type, String record, String array) {
    List<Java.Expr> reads = new ArrayList<>();
    for (RecordType.Leaf leaf : type.leaves()) {
      reads.add(read(new Java.Name(record), leaf));
    }
    return new Java.Declare(Java.JType.of(Type.DOUBLE_ARRAY), array, new Java.NewArray(List.of(), reads));
  }

  /**
   * The derivatives of record parameter {@code r} as its tangent record (an array of them for an array
   * of records), from one expression per leaf, {@code null} for a leaf that carries none.
   */
  public static Java.Expr assemble(RecordParameter r, List<Java.Expr> leaves) {
    if (r.array()) {
      return new Java.Call(r.type().tangent(), null, ARRAY_OF, List.of(leaves.get(0)));
    }
    return assemble(r.type(), leaves.iterator());
  }

  private static Java.Expr assemble(RecordType type, java.util.Iterator<Java.Expr> leaves) {
    List<Java.Expr> args = new ArrayList<>();
    for (RecordType.Component c : type.components()) {
      if (c.nested() != null) {
        if (c.carriesDerivatives()) {
          args.add(assemble(c.nested(), leaves));
        } else {
          c.nested().leaves().forEach(l -> leaves.next());
        }
        continue;
      }
      Java.Expr leaf = leaves.next();
      if (c.type().carriesDerivatives()) {
        args.add(leaf);
      }
    }
    return new Java.New(type.tangent(), args);
  }
}
