package io.adjoint.processor.ir;

public enum UnaryOp {
  NEG("-"),
  PLUS("+"),
  NOT("!"),
  BIT_NOT("~");

  private final String symbol;

  UnaryOp(String symbol) {
    this.symbol = symbol;
  }

  public String symbol() {
    return symbol;
  }
}
