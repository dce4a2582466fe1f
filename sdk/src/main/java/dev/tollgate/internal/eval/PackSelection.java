package dev.tollgate.internal.eval;

import dev.tollgate.CallRequest;
import dev.tollgate.MessageRequest;
import dev.tollgate.Request;
import dev.tollgate.internal.Zones;
import dev.tollgate.rules.RequestType;
import dev.tollgate.rules.RulePack;
import dev.tollgate.rules.Version;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

/**
 * Which packs are in force for a request: the first stage of a decision, before any fact is read.
 *
 * <p>Immutable and thread-safe.
 */
final class PackSelection {
  private final List<RulePack> packs;
  private final Map<String, Version> pins;
  /** Per pack, the position of the first pack with its id: the packs are sorted by id, so an id's versions are adjacent. */
  private final int[] firstOfId;

  /**
   * @param packs the loaded packs, ordered by id then version
   * @param pins pack id to the version that must be used
   */
  PackSelection(List<RulePack> packs, Map<String, Version> pins) {
    this.packs = packs;
    this.pins = pins;
    this.firstOfId = new int[packs.size()];
    for (int p = 1; p < packs.size(); p++) {
      firstOfId[p] = packs.get(p).id().equals(packs.get(p - 1).id()) ? firstOfId[p - 1] : p;
    }
  }

  /**
   * For each pack id, the pinned version or else the highest version in force on the day; the pack
   * applies when that version covers the request's type and jurisdiction. An older version never stands
   * in for a newer one that stopped covering a type or jurisdiction: what a legal team retired stays
   * retired.
   *
   * @return per pack (in the order given to the constructor), whether it is in force for the request
   */
  boolean[] select(Request request, RequestType type, LocalDate day) {
    boolean[] selected = new boolean[packs.size()];
    // Packs are sorted by id, then version ascending: walk each id's versions from the highest down.
    int end = packs.size();
    while (end > 0) {
      int start = firstOfId[end - 1];
      Version pin = pins.isEmpty() ? null : pins.get(packs.get(start).id());
      for (int p = end - 1; p >= start; p--) {
        RulePack pack = packs.get(p);
        if (pin != null && !pin.equals(pack.version()) || !pack.effective().covers(day)) {
          continue;
        }
        selected[p] = pack.appliesTo().contains(type) && pack.coversJurisdiction(request.jurisdiction());
        break;
      }
      end = start;
    }
    return selected;
  }

  /**
   * The day on which the law is read for effective dates: {@code at} in the jurisdiction's time zone
   * (a Chinese law in force from 1 September applies at 00:30 Beijing time, whatever offset {@code at}
   * was written in); for jurisdictions with several zones, the callee's zone if known, else the offset
   * written in {@code at}.
   */
  static LocalDate lawDay(Request request) {
    ZoneId zone = Zones.singleZone(request.jurisdiction());
    if (zone == null && request instanceof CallRequest call) {
      zone = call.callee().timeZone();
    } else if (zone == null && request instanceof MessageRequest message) {
      zone = message.recipient().timeZone();
    }
    return zone == null ? request.at().toLocalDate() : Zones.localDate(request.at().toInstant(), zone);
  }
}
