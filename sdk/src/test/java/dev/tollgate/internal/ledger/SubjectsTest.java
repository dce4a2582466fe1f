package dev.tollgate.internal.ledger;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Phone numbers are refused as subjects, however they are written; pseudonymous ids pass. */
class SubjectsTest {
  @Test
  void phoneNumbers_areRefused_withOrWithoutSeparators() {
    for (String phone : List.of("+12345678", "+123456789012345", "13800138000", "8613800138000", "008613800138000",
        "138-0013-8000", "138 0013 8000", "+1 (212) 555-0100", "(+86)\t138 0013 8000")) {
      String problem = Subjects.problem(phone);
      assertTrue(problem != null && problem.startsWith("looks like a phone number"), phone + ": " + problem);
    }
  }

  @Test
  void ids_pass_evenWithDigits() {
    for (String id : List.of("person-at-the-cap", "+1234567", "1380013800", "12800138000", "+1234567890123456",
        "cust-13800138000", "a1b2c3d4e5f6g7h8", "138-0013-800x")) {
      assertNull(Subjects.problem(id), id);
    }
  }
}
