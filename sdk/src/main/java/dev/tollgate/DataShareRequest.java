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

  /**
   * A ground on which the 2024 provisions on cross-border data flows (促进和规范数据跨境流动规定, art. 5)
   * exempt a transfer from the assessment, the standard contract and certification: CONTRACT_NECESSITY,
   * necessary to make or perform a contract to which the person is a party; HR_MANAGEMENT, cross-border
   * human-resources management; EMERGENCY, to protect a person's life, health or property in an emergency.
   */
  public enum Exemption { CONTRACT_NECESSITY, HR_MANAGEMENT, EMERGENCY }

  public enum ArtifactKind { AUDIO, VIDEO, IMAGE, TEXT }

  /**
   * Who receives the data.
   *
   * @param id the recipient's reference (required)
   * @param role how it stands to the data (required)
   * @param country its ISO 3166-1 country; another country than the jurisdiction makes the share cross-border
   * @param contract the contract with it
   * @param licensedCreditReporting whether it is a credit-reporting institution licensed for personal credit
   *     reporting (征信业务管理办法)
   */
  public record Recipient(String id, Role role, String country, Contract contract, Boolean licensedCreditReporting) {
    public Recipient {
      Objects.requireNonNull(id, "id");
      Objects.requireNonNull(role, "role");
    }

    /** A recipient whose credit-reporting licence is unknown; keeps code written before these fields compiling. */
    public Recipient(String id, Role role, String country, Contract contract) {
      this(id, role, country, contract, null);
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
   * @param written whether the consent to this share was given in writing (signed, on paper or electronically)
   */
  public record Consent(Boolean separateForSharing, Boolean separateForSensitive, List<Notice> noticeGiven,
      Boolean withdrawn, Boolean guardianForMinors, Boolean written) {
    public Consent {
      noticeGiven = noticeGiven == null ? null : List.copyOf(noticeGiven);
    }

    /** A consent not known to be written; keeps code written before these fields compiling. */
    public Consent(Boolean separateForSharing, Boolean separateForSensitive, List<Notice> noticeGiven,
        Boolean withdrawn, Boolean guardianForMinors) {
      this(separateForSharing, separateForSensitive, noticeGiven, withdrawn, guardianForMinors, null);
    }
  }

  /**
   * A transfer abroad. The yearly counts are people, since 1 January of the year of {@code at} (Beijing time),
   * whose personal information the sharing processor has provided abroad, this share included; they drive
   * the thresholds of the 2024 provisions on cross-border data flows.
   *
   * @param mechanism the cross-border transfer mechanism
   * @param ciio whether the sharing processor is a critical information infrastructure operator
   * @param personsThisYear people whose personal information other than sensitive information was provided
   *     abroad this year
   * @param sensitivePersonsThisYear people whose sensitive personal information was provided abroad this year
   * @param exemption the ground of art. 5 of the 2024 provisions the transfer relies on, if any
   */
  public record CrossBorder(Mechanism mechanism, Boolean ciio, Long personsThisYear, Long sensitivePersonsThisYear,
      Exemption exemption) {
    /** A transfer known only by its mechanism; keeps code written before these fields compiling. */
    public CrossBorder(Mechanism mechanism) {
      this(mechanism, null, null, null, null);
    }
  }

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
   * @param unlabeledOnRequest whether the file goes out without an explicit label because the user asked for
   *     it, under a user agreement that sets the user's labelling duty (标识办法 art. 9)
   */
  public record Artifact(String name, ArtifactKind kind, Boolean aiGenerated, Boolean explicitLabel,
      Map<String, Object> metadata, Boolean labelRemoved, Boolean unlabeledOnRequest) {
    public Artifact {
      metadata = metadata == null ? null : Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
    }

    /** A file not known to go out unlabelled on request; keeps code written before these fields compiling. */
    public Artifact(String name, ArtifactKind kind, Boolean aiGenerated, Boolean explicitLabel,
        Map<String, Object> metadata, Boolean labelRemoved) {
      this(name, kind, aiGenerated, explicitLabel, metadata, labelRemoved, null);
    }
  }
}
