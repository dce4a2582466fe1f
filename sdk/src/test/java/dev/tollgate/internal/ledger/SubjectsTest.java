package dev.tollgate.internal.ledger;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Phone numbers are refused as subjects, however they are written; pseudonymous ids pass. */
class SubjectsTest {
  /** The phone-like subjects, which the ledger once stored as given, and other spellings. */
  static final List<String> PHONES = List.of("tel:+8613800138000", "4155552671", "(415) 555-2671",
      "+86.138.0013.8000", "１３８００１３８０００", "010-12345678", "+86/13800138000", "13800138000@x",
      "p:13800138000", "TEL:+1-415-555-2671;ext=12", "sip:+14155552671@carrier.example", "+1\u2011415\u2011555\u20112671",
      "138\u200b0013\u200b8000", "\u0661\u0663\u0668\u0660\u0660\u0661\u0663\u0668\u0660\u0660\u0660", "+1234567",
      "+12345678", "+123456789012345", "13800138000", "8613800138000", "008613800138000", "138-0013-8000",
      "138 0013 8000", "+1 (212) 555-0100", "(+86)\t138 0013 8000", "5552671");

  @Test
  void phoneNumbers_areRefused_howeverWritten_andNotEchoed() {
    for (String phone : PHONES) {
      String problem = Subjects.problem(phone);
      assertTrue(problem != null && problem.startsWith("looks like a phone number"), phone + ": " + problem);
      assertTrue(problem.contains("keyed hash"), problem);
    }
  }

  @Test
  void emptyOrBlankSubjects_areRefused() {
    for (String empty : new String[] {null, "", " ", "\t"}) {
      String problem = Subjects.problem(empty);
      assertTrue(problem != null && problem.startsWith("is empty"), empty + ": " + problem);
    }
  }

  @Test
  void pseudonyms_pass_evenWithDigits() {
    for (String id : List.of("person-at-the-cap", "p-1", "p-42", "cust-7f3a9c", "debtor-5d21", "cust-0201", "s-1",
        "123456", "+123456", "+1234567890123456", "1234567890123456", "cust-13800138000", "a1b2c3d4e5f6g7h8",
        "138-0013-800x", "3f9a1c07d2e4b8a65c1d0e9f7a3b2c4d5e6f708192a3b4c5d6e7f8091a2b3c4d",
        "0193f0c2-7b1e-7c3a-9d2e-5e830157aa01", "user@example.com")) {
      assertNull(Subjects.problem(id), id);
    }
  }
}
