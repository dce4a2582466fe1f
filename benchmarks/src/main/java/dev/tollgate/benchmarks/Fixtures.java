package dev.tollgate.benchmarks;

import dev.tollgate.PolicyEngine;
import dev.tollgate.Request;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/** What the benchmarks decide: the bundled engine, a generated mix of requests and two fixed calls. */
final class Fixtures {
  /** The seed of every generated corpus, so that each run decides the same requests. */
  static final long SEED = 20260301L;
  /** Enough distinct requests that branch prediction cannot learn the sequence. */
  static final int MIX = 4096;
  static final OffsetDateTime AT = OffsetDateTime.of(2026, 3, 3, 10, 30, 0, 0, ZoneOffset.ofHours(8));

  private Fixtures() {}

  static PolicyEngine bundledEngine() {
    return PolicyEngine.builder().bundledPacks().build();
  }

  /** The generated mix of calls, data shares and messages, as records. */
  static Request[] mix() {
    Corpus corpus = new Corpus(SEED);
    Request[] out = new Request[MIX];
    for (int i = 0; i < MIX; i++) {
      out[i] = Request.fromJson(corpus.nextJson());
    }
    return out;
  }

  /** A marketing call no rule denies: every pack in force is evaluated and nothing matches. */
  static Request allowedCall() {
    return Request.fromJson(Corpus.json(Corpus.allowedMarketingCall("allowed", AT)));
  }

  /** An AI-voice marketing call to a prospect from a purchased list: five rules match, three deny. */
  static Request deniedCall() {
    return Request.fromJson(Corpus.json(Corpus.deniedAiMarketingCall("denied", AT)));
  }
}
