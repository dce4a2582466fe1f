package dev.tollgate;

/** Requests for tests that the JSON reader would refuse. */
public final class TestRequests {
  private TestRequests() {}

  /**
   * The call with another {@code callee.subject}, all else copied component by component, since the JSON
   * reader refuses the subjects these tests give the engine directly.
   */
  public static CallRequest withSubject(CallRequest call, String subject) {
    try {
      Object[] callee = components(call.callee());
      callee[0] = subject;
      Object[] fields = components(call);
      fields[java.util.Arrays.stream(CallRequest.class.getRecordComponents()).map(c -> c.getName()).toList()
          .indexOf("callee")] = construct(CallRequest.Callee.class, callee);
      return (CallRequest) construct(CallRequest.class, fields);
    } catch (ReflectiveOperationException e) {
      throw new AssertionError(e);
    }
  }

  private static Object[] components(Record r) throws ReflectiveOperationException {
    java.lang.reflect.RecordComponent[] rc = r.getClass().getRecordComponents();
    Object[] values = new Object[rc.length];
    for (int i = 0; i < rc.length; i++) {
      values[i] = rc[i].getAccessor().invoke(r);
    }
    return values;
  }

  private static Object construct(Class<?> type, Object[] values) throws ReflectiveOperationException {
    Class<?>[] types = java.util.Arrays.stream(type.getRecordComponents()).map(c -> c.getType()).toArray(Class<?>[]::new);
    return type.getDeclaredConstructor(types).newInstance(values);
  }
}
