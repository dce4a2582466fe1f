package dev.tollgate.internal.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.BitSet;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class DenyOverridesTest {
  private static BitSet positions(int... set) {
    return IntStream.of(set).collect(BitSet::new, BitSet::set, BitSet::or);
  }

  @Test
  void pick_objectedAndAllowed_splitTheRequestedFieldsOnceEach() {
    List<String> requested = List.of("name", "phone", "name", "idNumber");
    assertEquals(List.of("phone", "idNumber"), DenyOverrides.pick(requested, positions(1, 3), true));
    assertEquals(List.of("name"), DenyOverrides.pick(requested, positions(1, 3), false));
    // A field requested twice and objected to at one position only is still allowed through the other.
    assertEquals(List.of("name", "phone", "idNumber"), DenyOverrides.pick(requested, positions(2), false));
    assertEquals(List.of(), DenyOverrides.pick(requested, positions(0, 1, 2, 3), false));
  }
}
