package dev.tollgate.internal.codec;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.SerializationConfig;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.ser.BeanSerializerModifier;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import dev.tollgate.Decision;
import dev.tollgate.Finding;
import java.io.IOException;
import java.io.StringWriter;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Has Jackson write a decision's packs, findings and obligations as the text it wrote for an equal value
 * before: most of a decision is the same for every request (the packs, and each rule's citation and
 * message, much of it Chinese), and copying that text is several times cheaper than writing it again.
 * The text is Jackson's own, so the output is the same either way. Findings that list fields, and those
 * Tollgate makes itself (whose messages name the request), are written as usual.
 *
 * <p>Thread-safe. At most {@link #KEPT} values are kept per kind, far more than the rules of every bundled
 * pack.
 */
final class DecisionFragments extends BeanSerializerModifier {
  private static final long serialVersionUID = 1L;
  private static final int KEPT = 2048;
  /** The pack id of Tollgate's own findings. */
  private static final String SYSTEM_PACK = "tollgate";

  @Override
  public JsonSerializer<?> modifySerializer(SerializationConfig config, BeanDescription description,
      JsonSerializer<?> serializer) {
    Class<?> type = description.getBeanClass();
    boolean kept = type == Decision.PackRef.class || type == Finding.class || type == Decision.Obligation.class;
    return kept ? new Kept(serializer) : serializer;
  }

  /** Writes a value as the text its plain serializer wrote for an equal one. */
  private static final class Kept extends StdSerializer<Object> {
    private static final long serialVersionUID = 1L;
    private final transient JsonSerializer<Object> plain;
    private final transient Map<Object, SerializableString> kept = new ConcurrentHashMap<>();
    private final transient AtomicInteger size = new AtomicInteger();

    @SuppressWarnings("unchecked")
    Kept(JsonSerializer<?> plain) {
      super(Object.class);
      this.plain = (JsonSerializer<Object>) plain;
    }

    @Override
    public void serialize(Object value, JsonGenerator gen, SerializerProvider provider) throws IOException {
      if (value instanceof Finding f && (f.fields() != null || f.pack().equals(SYSTEM_PACK))) {
        plain.serialize(value, gen, provider);
        return;
      }
      SerializableString text = kept.get(value);
      if (text == null) {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = RequestCodec.MAPPER.getFactory().createGenerator(out)) {
          plain.serialize(value, g, provider);
        }
        text = new SerializedString(out.toString());
        if (size.get() < KEPT && kept.putIfAbsent(value, text) == null) {
          size.incrementAndGet();
        }
      }
      gen.writeRawValue(text);
    }
  }
}
