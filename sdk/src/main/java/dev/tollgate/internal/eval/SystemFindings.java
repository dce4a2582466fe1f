package dev.tollgate.internal.eval;

import dev.tollgate.Finding;
import dev.tollgate.rules.Citation;
import dev.tollgate.rules.Effect;
import dev.tollgate.rules.Text;

/** The findings Tollgate itself makes, under the pack id {@code tollgate}. */
final class SystemFindings {
  static final String PACK = "tollgate";
  private static final Citation CONTRACT = new Citation("Tollgate contract v1", "CONTRACT.md", null);

  private SystemFindings() {}

  static Finding noApplicablePack(String type, String jurisdiction, Object at) {
    return new Finding("TOLLGATE-NO-APPLICABLE-PACK", Effect.DENY, PACK, CONTRACT, new Text(
        "没有适用于该请求的规则包（类型 " + type + "，法域 " + jurisdiction + "，时间 " + at + "），按失败即拒绝处理。",
        "No rule pack applies to a " + type + " request in " + jurisdiction + " at " + at
            + "; Tollgate fails closed."), false);
  }

  static Finding invalidRequest(String message) {
    return new Finding("TOLLGATE-INVALID-REQUEST", Effect.DENY, PACK, CONTRACT,
        new Text("请求无效：" + message, "Invalid request: " + message), false);
  }

  static Finding evaluationError(Throwable e) {
    String what = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
    return new Finding("TOLLGATE-EVALUATION-ERROR", Effect.DENY, PACK, CONTRACT,
        new Text("评估失败，按失败即拒绝处理：" + what, "The decision could not be evaluated; Tollgate fails closed: " + what),
        false);
  }
}
