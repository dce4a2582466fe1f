package dev.tollgate.server;

import java.nio.ByteBuffer;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * The body of every error Jetty answers by itself (a header block too large, a malformed request line, a
 * request refused while draining): the API's error object, never an HTML page or a stack trace.
 */
final class JsonErrors extends ErrorHandler {
  private final ServerMetrics metrics;

  JsonErrors(ServerMetrics metrics) {
    this.metrics = metrics;
    setShowStacks(false);
    setShowMessageInTitle(false);
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) {
    int status = response.getStatus();
    metrics.rejected(status);
    byte[] body = Routes.errorBody(status, reason(status));
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
    response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
    response.write(true, ByteBuffer.wrap(body), callback);
    return true;
  }

  /** A fixed text per status: the exception that caused it may quote the request, which is not to be echoed. */
  private static String reason(int status) {
    return switch (status) {
      case 400 -> "the request is not valid HTTP/1.1";
      case 413 -> "the request body is too large";
      case 414 -> "the request line is too long";
      case 431 -> "the request's headers are too large";
      case 503 -> "the server is shutting down";
      default -> "the request could not be served";
    };
  }
}
