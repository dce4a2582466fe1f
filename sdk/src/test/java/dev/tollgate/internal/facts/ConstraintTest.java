package dev.tollgate.internal.facts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.rules.Condition;
import dev.tollgate.rules.Field;
import dev.tollgate.rules.Operand;
import dev.tollgate.rules.Operator;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ConstraintTest {
  private static final int FIELDS = Field.values().length;

  private static Condition.Compare cmp(Field f, Operator op, Object value) {
    return new Condition.Compare(f, op, new Operand.Literal(value));
  }

  /** Facts of a request with the given field values and content items, each item a map of item fields. */
  private static Facts facts(Map<Field, Object> request, List<Map<Field, Object>> items) {
    Object[] values = new Object[FIELDS];
    request.forEach((f, v) -> values[f.ordinal()] = v);
    Facts facts = new Facts(values, new boolean[] {true}, LocalDate.of(2025, 9, 2));
    if (items != null) {
      List<Facts> list = new ArrayList<>();
      for (Map<Field, Object> item : items) {
        Object[] iv = new Object[FIELDS];
        item.forEach((f, v) -> iv[f.ordinal()] = v);
        list.add(facts.item(iv));
      }
      facts.putItems(Field.CONTENT.ordinal(), list);
    }
    return facts;
  }

  /** What one kind of condition must become: its id, its answer on three requests, the fields it reads. */
  private record Translation(Condition condition, String id, boolean onHuman, boolean onAi, boolean onNothing,
      Set<Field> fields) {}

  @Test
  void of_everyKindOfCondition_isTranslatedToItsIdPredicateAndFields() {
    Condition human = cmp(Field.VOICE, Operator.EQ, "HUMAN");
    Condition aiFile = new Condition.AnyItem(Field.CONTENT, cmp(Field.CONTENT_AI_GENERATED, Operator.EQ, true));
    String humanId = "voice eq \"HUMAN\"";
    String aiFileId = "anyContent(content[].aiGenerated eq true)";
    Map<Class<?>, Translation> expected = Map.of(
        Condition.AllOf.class, new Translation(new Condition.AllOf(List.of(human, aiFile)),
            "all(" + humanId + ", " + aiFileId + ")", true, false, false,
            EnumSet.of(Field.VOICE, Field.CONTENT, Field.CONTENT_AI_GENERATED)),
        Condition.AnyOf.class, new Translation(new Condition.AnyOf(List.of(cmp(Field.VOICE, Operator.EQ, "AI"), aiFile)),
            "any(voice eq \"AI\", " + aiFileId + ")", true, true, false,
            EnumSet.of(Field.VOICE, Field.CONTENT, Field.CONTENT_AI_GENERATED)),
        Condition.Not.class, new Translation(new Condition.Not(human), "not(" + humanId + ")", false, true, true,
            EnumSet.of(Field.VOICE)),
        Condition.AnyItem.class, new Translation(aiFile, aiFileId, true, false, false,
            EnumSet.of(Field.CONTENT, Field.CONTENT_AI_GENERATED)),
        Condition.Compare.class, new Translation(human, humanId, true, false, false, EnumSet.of(Field.VOICE)),
        Condition.Window.class, new Translation(window(3),
            "window count(purpose [MARKETING], channel [CALL], outcomes [], same product) within 1 local days atLeast 3",
            true, false, false, EnumSet.of(Field.PRODUCT, Field.DEBT_ID)));
    Facts onHuman = facts(Map.of(Field.VOICE, "HUMAN"), List.of(Map.of(Field.CONTENT_AI_GENERATED, true)));
    onHuman.putWindowCounts(new int[] {3});
    Facts onAi = facts(Map.of(Field.VOICE, "AI"), List.of(Map.of(Field.CONTENT_AI_GENERATED, false)));
    onAi.putWindowCounts(new int[] {2});
    Facts onNothing = facts(Map.of(), null);
    onNothing.putWindowCounts(new int[] {0});
    for (Class<?> kind : Condition.class.getPermittedSubclasses()) {
      Translation t = expected.get(kind);
      assertTrue(t != null, "no example of " + kind.getSimpleName() + " in this test");
      Constraint test = Constraint.of(t.condition(), Map.of(), new WindowSlots());
      String name = kind.getSimpleName();
      assertEquals(t.id(), test.id(), name);
      assertEquals(t.onHuman(), test.predicate().test(onHuman), name + " on a human voice with an AI file");
      assertEquals(t.onAi(), test.predicate().test(onAi), name + " on an AI voice with a human file");
      assertEquals(t.onNothing(), test.predicate().test(onNothing), name + " on a request without those fields");
      assertEquals(t.fields(), Constraint.fields(t.condition()), name);
    }
  }

  private static Condition.Window window(int cap) {
    return new Condition.Window(new Condition.Window.Count(List.of("MARKETING"), List.of("CALL"), List.of(), true, false),
        new Condition.Window.Span(1, null), new Operand.Literal(java.math.BigDecimal.valueOf(cap)));
  }

  @Test
  void window_holdsFromTheCap_andItsIdNamesWindowAndCap() {
    WindowSlots slots = new WindowSlots();
    Constraint three = Constraint.of(window(3), Map.of(), slots);
    Constraint four = Constraint.of(window(4), Map.of(), slots);
    assertEquals(1, slots.size(), "one count serves both caps");
    assertEquals("window count(purpose [MARKETING], channel [CALL], outcomes [], same product) within 1 local days atLeast 3",
        three.id());
    assertFalse(three.id().equals(four.id()));
    Facts facts = facts(Map.of(), null);
    facts.putWindowCounts(new int[] {2});
    assertFalse(three.predicate().test(facts), "two earlier calls are below a cap of 3");
    facts.putWindowCounts(new int[] {3});
    assertTrue(three.predicate().test(facts), "at the cap, this call would exceed it");
    assertFalse(four.predicate().test(facts));
  }

  @Test
  void containsAny_text_matchesWhenAnyFragmentOccurs() {
    Constraint t = Constraint.of(cmp(Field.AI_LABEL_SPOKEN_TEXT, Operator.CONTAINS_ANY, List.of("人工智能", "AI")), Map.of());
    assertEquals("aiLabel.spokenText containsAny [\"人工智能\",\"AI\"]", t.id());
    assertTrue(t.predicate().test(facts(Map.of(Field.AI_LABEL_SPOKEN_TEXT, "本通话由AI合成"), null)));
    assertTrue(t.predicate().test(facts(Map.of(Field.AI_LABEL_SPOKEN_TEXT, "人工智能"), null)));
    assertFalse(t.predicate().test(facts(Map.of(Field.AI_LABEL_SPOKEN_TEXT, "本通话由ai合成"), null)));
    assertFalse(t.predicate().test(facts(Map.of(), null)), "an absent text contains nothing");
    assertNull(t.indexField());
  }

  @Test
  void anyItem_testsEachItemAlone() {
    Condition unlabelledAi = new Condition.AnyItem(Field.CONTENT, new Condition.AllOf(List.of(
        cmp(Field.CONTENT_AI_GENERATED, Operator.EQ, true),
        new Condition.Not(cmp(Field.CONTENT_EXPLICIT_LABEL, Operator.EQ, true)))));
    Constraint t = Constraint.of(unlabelledAi, Map.of());
    assertEquals("anyContent(all(content[].aiGenerated eq true, not(content[].explicitLabel eq true)))", t.id());
    Map<Field, Object> aiLabelled = Map.of(Field.CONTENT_AI_GENERATED, true, Field.CONTENT_EXPLICIT_LABEL, true);
    Map<Field, Object> humanUnlabelled = Map.of(Field.CONTENT_AI_GENERATED, false, Field.CONTENT_EXPLICIT_LABEL, false);
    Map<Field, Object> aiUnlabelled = Map.of(Field.CONTENT_AI_GENERATED, true);
    assertFalse(t.predicate().test(facts(Map.of(), List.of(aiLabelled, humanUnlabelled))),
        "the AI file is labelled and the unlabelled file is not AI: no single file matches");
    assertTrue(t.predicate().test(facts(Map.of(), List.of(aiLabelled, aiUnlabelled))));
    assertFalse(t.predicate().test(facts(Map.of(), List.of())));
    assertFalse(t.predicate().test(facts(Map.of(), null)));
  }

  @Test
  void anyItem_requestFieldInside_readsTheRequest() {
    Constraint t = Constraint.of(new Condition.AnyItem(Field.CONTENT, new Condition.AllOf(List.of(
        cmp(Field.SHARE_PURPOSE, Operator.EQ, "MARKETING_OUTREACH"),
        cmp(Field.CONTENT_LABEL_REMOVED, Operator.EQ, true)))), Map.of());
    List<Map<Field, Object>> removed = List.of(Map.of(Field.CONTENT_LABEL_REMOVED, true));
    assertTrue(t.predicate().test(facts(Map.of(Field.SHARE_PURPOSE, "MARKETING_OUTREACH"), removed)));
    assertFalse(t.predicate().test(facts(Map.of(Field.SHARE_PURPOSE, "ANALYTICS"), removed)));
  }

  @Test
  void compare_equalityOnAnItemField_isNotIndexed() {
    assertNull(Constraint.of(cmp(Field.CONTENT_AIGC_STATUS, Operator.EQ, "ABSENT"), Map.of()).indexField());
    assertEquals(Field.VOICE, Constraint.of(cmp(Field.VOICE, Operator.EQ, "HUMAN"), Map.of()).indexField());
  }

  @Test
  void fields_anyItem_includeTheListAndItsItemFields() {
    Set<Field> fields = Constraint.fields(new Condition.AnyItem(Field.CONTENT, cmp(Field.CONTENT_AIGC_LABEL, Operator.IN, List.of("1"))));
    assertEquals(EnumSet.of(Field.CONTENT, Field.CONTENT_AIGC_LABEL), fields);
  }

  @Test
  void id_differentQuantifiedConditions_differ() {
    Constraint a = Constraint.of(new Condition.AnyItem(Field.CONTENT, cmp(Field.CONTENT_AI_GENERATED, Operator.EQ, true)), Map.of());
    Constraint b = Constraint.of(cmp(Field.CONTENT, Operator.EXISTS, true), Map.of());
    assertNotEquals(a.id(), b.id());
  }
  private static final Map<String, Object> TABLE = Map.of("necessary", Map.of(
      "REMINDER", List.of("name", "mobile"), "SCORING", List.of("name", "id_number")));

  /** Facts of a share with a purpose and requested fields, each field an item. */
  private static Facts share(String purpose, String... fields) {
    Object[] values = new Object[FIELDS];
    values[Field.SHARE_PURPOSE.ordinal()] = purpose;
    values[Field.FIELDS.ordinal()] = List.of(fields);
    Facts facts = new Facts(values, new boolean[] {true}, LocalDate.of(2025, 9, 2));
    List<Facts> items = new ArrayList<>();
    for (String f : fields) {
      Object[] iv = new Object[FIELDS];
      iv[Field.FIELDS_NAME.ordinal()] = f;
      items.add(facts.item(iv));
    }
    facts.putItems(Field.FIELDS.ordinal(), items);
    return facts;
  }

  private static Condition beyondTable() {
    return new Condition.AnyItem(Field.FIELDS, new Condition.Compare(Field.FIELDS_NAME, Operator.NOT_IN,
        new Operand.ParamEntry("necessary", Field.SHARE_PURPOSE)));
  }

  @Test
  void tableEntry_notIn_picksTheEntryOfTheRequestsPurpose() {
    Constraint t = Constraint.of(beyondTable(), TABLE);
    assertFalse(t.predicate().test(share("REMINDER", "name", "mobile")));
    assertTrue(t.predicate().test(share("REMINDER", "name", "id_number")));
    assertFalse(t.predicate().test(share("SCORING", "name", "id_number")));
  }

  @Test
  void tableEntry_purposeWithoutEntry_treatsEveryFieldAsBeyondIt() {
    assertTrue(Constraint.of(beyondTable(), TABLE).predicate().test(share("OTHER", "name")));
    Constraint in = Constraint.of(new Condition.AnyItem(Field.FIELDS, new Condition.Compare(Field.FIELDS_NAME, Operator.IN,
        new Operand.ParamEntry("necessary", Field.SHARE_PURPOSE))), TABLE);
    assertFalse(in.predicate().test(share("OTHER", "name")), "no entry: nothing is in it");
  }

  @Test
  void tableEntry_id_statesTheWholeTableSoDifferentTablesDiffer() {
    Constraint a = Constraint.of(beyondTable(), TABLE);
    Constraint b = Constraint.of(beyondTable(), Map.of("necessary", Map.of("REMINDER", List.of("name"))));
    assertTrue(a.id().startsWith("anyField(fields[].name notIn \"necessary\"[purpose] of {"), a.id());
    assertTrue(a.id().contains("\"REMINDER\":[\"name\",\"mobile\"]"), a.id());
    assertNotEquals(a.id(), b.id());
  }

  @Test
  void fields_tableEntry_includeTheKeyField() {
    assertEquals(EnumSet.of(Field.FIELDS, Field.FIELDS_NAME, Field.SHARE_PURPOSE), Constraint.fields(beyondTable()));
  }

  @Test
  void category_in_matchesTheCategorysFieldsAndNamesThemInTheId() {
    Constraint t = Constraint.of(new Condition.AnyItem(Field.FIELDS, new Condition.Compare(Field.FIELDS_NAME, Operator.IN,
        new Operand.Category("sensitive", List.of("id_number", "face_image")))), Map.of());
    assertEquals("anyField(fields[].name in category \"sensitive\" [\"id_number\",\"face_image\"])", t.id());
    assertTrue(t.predicate().test(share("REMINDER", "name", "face_image")));
    assertFalse(t.predicate().test(share("REMINDER", "name", "mobile")));
    assertFalse(t.predicate().test(share("REMINDER")));
  }

  @Test
  void id_textsWithSeparatorsInside_neverCollide() {
    Constraint one = Constraint.of(new Condition.Compare(Field.AI_LABEL_SPOKEN_TEXT, Operator.CONTAINS_ANY,
        new Operand.Literal(List.of("AI, generated"))), Map.of(), null);
    Constraint two = Constraint.of(new Condition.Compare(Field.AI_LABEL_SPOKEN_TEXT, Operator.CONTAINS_ANY,
        new Operand.Literal(List.of("AI", "generated"))), Map.of(), null);
    assertNotEquals(one.id(), two.id());
    Constraint quoted = Constraint.of(new Condition.Compare(Field.PRODUCT, Operator.EQ,
        new Operand.Literal("x\", \"y")), Map.of(), null);
    assertEquals("product eq \"x\\\", \\\"y\"", quoted.id());
  }
}
