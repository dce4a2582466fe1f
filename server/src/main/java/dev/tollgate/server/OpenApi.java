package dev.tollgate.server;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** The OpenAPI 3.1 document of the HTTP API, served at {@code /openapi.json} and checked against real answers in the tests. */
final class OpenApi {
  static final String RESOURCE = "/dev/tollgate/server/openapi.json";

  private OpenApi() {}

  static byte[] document() {
    try (InputStream in = OpenApi.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(RESOURCE + " is missing from the server jar");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + RESOURCE, e);
    }
  }
}
