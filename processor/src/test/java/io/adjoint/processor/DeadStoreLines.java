package io.adjoint.processor;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds, in the text of a generated class, the dead stores a reviewer would point at, independently of
 * the processor's own pass: a local that is assigned but that no statement of its method reads; an
 * assignment of zero ({@code xBar = 0.0;}, {@code eBar[1] = 0.0;}) after which the method never names the
 * variable again, counting the whole of a loop around it; and {@code x = 0.0;} followed, comments aside, by {@code x += y;} where
 * {@code x = y;} says it. Each finding is the line that shows it.
 */
final class DeadStoreLines {
  private static final Pattern DECLARE = Pattern.compile("^(?!return )[\\w.\\[\\]<>]+ (\\w+)(?: = (.*))?;$");
  private static final Pattern ASSIGN = Pattern.compile("^(\\w+)((?:\\[[^\\]]*\\])*) ([-+]?=) (.*);$");
  private static final Pattern ZERO = Pattern.compile("^(?:double )?(\\w+) = 0\\.0;$");

  private DeadStoreLines() {}

  static List<String> find(String source) {
    List<String> found = new ArrayList<>();
    for (List<String> method : methods(source)) {
      unread(method, found);
      resetsAtTheEnd(method, found);
      zeroThenAdd(method, found);
    }
    return found;
  }

  /** The statement lines of each method, comments and blank lines left out. */
  private static List<List<String>> methods(String source) {
    List<List<String>> methods = new ArrayList<>();
    List<String> current = null;
    int depth = 0;
    for (String raw : source.split("\n")) {
      String line = raw.strip();
      if (line.isEmpty() || line.startsWith("//") || line.startsWith("*") || line.startsWith("/*")) {
        continue;
      }
      if (current != null) {
        current.add(line);
      }
      depth += count(line, '{') - count(line, '}');
      if (depth == 2 && current == null && line.endsWith("{")) {
        current = new ArrayList<>();
      } else if (depth == 1 && current != null) {
        methods.add(current);
        current = null;
      }
    }
    return methods;
  }

  /** Locals assigned whose value no line of the method reads. */
  private static void unread(List<String> method, List<String> found) {
    for (String line : method) {
      Matcher m = ASSIGN.matcher(line);
      if (m.matches() && m.group(2).isEmpty() && declared(method, m.group(1)) && !read(method, m.group(1))) {
        found.add("never read: " + line);
      }
    }
  }

  private static boolean declared(List<String> method, String name) {
    return method.stream().anyMatch(l -> DECLARE.matcher(l).matches() && name.equals(declaredName(l)));
  }

  private static String declaredName(String line) {
    Matcher m = DECLARE.matcher(line);
    return m.matches() ? m.group(1) : null;
  }

  /** Whether a line reads {@code name}: names it other than as what it assigns or declares. */
  private static boolean read(List<String> method, String name) {
    Pattern word = Pattern.compile("\\b" + name + "\\b");
    for (String line : method) {
      Matcher assign = ASSIGN.matcher(line);
      Matcher declare = DECLARE.matcher(line);
      String rest = line;
      if (assign.matches() && assign.group(1).equals(name)) {
        rest = assign.group(2) + " " + assign.group(4);
      } else if (declare.matches() && declare.group(1).equals(name)) {
        rest = declare.group(2) == null ? "" : declare.group(2);
      }
      if (word.matcher(rest).find()) {
        return true;
      }
    }
    return false;
  }

  /**
   * Zeros stored into a variable or entry that no later line of the method names, nor, for a store in a
   * loop, any other line of the outermost loop around it (a later iteration may read it there).
   */
  private static void resetsAtTheEnd(List<String> method, List<String> found) {
    int[] loopStart = new int[method.size()];
    int[] loopEnd = new int[method.size()];
    Deque<Boolean> blocks = new ArrayDeque<>(); // whether each open block is a loop's
    int start = -1;
    for (int i = 0; i < method.size(); i++) {
      String line = method.get(i);
      if (line.startsWith("}") && !blocks.isEmpty()) {
        blocks.pop();
      }
      if (line.endsWith("{")) {
        boolean loop = line.startsWith("for (") || line.startsWith("while (") || line.startsWith("do {");
        if (loop && !blocks.contains(true)) {
          start = i;
        }
        blocks.push(loop);
      }
      loopStart[i] = blocks.contains(true) ? start : i;
      if (!blocks.contains(true) && start >= 0) {
        for (int j = start; j <= i; j++) {
          loopEnd[j] = i;
        }
        start = -1;
      } else if (!blocks.contains(true)) {
        loopEnd[i] = i;
      }
    }
    for (int i = 0; i < method.size(); i++) {
      Matcher m = ASSIGN.matcher(method.get(i));
      if (m.matches() && m.group(3).equals("=") && m.group(4).equals("0.0")) {
        Pattern word = Pattern.compile("\\b" + m.group(1) + "\\b");
        boolean named = false;
        for (int j = loopStart[i]; j < method.size() && !named; j++) {
          named = j != i && (j > i || j <= loopEnd[i]) && word.matcher(method.get(j)).find();
        }
        if (!named) {
          found.add("reset never read: " + method.get(i));
        }
      }
    }
  }

  private static void zeroThenAdd(List<String> method, List<String> found) {
    for (int i = 0; i + 1 < method.size(); i++) {
      Matcher zero = ZERO.matcher(method.get(i));
      Matcher add = ASSIGN.matcher(method.get(i + 1));
      if (zero.matches() && add.matches() && add.group(1).equals(zero.group(1)) && add.group(2).isEmpty()
          && !add.group(3).equals("=") && !Pattern.compile("\\b" + zero.group(1) + "\\b").matcher(add.group(4)).find()) {
        found.add("zero, then an addition: " + method.get(i) + " " + method.get(i + 1));
      }
    }
  }

  private static int count(String line, char c) {
    return (int) line.chars().filter(x -> x == c).count();
  }
}
