package dev.tollgate.internal;

import static dev.tollgate.internal.FieldValues.get;
import static dev.tollgate.internal.FieldValues.name;
import static dev.tollgate.internal.FieldValues.names;
import static dev.tollgate.internal.FieldValues.number;
import static dev.tollgate.rules.Field.*;

import dev.tollgate.DataShareRequest;
import dev.tollgate.DataShareRequest.Artifact;
import dev.tollgate.DataShareRequest.AutomatedMarketing;
import dev.tollgate.DataShareRequest.Consent;
import dev.tollgate.DataShareRequest.Contract;
import dev.tollgate.DataShareRequest.CrossBorder;
import dev.tollgate.DataShareRequest.Retention;
import dev.tollgate.DataShareRequest.Subjects;

/**
 * How each data-share field of the pack language is read from a {@link DataShareRequest}, and each field
 * of one of its files ({@code content[].kind}) from that file, derived facts included. A field added to
 * {@link dev.tollgate.rules.Field} for data shares gets its line here; FactExtractorTest fails for a field
 * without one.
 */
final class DataShareFields {
  static final FieldReaders<DataShareRequest> READERS = FieldReaders.of(DataShareRequest.class)
      .read(SHARE_PURPOSE, DataShareRequest::purpose)
      .read(RECIPIENT_ID, s -> s.recipient().id())
      .read(RECIPIENT_ROLE, s -> name(s.recipient().role()))
      .read(RECIPIENT_COUNTRY, s -> s.recipient().country())
      .read(RECIPIENT_CONTRACT_PURPOSE_LIMITED, s -> get(s.recipient().contract(), Contract::purposeLimited))
      .read(RECIPIENT_CONTRACT_REUSE, s -> get(s.recipient().contract(), Contract::reuseForOwnPurposes))
      .read(RECIPIENT_LICENSED_CREDIT_REPORTING, s -> s.recipient().licensedCreditReporting())
      .read(FIELDS, DataShareRequest::fields)
      .read(SUBJECTS_COUNT, s -> number(get(s.subjects(), Subjects::count)))
      .read(SUBJECTS_MINORS_UNDER_14, s -> get(s.subjects(), Subjects::includesMinorsUnder14))
      .read(LEGAL_BASIS, s -> name(s.legalBasis()))
      .read(SHARE_CONSENT_SEPARATE_SHARING, s -> get(s.consent(), Consent::separateForSharing))
      .read(SHARE_CONSENT_SEPARATE_SENSITIVE, s -> get(s.consent(), Consent::separateForSensitive))
      .read(SHARE_CONSENT_NOTICE_GIVEN, s -> names(get(s.consent(), Consent::noticeGiven)))
      .read(SHARE_CONSENT_WITHDRAWN, s -> get(s.consent(), Consent::withdrawn))
      .read(SHARE_CONSENT_GUARDIAN, s -> get(s.consent(), Consent::guardianForMinors))
      .read(SHARE_CONSENT_WRITTEN, s -> get(s.consent(), Consent::written))
      .read(DEIDENTIFIED, DataShareRequest::deidentified)
      .read(IMPACT_ASSESSMENT, DataShareRequest::impactAssessment)
      .read(CROSS_BORDER_MECHANISM, s -> name(get(s.crossBorder(), CrossBorder::mechanism)))
      .read(CROSS_BORDER_CIIO, s -> get(s.crossBorder(), CrossBorder::ciio))
      .read(CROSS_BORDER_PERSONS, s -> number(get(s.crossBorder(), CrossBorder::personsThisYear)))
      .read(CROSS_BORDER_SENSITIVE_PERSONS, s -> number(get(s.crossBorder(), CrossBorder::sensitivePersonsThisYear)))
      .read(CROSS_BORDER_EXEMPTION, s -> name(get(s.crossBorder(), CrossBorder::exemption)))
      .read(RETENTION_DAYS, s -> number(get(s.retention(), Retention::days)))
      .read(RETENTION_EXPIRED, s -> get(s.retention(), Retention::expired))
      .read(AUTOMATED_MARKETING_PERSONALIZED, s -> get(s.automatedMarketing(), AutomatedMarketing::personalized))
      .read(AUTOMATED_MARKETING_OPT_OUT, s -> get(s.automatedMarketing(), AutomatedMarketing::optOutOffered))
      .read(RECIPIENT_CROSS_BORDER, s -> s.recipient().country() == null ? null
          : !s.recipient().country().equals(s.jurisdiction().substring(0, 2)))
      // The list itself; the evaluator turns each file into facts of its own with FactExtractor.itemReader().
      .read(CONTENT, DataShareRequest::content);

  /** The fields of one requested field name, an element of {@code fields}. */
  static final FieldReaders<String> FIELD_NAME_READERS = FieldReaders.of(String.class)
      .read(FIELDS_NAME, name -> name);

  /** The fields of one file of {@code content}. */
  static final FieldReaders<ContentItem> CONTENT_READERS = FieldReaders.of(ContentItem.class)
      .read(CONTENT_NAME, c -> c.artifact.name())
      .read(CONTENT_KIND, c -> name(c.artifact.kind()))
      .read(CONTENT_AI_GENERATED, c -> c.artifact.aiGenerated())
      .read(CONTENT_EXPLICIT_LABEL, c -> c.artifact.explicitLabel())
      .read(CONTENT_LABEL_REMOVED, c -> c.artifact.labelRemoved())
      .read(CONTENT_UNLABELED_ON_REQUEST, c -> c.artifact.unlabeledOnRequest())
      .read(CONTENT_AIGC_STATUS, c -> c.aigc().status().name())
      .read(CONTENT_AIGC_LABEL, c -> c.aigc().element("Label"))
      .read(CONTENT_AIGC_CONTENT_PRODUCER, c -> c.aigc().element("ContentProducer"))
      .read(CONTENT_AIGC_PRODUCE_ID, c -> c.aigc().element("ProduceID"))
      .read(CONTENT_AIGC_RESERVED_CODE1, c -> c.aigc().element("ReservedCode1"))
      .read(CONTENT_AIGC_CONTENT_PROPAGATOR, c -> c.aigc().element("ContentPropagator"))
      .read(CONTENT_AIGC_PROPAGATE_ID, c -> c.aigc().element("PropagateID"))
      .read(CONTENT_AIGC_RESERVED_CODE2, c -> c.aigc().element("ReservedCode2"))
      .read(CONTENT_AIGC_PRINTABLE_ASCII, c -> c.aigc().printableAscii());

  private DataShareFields() {}

  /**
   * One file of a share while its fields are read; its AIGC metadata is parsed at most once, and only
   * when a rule asks for one of its elements.
   *
   * <p>Not thread-safe: made and read by one thread for one decision.
   */
  static final class ContentItem {
    private final Artifact artifact;
    private AigcMetadata aigc;

    ContentItem(Artifact artifact) {
      this.artifact = artifact;
    }

    AigcMetadata aigc() {
      if (aigc == null) {
        aigc = AigcMetadata.of(artifact.metadata());
      }
      return aigc;
    }
  }
}
