package dev.tollgate;

import java.time.OffsetDateTime;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A proposed sharing of personal data with another party. Mirrors the {@code data-share} request of
 * the contract one to one; a null component means "unknown", never "yes".
 *
 * <p>Immutable. The compact constructor rejects a missing required component with a
 * {@link NullPointerException} naming it.
 *
 * @param id the caller's own reference (required)
 * @param at when the share would happen (required)
 * @param jurisdiction where the data subjects are (required)
 * @param purpose the purpose, from the pack's purpose vocabulary (required)
 * @param recipient who receives the data (required)
 * @param fields the data elements shared, from the pack's vocabulary (required)
 * @param subjects whose data it is
 * @param legalBasis the legal basis claimed
 * @param consent what the data subjects agreed to and were told
 * @param deidentified whether the data is de-identified
 * @param impactAssessment whether a personal-information impact assessment was done
 * @param crossBorder the cross-border transfer mechanism
 * @param retention how long the data is kept
 * @param automatedMarketing whether the share serves automated, personalised marketing
 * @param content files that travel with the share
 */
public record DataShareRequest(
    String id,
    OffsetDateTime at,
    String jurisdiction,
    String purpose,
    Recipient recipient,
    List<String> fields,
    Subjects subjects,
    LegalBasis legalBasis,
    Consent consent,
    Boolean deidentified,
    Boolean impactAssessment,
    CrossBorder crossBorder,
    Retention retention,
    AutomatedMarketing automatedMarketing,
    List<Artifact> content) implements Request {

  public DataShareRequest {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(jurisdiction, "jurisdiction");
    Objects.requireNonNull(purpose, "purpose");
    Objects.requireNonNull(recipient, "recipient");
    fields = List.copyOf(Objects.requireNonNull(fields, "fields"));
    content = content == null ? null : List.copyOf(content);
  }

  /** How the recipient stands to the data: ENTRUSTED processes on our behalf, INDEPENDENT for itself. */
  public enum Role { ENTRUSTED, INDEPENDENT, AFFILIATE, PUBLIC }

  public enum LegalBasis { CONSENT, CONTRACT, LEGAL_DUTY, EMERGENCY, PUBLIC_INTEREST, PUBLIC_INFO, OTHER_LAW }

  /** What the data subjects were told about the share. */
  public enum Notice { RECIPIENT_NAME, RECIPIENT_CONTACT, PURPOSE, METHOD, CATEGORIES, NECESSITY }

  public enum Mechanism { SECURITY_ASSESSMENT, CERTIFICATION, STANDARD_CONTRACT, NONE }

  public enum ArtifactKind { AUDIO, VIDEO, IMAGE, TEXT }

  /**
   * Who receives the data.
   *
   * @param id the recipient's reference (required)
   * @param role how it stands to the data (required)
   * @param country its ISO 3166-1 country; another country than the jurisdiction makes the share cross-border
   * @param contract the contract with it
   */
  public record Recipient(String id, Role role, String country, Contract contract) {
    public Recipient {
      Objects.requireNonNull(id, "id");
      Objects.requireNonNull(role, "role");
    }
  }

  /**
   * The contract with the recipient.
   *
   * @param purposeLimited whether it fixes purpose, term, method and data types
   * @param reuseForOwnPurposes whether the recipient may use the data for itself
   */
  public record Contract(Boolean purposeLimited, Boolean reuseForOwnPurposes) {}

  /**
   * Whose data is shared.
   *
   * @param count how many people
   * @param includesMinorsUnder14 whether any is under 14
   */
  public record Subjects(Long count, Boolean includesMinorsUnder14) {}

  /**
   * The data subjects' consent.
   *
   * @param separateForSharing separate consent to this sharing
   * @param separateForSensitive separate consent for sensitive fields
   * @param noticeGiven what they were told
   * @param withdrawn whether consent was withdrawn
   * @param guardianForMinors for data subjects under 14, whether a parent or other guardian gave the consent
   */
  public record Consent(Boolean separateForSharing, Boolean separateForSensitive, List<Notice> noticeGiven,
      Boolean withdrawn, Boolean guardianForMinors) {
    public Consent {
      noticeGiven = noticeGiven == null ? null : List.copyOf(noticeGiven);
    }
  }

  /** @param mechanism the cross-border transfer mechanism */
  public record CrossBorder(Mechanism mechanism) {}

  /**
   * @param days how long the recipient keeps the data
   * @param expired whether the stated retention period has passed
   */
  public record Retention(Long days, Boolean expired) {}

  /**
   * @param personalized whether targets are chosen by automated decision-making
   * @param optOutOffered whether a non-personalised option or an easy refusal is offered
   */
  public record AutomatedMarketing(Boolean personalized, Boolean optOutOffered) {}

  /**
   * A file that travels with the share.
   *
   * @param name the file's name
   * @param kind what it holds
   * @param aiGenerated whether AI generated or synthesised it
   * @param explicitLabel whether the file itself carries a perceivable AI label
   * @param metadata the file's metadata; the implicit AI label sits under the key {@code AIGC}
   * @param labelRemoved whether a step of this share strips or alters an existing AI label
   */
  public record Artifact(String name, ArtifactKind kind, Boolean aiGenerated, Boolean explicitLabel,
      Map<String, Object> metadata, Boolean labelRemoved) {
    public Artifact {
      metadata = metadata == null ? null : Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
    }
  }
}
