package dev.tollgate.internal;

import dev.tollgate.internal.facts.RuleSpec;
import dev.tollgate.internal.facts.FactTest;
import dev.tollgate.internal.facts.Facts;
import dev.tollgate.CallRequest;
import dev.tollgate.Decision;
import dev.tollgate.Finding;
import dev.tollgate.InvalidRequestException;
import dev.tollgate.PolicyEvaluationException;
import dev.tollgate.Request;
import dev.tollgate.internal.drools.CompiledRules;
import dev.tollgate.rules.Effect;
import dev.tollgate.rules.Field;
import dev.tollgate.rules.Obligation;
import dev.tollgate.rules.Parameter;
import dev.tollgate.rules.RequestType;
import dev.tollgate.rules.Rule;
import dev.tollgate.rules.RulePack;
import dev.tollgate.rules.ValueType;
import dev.tollgate.rules.Version;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Decides requests against a fixed set of packs: selects the packs in force, computes the facts once,
 * evaluates the compiled rules and combines the matches deny-overrides.
 *
 * <p>Immutable after construction and thread-safe.
 */
public final class Evaluator implements AutoCloseable {
  private static final int FIELD_COUNT = Field.values().length;
  private static final Field[] ITEM_LISTS = Arrays.stream(Field.values())
      .filter(f -> f.type() == ValueType.ITEM_LIST).toArray(Field[]::new);

  private final List<RulePack> packs;
  private final Map<String, Version> pins;
  private final Rule[] rules;
  private final int[] packOfRule;
  private final Field[][] fieldsOfPack;
  /** Per pack, the fields of list items its rules test ({@code content[].aiGenerated}). */
  private final List<List<Field>> itemFieldsOfPack;
  private final Map<RequestType, CompiledRules> compiled = new EnumMap<>(RequestType.class);
  private final Clock clock;
  private final boolean throwOnError;

  /**
   * @param packs the loaded packs, ordered by id then version
   * @param pins pack id to the version that must be used
   */
  public Evaluator(List<RulePack> packs, Map<String, Version> pins, Clock clock, boolean throwOnError) {
    this.packs = List.copyOf(packs);
    this.pins = Map.copyOf(pins);
    this.clock = clock;
    this.throwOnError = throwOnError;
    List<Rule> allRules = new ArrayList<>();
    List<Integer> owners = new ArrayList<>();
    Map<RequestType, List<RuleSpec>> specs = new EnumMap<>(RequestType.class);
    this.fieldsOfPack = new Field[this.packs.size()][];
    this.itemFieldsOfPack = new ArrayList<>();
    for (int p = 0; p < this.packs.size(); p++) {
      RulePack pack = this.packs.get(p);
      Map<String, Object> params = new LinkedHashMap<>();
      for (Parameter param : pack.parameters().values()) {
        params.put(param.name(), param.value());
      }
      Set<Field> used = java.util.EnumSet.noneOf(Field.class);
      for (Rule rule : pack.rules()) {
        if (!rule.status().evaluated()) {
          continue;
        }
        int index = allRules.size();
        allRules.add(rule);
        owners.add(p);
        used.addAll(FactTest.fields(rule.when()));
        if (rule.obligation() != null) {
          for (Object v : rule.obligation().params().values()) {
            if (v instanceof Obligation.FieldValue ref) {
              used.add(ref.field());
            }
          }
        }
        RuleSpec spec = new RuleSpec(index, pack.ref() + "/" + rule.id(), p, rule.effective(),
            FactTest.conjuncts(rule.when(), params));
        for (RequestType type : rule.appliesTo()) {
          specs.computeIfAbsent(type, t -> new ArrayList<>()).add(spec);
        }
      }
      fieldsOfPack[p] = used.stream().filter(f -> f.itemOf() == null).toArray(Field[]::new);
      itemFieldsOfPack.add(used.stream().filter(f -> f.itemOf() != null).toList());
    }
    this.rules = allRules.toArray(Rule[]::new);
    this.packOfRule = owners.stream().mapToInt(Integer::intValue).toArray();
    for (RequestType type : RequestType.values()) {
      compiled.put(type, CompiledRules.compile(specs.getOrDefault(type, List.of())));
    }
  }

  public List<RulePack> packs() {
    return packs;
  }

  /** Decides a request; never throws for a deny, and throws on failure only if asked to. */
  public Decision decide(Request request) {
    try {
      return evaluate(request);
    } catch (InvalidRequestException e) {
      return invalid(request.id(), request.at(), e.getMessage());
    } catch (RuntimeException | StackOverflowError e) {
      if (throwOnError) {
        throw new PolicyEvaluationException("could not decide request " + request.id(), e);
      }
      return new Decision(request.id(), failureDecisionId(), Decision.Verdict.DENY, request.at(), List.of(),
          List.of(SystemFindings.evaluationError(e)), List.of(), null, null);
    }
  }

  /** A DENY citing TOLLGATE-INVALID-REQUEST. */
  public Decision invalid(String id, java.time.OffsetDateTime at, String message) {
    return new Decision(id, newDecisionId(), Decision.Verdict.DENY, at, List.of(),
        List.of(SystemFindings.invalidRequest(message)), List.of(), null, null);
  }

  private Decision evaluate(Request request) {
    RequestType type = request instanceof CallRequest ? RequestType.CALL : RequestType.DATA_SHARE;
    LocalDate day = request.at().toLocalDate();
    boolean[] selected = select(request, type, day);
    List<Decision.PackRef> refs = new ArrayList<>();
    Object[] values = new Object[FIELD_COUNT];
    boolean[] extracted = new boolean[FIELD_COUNT];
    for (int p = 0; p < selected.length; p++) {
      if (!selected[p]) {
        continue;
      }
      RulePack pack = packs.get(p);
      refs.add(new Decision.PackRef(pack.id(), pack.version().toString(), pack.digest()));
      for (Field f : fieldsOfPack[p]) {
        if (!extracted[f.ordinal()]) {
          extracted[f.ordinal()] = true;
          values[f.ordinal()] = FactExtractor.extract(f, request);
        }
      }
    }
    if (refs.isEmpty()) {
      return new Decision(request.id(), newDecisionId(), Decision.Verdict.DENY, request.at(), List.of(),
          List.of(SystemFindings.noApplicablePack(type.wireName(), request.jurisdiction(), request.at())),
          List.of(), null, null);
    }
    Facts facts = new Facts(values, selected, day);
    addItems(facts, values, selected);
    int[] matches = compiled.get(type).evaluate(facts);
    List<Finding> findings = new ArrayList<>(matches.length);
    List<Decision.Obligation> obligations = new ArrayList<>();
    boolean deny = false;
    for (int m : matches) {
      Rule rule = rules[m];
      RulePack pack = packs.get(packOfRule[m]);
      Finding finding = new Finding(rule.id(), rule.effect(), pack.ref(), rule.citation(), rule.message(),
          rule.status() == dev.tollgate.rules.RuleStatus.SHADOW);
      findings.add(finding);
      deny |= finding.denies();
      if (rule.effect() == Effect.OBLIGATION && !finding.shadow()) {
        obligations.add(new Decision.Obligation(rule.id(), rule.obligation().action(),
            params(rule.obligation(), values)));
      }
    }
    return new Decision(request.id(), newDecisionId(), deny ? Decision.Verdict.DENY : Decision.Verdict.ALLOW,
        request.at(), refs, findings, obligations, null, null);
  }

  /**
   * Replaces each list of items in {@code values} (the request's {@code content}) by the facts of its
   * items, holding the item fields that the selected packs test.
   */
  private void addItems(Facts facts, Object[] values, boolean[] selected) {
    Set<Field> itemFields = EnumSet.noneOf(Field.class);
    for (int p = 0; p < selected.length; p++) {
      if (selected[p]) {
        itemFields.addAll(itemFieldsOfPack.get(p));
      }
    }
    for (Field list : ITEM_LISTS) {
      if (!(values[list.ordinal()] instanceof List<?> raw)) {
        continue;
      }
      List<Field> fields = itemFields.stream().filter(f -> f.itemOf() == list).toList();
      List<Facts> items = new ArrayList<>(raw.size());
      for (Object item : raw) {
        items.add(facts.item(FactExtractor.item(item, fields)));
      }
      values[list.ordinal()] = List.copyOf(items);
    }
  }

  /** An obligation's parameters with each field reference replaced by the request's value, or left out when absent. */
  private static Map<String, Object> params(Obligation obligation, Object[] values) {
    Map<String, Object> params = obligation.params();
    if (params.values().stream().noneMatch(v -> v instanceof Obligation.FieldValue)) {
      return params;
    }
    Map<String, Object> out = new LinkedHashMap<>();
    params.forEach((k, v) -> {
      Object value = v instanceof Obligation.FieldValue ref ? values[ref.field().ordinal()] : v;
      if (value != null) {
        out.put(k, value instanceof java.time.temporal.TemporalAccessor ? value.toString() : value);
      }
    });
    return out;
  }

  /** For each pack id, the pinned version or else the highest version that applies on the day. */
  private boolean[] select(Request request, RequestType type, LocalDate day) {
    boolean[] selected = new boolean[packs.size()];
    // Packs are sorted by id, then version ascending: walk each id's versions from the highest down.
    int end = packs.size();
    while (end > 0) {
      int start = end - 1;
      String id = packs.get(start).id();
      while (start > 0 && packs.get(start - 1).id().equals(id)) {
        start--;
      }
      Version pin = pins.get(id);
      for (int p = end - 1; p >= start; p--) {
        RulePack pack = packs.get(p);
        if (pin != null && !pin.equals(pack.version())) {
          continue;
        }
        if (pack.appliesTo().contains(type) && pack.coversJurisdiction(request.jurisdiction())
            && pack.effective().covers(day)) {
          selected[p] = true;
          break;
        }
      }
      end = start;
    }
    return selected;
  }

  /** A version 7 UUID: time-ordered by the clock, random below. */
  private String newDecisionId() {
    return decisionId(clock.millis());
  }

  /** For the decision that reports a failure, which needs an id even when the failure is the clock's. */
  private static String failureDecisionId() {
    return decisionId(System.currentTimeMillis());
  }

  private static String decisionId(long millis) {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    long high = (millis << 16) | 0x7000L | (random.nextLong() & 0x0FFFL);
    long low = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
    return new UUID(high, low).toString();
  }

  @Override
  public void close() {
    compiled.values().forEach(CompiledRules::close);
  }
}
