package dev.tollgate.internal.eval;

import dev.tollgate.DataShareRequest;
import dev.tollgate.Decision;
import dev.tollgate.Finding;
import dev.tollgate.InvalidRequestException;
import dev.tollgate.PolicyEvaluationException;
import dev.tollgate.Request;
import dev.tollgate.internal.ContactRequests;
import dev.tollgate.internal.FactExtractor;
import dev.tollgate.internal.codec.RequestCodec;
import dev.tollgate.internal.drools.CompiledRules;
import dev.tollgate.internal.facts.Constraint;
import dev.tollgate.internal.facts.Facts;
import dev.tollgate.internal.facts.FieldObjection;
import dev.tollgate.internal.facts.RuleSpec;
import dev.tollgate.internal.facts.WindowSlots;
import dev.tollgate.internal.history.HistoryNeeds;
import dev.tollgate.internal.history.RequestHistory;
import dev.tollgate.internal.history.Windows;
import dev.tollgate.rules.Condition;
import dev.tollgate.rules.Field;
import dev.tollgate.rules.ObligationTemplate;
import dev.tollgate.rules.Parameter;
import dev.tollgate.rules.ParameterOverrides;
import dev.tollgate.rules.RequestType;
import dev.tollgate.rules.Rule;
import dev.tollgate.rules.RulePack;
import dev.tollgate.rules.Version;
import dev.tollgate.rules.Vocabulary;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;

/**
 * Decides requests against a fixed set of packs: selects the packs in force ({@link PackSelection}),
 * computes the facts once, evaluates the compiled rules, combines the matches ({@link DenyOverrides}) and,
 * for a denied call, looks for the time it would pass ({@link NextAllowedAt}).
 *
 * <p>Immutable after construction and thread-safe.
 */
public final class Evaluator implements AutoCloseable {
  private static final int FIELD_COUNT = Field.values().length;
  private static final Field[] ITEM_LISTS = Arrays.stream(Field.values())
      .filter(Field::quantifiable).toArray(Field[]::new);

  private final List<RulePack> packs;
  private final PackSelection selection;
  /** The evaluated rules of every pack, in pack order and then rule order: the rule-engine's match ids. */
  private final CompiledRule[] rules;
  /** Built once: the pack references decisions cite, by pack. */
  private final Decision.PackRef[] refOfPack;
  private final Field[][] fieldsOfPack;
  private final Map<RequestType, CompiledRules> compiled = new EnumMap<>(RequestType.class);
  private final Clock clock;
  private final boolean throwOnError;
  /** Requests that could not be evaluated, for {@code PolicyEngine.evaluationErrors()}. */
  private final LongAdder failures = new LongAdder();
  private final Windows windows;
  private final NextAllowedAt nextAllowedAt;
  /** Per pack, which windows its rules count. */
  private final boolean[][] windowsOfPack;
  /** Per pack, the institution's values that replaced its defaults. */
  private final List<List<Decision.ParameterOverride>> overridesOfPack = new ArrayList<>();
  /** Per pack with a vocabulary, its purposes and its fields as sets (a share is checked without scanning lists); else null. */
  private final List<Set<String>> purposesOfPack = new ArrayList<>();
  private final List<Set<String>> fieldsOfVocabulary = new ArrayList<>();

  /**
   * @param packs the loaded packs, ordered by id then version
   * @param pins pack id to the version that must be used
   * @param overlay the institution's parameter values, already checked against the packs; may be null
   */
  public Evaluator(List<RulePack> packs, Map<String, Version> pins, ParameterOverrides overlay, Clock clock,
      boolean throwOnError) {
    this.packs = List.copyOf(packs);
    this.selection = new PackSelection(this.packs, Map.copyOf(pins));
    this.clock = clock;
    this.throwOnError = throwOnError;
    List<Rule> allRules = new ArrayList<>();
    List<Integer> owners = new ArrayList<>();
    List<FieldObjection> objectionList = new ArrayList<>();
    Map<RequestType, List<RuleSpec>> specs = new EnumMap<>(RequestType.class);
    List<Timing> timingList = new ArrayList<>();
    WindowSlots slots = new WindowSlots();
    List<List<Integer>> slotsOfPack = new ArrayList<>();
    this.fieldsOfPack = new Field[this.packs.size()][];
    for (int p = 0; p < this.packs.size(); p++) {
      RulePack pack = this.packs.get(p);
      Map<String, Object> params = new LinkedHashMap<>();
      for (Parameter param : pack.parameters().values()) {
        params.put(param.name(), param.value());
      }
      List<Decision.ParameterOverride> applied = new ArrayList<>();
      Map<String, Object> own = overlay == null ? Map.of() : overlay.values().getOrDefault(pack.id(), Map.of());
      own.forEach((name, value) -> {
        if (params.containsKey(name)) {
          params.put(name, value);
          applied.add(new Decision.ParameterOverride(pack.ref(), name, value, overlay.source()));
        }
      });
      overridesOfPack.add(List.copyOf(applied));
      List<Integer> packSlots = new ArrayList<>();
      slotsOfPack.add(packSlots);
      Set<Field> used = java.util.EnumSet.noneOf(Field.class);
      for (Rule rule : pack.rules()) {
        if (!rule.status().evaluated()) {
          continue;
        }
        int index = allRules.size();
        allRules.add(rule);
        owners.add(p);
        // Field objections are about data shares; windows only exist in rules on calls.
        objectionList.add(rule.appliesTo().contains(RequestType.DATA_SHARE) ? FieldObjection.of(rule.when(), params) : null);
        timingList.add(Timing.of(rule.when(), params, slots));
        for (Condition.Window w : rule.when().parts().filter(Condition.Window.class::isInstance)
            .map(Condition.Window.class::cast).toList()) {
          packSlots.add(slots.slot(w));
        }
        used.addAll(Constraint.fields(rule.when()));
        if (rule.obligation() != null) {
          for (Object v : rule.obligation().params().values()) {
            if (v instanceof ObligationTemplate.FieldValue ref) {
              used.add(ref.field());
            }
          }
        }
        RuleSpec spec = new RuleSpec(index, pack.ref() + "/" + rule.id(), p, rule.effective(),
            Constraint.conjuncts(rule.when(), params, slots));
        for (RequestType type : rule.appliesTo()) {
          specs.computeIfAbsent(type, t -> new ArrayList<>()).add(spec);
        }
      }
      fieldsOfPack[p] = used.stream().filter(f -> f.itemOf() == null).toArray(Field[]::new);
    }
    for (RulePack pack : this.packs) {
      Vocabulary v = pack.vocabulary();
      purposesOfPack.add(v == null ? null : Set.copyOf(v.purposes()));
      fieldsOfVocabulary.add(v == null ? null : Set.copyOf(v.fields()));
    }
    this.refOfPack = this.packs.stream()
        .map(pk -> new Decision.PackRef(pk.id(), pk.version().toString(), pk.digest())).toArray(Decision.PackRef[]::new);
    String[] packRefs = this.packs.stream().map(RulePack::ref).toArray(String[]::new);
    this.rules = new CompiledRule[allRules.size()];
    for (int m = 0; m < rules.length; m++) {
      rules[m] = CompiledRule.of(allRules.get(m), packRefs[owners.get(m)], objectionList.get(m), timingList.get(m));
    }
    this.windows = new Windows(slots);
    this.nextAllowedAt = new NextAllowedAt(rules, windows);
    this.windowsOfPack = new boolean[this.packs.size()][slots.size()];
    for (int p = 0; p < this.packs.size(); p++) {
      for (int slot : slotsOfPack.get(p)) {
        windowsOfPack[p][slot] = true;
      }
    }
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
      return rejected(request, e.getMessage());
    } catch (RuntimeException | StackOverflowError e) {
      return failure(request, e);
    }
  }

  /** A DENY citing TOLLGATE-INVALID-REQUEST for a request that breaks the contract as {@code message} says. */
  public Decision rejected(Request request, String message) {
    return new Decision(request.id(), newDecisionId(), Decision.Verdict.DENY, request.at(), List.of(),
        List.of(SystemFindings.invalidRequest(message)), List.of(), noFields(request), null, null, null);
  }

  /**
   * A DENY citing TOLLGATE-EVALUATION-ERROR for a request that could not be decided (an engine bug, the
   * ledger unreachable), or a {@link PolicyEvaluationException} if the engine was built to throw.
   */
  public Decision failure(Request request, Throwable cause) {
    failures.increment();
    if (throwOnError) {
      // The caller asked to handle failures itself, so it logs them as it sees fit.
      throw new PolicyEvaluationException("could not decide request " + request.id(), cause);
    }
    String decisionId = failureDecisionId();
    FailureLog.failedClosed(decisionId, request.id(), request, cause);
    return new Decision(request.id(), decisionId, Decision.Verdict.DENY, request.at(), List.of(),
        List.of(SystemFindings.evaluationError(cause)), List.of(), noFields(request), null, null, null);
  }

  /** How many requests could not be evaluated since this evaluator was built. */
  public long failures() {
    return failures.sum();
  }

  /**
   * A DENY citing TOLLGATE-EVALUATION-ERROR in place of a decision made but not delivered (a listener
   * failed), or a {@link PolicyEvaluationException} if the engine was built to throw; {@code request} is the
   * request as decided, or null when its JSON could not be read.
   */
  public Decision failure(Decision made, Request request, Throwable cause) {
    failures.increment();
    if (throwOnError) {
      throw new PolicyEvaluationException("could not deliver the decision of request " + made.requestId(), cause);
    }
    String decisionId = failureDecisionId();
    FailureLog.failedClosed(decisionId, made.requestId(), request, cause);
    return new Decision(made.requestId(), decisionId, Decision.Verdict.DENY, made.at(), List.of(),
        List.of(SystemFindings.evaluationError(cause)), List.of(), made.allowedFields() == null ? null : List.of(),
        null, null, null);
  }

  /** What the loaded rules read of a person's history. */
  public HistoryNeeds historyNeeds() {
    return windows.needs();
  }

  /** For a data share denied as a whole, no field is allowed; calls have no allowed fields at all. */
  private static List<String> noFields(Request request) {
    return request instanceof DataShareRequest ? List.of() : null;
  }

  /**
   * A DENY citing TOLLGATE-INVALID-REQUEST for JSON that is not a valid request, echoing what could be
   * read of it, so that a caller can still match the answer to its request.
   */
  public Decision invalid(String json, String message) {
    RequestCodec.Echo echo = RequestCodec.echo(json);
    return new Decision(echo.id(), newDecisionId(), Decision.Verdict.DENY, echo.at(), List.of(),
        List.of(SystemFindings.invalidRequest(message)), List.of(), echo.dataShare() ? List.of() : null, null, null, null);
  }

  private Decision evaluate(Request request) {
    RequestHistory history = ContactRequests.reachesPerson(request) && windows.size() > 0
        ? RequestHistory.of(ContactRequests.history(request)) : null;
    Run run = run(request, history);
    if (run.refs().isEmpty()) {
      RequestType type = FactExtractor.typeOf(request);
      return new Decision(request.id(), newDecisionId(), Decision.Verdict.DENY, request.at(), List.of(),
          List.of(SystemFindings.noApplicablePack(type.wireName(), request.jurisdiction(), request.at())),
          List.of(), noFields(request), null, null, null);
    }
    java.time.OffsetDateTime next = run.deny() && ContactRequests.reachesPerson(request)
        ? nextAllowedAt.of(request, run, history, later -> run(later, history)) : null;
    return new Decision(request.id(), newDecisionId(), run.deny() ? Decision.Verdict.DENY : Decision.Verdict.ALLOW,
        request.at(), run.refs(), run.findings(), run.obligations(), run.allowed(), next, run.overrides(), null);
  }

  /** One evaluation of a request: what a decision says, and the matching rules. No packs in force: empty refs. */
  record Run(List<Decision.PackRef> refs, List<Finding> findings, List<Decision.Obligation> obligations,
      boolean deny, List<String> allowed, int[] matches, List<Decision.ParameterOverride> overrides) {}

  private Run run(Request request, RequestHistory history) {
    RequestType type = FactExtractor.typeOf(request);
    LocalDate day = PackSelection.lawDay(request);
    Function<Request, Object>[] readers = FactExtractor.readers(type);
    boolean[] selected = selection.select(request, type, day);
    List<Decision.PackRef> refs = new ArrayList<>();
    List<Decision.ParameterOverride> overrides = new ArrayList<>();
    Object[] values = new Object[FIELD_COUNT];
    boolean[] extracted = new boolean[FIELD_COUNT];
    boolean[] usedWindows = new boolean[windows.size()];
    boolean anyWindow = false;
    for (int p = 0; p < selected.length; p++) {
      if (!selected[p]) {
        continue;
      }
      refs.add(refOfPack[p]);
      overrides.addAll(overridesOfPack.get(p));
      for (Field f : fieldsOfPack[p]) {
        if (!extracted[f.ordinal()]) {
          extracted[f.ordinal()] = true;
          Function<Request, Object> reader = readers[f.ordinal()];
          values[f.ordinal()] = reader == null ? null : reader.apply(request);
        }
      }
      for (int w = 0; w < usedWindows.length; w++) {
        usedWindows[w] |= windowsOfPack[p][w];
        anyWindow |= windowsOfPack[p][w];
      }
    }
    if (refs.isEmpty()) {
      return new Run(refs, List.of(), List.of(), true, null, new int[0], List.of());
    }
    List<String> requested = request instanceof DataShareRequest share ? share.fields() : null;
    if (requested != null) {
      checkVocabulary((DataShareRequest) request, selected);
    }
    Facts facts = new Facts(values, selected, day);
    if (anyWindow && history != null) {
      // Counted once per distinct window, before the rule engine runs, from the history's index.
      facts.putWindowCounts(windows.counts(request, history, usedWindows));
    }
    addItems(facts, values);
    int[] matches = compiled.get(type).evaluate(facts);
    DenyOverrides.Combined combined = DenyOverrides.combine(rules, matches, facts, values, requested);
    return new Run(refs, combined.findings(), combined.obligations(), combined.deny(), combined.allowed(), matches,
        overrides);
  }

  /**
   * Rejects a share whose purpose or fields are outside the vocabulary of a selected pack, naming every
   * unknown word, the pack and the words it knows.
   *
   * @throws InvalidRequestException naming the JSON path of the first unknown word
   */
  private void checkVocabulary(DataShareRequest share, boolean[] selected) {
    List<String> paths = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    for (int p = 0; p < selected.length; p++) {
      Vocabulary v = packs.get(p).vocabulary();
      if (!selected[p] || v == null || purposesOfPack.get(p).contains(share.purpose())
          && fieldsOfVocabulary.get(p).containsAll(share.fields())) {
        continue;
      }
      String pack = packs.get(p).id();
      if (!v.purposes().contains(share.purpose()) && !paths.contains("$.purpose")) {
        paths.add("$.purpose");
        problems.add("'" + share.purpose() + "' is not a purpose of pack " + pack + "'s vocabulary ("
            + String.join(", ", v.purposes()) + ")");
      }
      for (int i = 0; i < share.fields().size(); i++) {
        String f = share.fields().get(i);
        String path = "$.fields[" + i + "]";
        if (!v.fields().contains(f) && !paths.contains(path)) {
          paths.add(path);
          problems.add("'" + f + "' is not a field of pack " + pack + "'s vocabulary (" + String.join(", ", v.fields()) + ")");
        }
      }
    }
    if (paths.isEmpty()) {
      return;
    }
    StringBuilder message = new StringBuilder(problems.get(0));
    for (int i = 1; i < paths.size(); i++) {
      message.append("; ").append(paths.get(i)).append(": ").append(problems.get(i));
    }
    throw new InvalidRequestException(paths.get(0), message.toString());
  }

  /**
   * Gives each list that conditions quantify over ({@code content}, {@code fields}) the facts of its
   * items, whose fields are read when a test first reaches them.
   */
  private static void addItems(Facts facts, Object[] values) {
    for (Field list : ITEM_LISTS) {
      if (!(values[list.ordinal()] instanceof List<?> raw)) {
        continue;
      }
      List<Facts> items = new ArrayList<>(raw.size());
      for (int i = 0; i < raw.size(); i++) {
        items.add(facts.item(FactExtractor.itemReader(raw.get(i))));
      }
      facts.putItems(list.ordinal(), items);
    }
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
