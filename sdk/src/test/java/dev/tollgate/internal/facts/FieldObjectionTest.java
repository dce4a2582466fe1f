package dev.tollgate.internal.facts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.tollgate.rules.Condition;
import dev.tollgate.rules.Field;
import dev.tollgate.rules.Operand;
import dev.tollgate.rules.Operator;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FieldObjectionTest {
  private static final Condition SENSITIVE = new Condition.AnyItem(Field.FIELDS, new Condition.Compare(
      Field.FIELDS_NAME, Operator.IN, new Operand.Category("sensitive", List.of("id_number", "face_image"))));
  private static final Condition CONTACTS = new Condition.AnyItem(Field.FIELDS, new Condition.Compare(
      Field.FIELDS_NAME, Operator.EQ, new Operand.Literal("contacts_list")));
  private static final Condition NO_CONSENT = new Condition.Not(new Condition.Compare(
      Field.SHARE_CONSENT_SEPARATE_SENSITIVE, Operator.EQ, new Operand.Literal(true)));
  private static final Condition MINORS = new Condition.Compare(
      Field.SUBJECTS_MINORS_UNDER_14, Operator.EQ, new Operand.Literal(true));

  private static Facts share(boolean minors, String... fields) {
    Object[] values = new Object[Field.values().length];
    values[Field.FIELDS.ordinal()] = List.of(fields);
    values[Field.SUBJECTS_MINORS_UNDER_14.ordinal()] = minors;
    Facts facts = new Facts(values, new boolean[] {true}, LocalDate.of(2025, 9, 2));
    List<Facts> items = new ArrayList<>();
    for (String f : fields) {
      Object[] iv = new Object[Field.values().length];
      iv[Field.FIELDS_NAME.ordinal()] = f;
      items.add(facts.item(iv));
    }
    facts.putItems(Field.FIELDS.ordinal(), items);
    return facts;
  }

  private static BitSet bits(int... positions) {
    BitSet b = new BitSet();
    for (int p : positions) {
      b.set(p);
    }
    return b;
  }

  @Test
  void of_conditionWithoutAnyField_isNotFieldSpecific() {
    assertNull(FieldObjection.of(NO_CONSENT, Map.of()));
    assertNull(FieldObjection.of(new Condition.AllOf(List.of(NO_CONSENT, MINORS)), Map.of()));
    assertNull(FieldObjection.of(new Condition.Not(SENSITIVE), Map.of()), "removing fields cannot falsify a negation");
  }

  @Test
  void objected_anyField_isTheFieldsThatSatisfyIt() {
    assertEquals(bits(1, 3), FieldObjection.of(SENSITIVE, Map.of())
        .objected(share(false, "name", "id_number", "mobile", "face_image")));
  }

  @Test
  void objected_allWithARequestPart_isTheFieldPartsFields() {
    FieldObjection o = FieldObjection.of(new Condition.AllOf(List.of(NO_CONSENT, SENSITIVE)), Map.of());
    assertEquals(bits(1), o.objected(share(false, "name", "id_number")));
  }

  @Test
  void objected_allWithTwoFieldParts_isTheirUnion() {
    FieldObjection o = FieldObjection.of(new Condition.AllOf(List.of(SENSITIVE, CONTACTS)), Map.of());
    assertEquals(bits(0, 2), o.objected(share(false, "id_number", "name", "contacts_list")));
  }

  @Test
  void objected_anyWhoseHoldingPartIsAboutTheShare_isEveryField() {
    FieldObjection o = FieldObjection.of(new Condition.AnyOf(List.of(SENSITIVE, MINORS)), Map.of());
    assertNull(o.objected(share(true, "name", "id_number")));
    assertEquals(bits(1), o.objected(share(false, "name", "id_number")));
  }
}
