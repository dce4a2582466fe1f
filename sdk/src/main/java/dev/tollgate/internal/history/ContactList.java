package dev.tollgate.internal.history;

import dev.tollgate.CallRequest;
import java.util.AbstractList;
import java.util.List;
import java.util.Objects;
import java.util.RandomAccess;

/**
 * The immutable list a {@link CallRequest} keeps as its {@code history}: it equals any list of the same
 * contacts, and it keeps the history's index for the windows ({@link RequestHistory}) once decisions have
 * built it, so deciding the same request again does not read every contact again.
 */
public final class ContactList extends AbstractList<CallRequest.Contact> implements RandomAccess {
  private final CallRequest.Contact[] contacts;
  /**
   * Built by the first decision that counts a window, and again, sorted, by the second if the first found
   * the contacts in no order. Racy but safe: a RequestHistory is immutable, its fields final.
   */
  private RequestHistory index;

  private ContactList(CallRequest.Contact[] contacts) {
    this.contacts = contacts;
  }

  /** An immutable copy of the contacts (the same list if it is one already), refusing null as List.copyOf does. */
  public static List<CallRequest.Contact> copyOf(List<CallRequest.Contact> contacts) {
    if (contacts instanceof ContactList list) {
      return list;
    }
    CallRequest.Contact[] array = contacts.toArray(new CallRequest.Contact[0]);
    for (CallRequest.Contact c : array) {
      Objects.requireNonNull(c, "history contains null");
    }
    return new ContactList(array);
  }

  @Override
  public CallRequest.Contact get(int i) {
    return contacts[i];
  }

  @Override
  public int size() {
    return contacts.length;
  }

  RequestHistory index() {
    RequestHistory i = index;
    if (i == null || !i.sorted) {
      i = RequestHistory.index(contacts, i != null);
      index = i;
    }
    return i;
  }
}
