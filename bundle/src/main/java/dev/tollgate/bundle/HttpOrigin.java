package dev.tollgate.bundle;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A bundle served over HTTP(S), fetched with the JDK's client and asked for only when changed: the
 * response's {@code ETag} and {@code Last-Modified} go back as {@code If-None-Match} and
 * {@code If-Modified-Since}, and a 304 fetches nothing. One download, from connecting to the last byte,
 * must finish within the timeout, so a server that hangs mid-body is given up on.
 */
final class HttpOrigin implements Origin {
  private final URI url;
  private final Duration timeout;
  private final HttpClient client;
  private String etag;
  private String lastModified;

  HttpOrigin(URI url, Duration timeout) {
    this.url = url;
    this.timeout = timeout;
    this.client = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NORMAL).build();
  }

  @Override
  public byte[] fetch() {
    HttpRequest.Builder request = HttpRequest.newBuilder(url).timeout(timeout).GET();
    if (etag != null) {
      request.header("If-None-Match", etag);
    }
    if (lastModified != null) {
      request.header("If-Modified-Since", lastModified);
    }
    long deadline = System.nanoTime() + timeout.toNanos();
    CompletableFuture<HttpResponse<InputStream>> pending = client.sendAsync(request.build(), HttpResponse.BodyHandlers.ofInputStream());
    HttpResponse<InputStream> response;
    try {
      response = pending.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      pending.cancel(true);
      throw notFetched("no answer from " + url + " within " + timeout.toMillis() + " ms", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof HttpTimeoutException) {
        // The request's own timer, which runs beside this wait's and may end first: the same silence.
        throw notFetched("no answer from " + url + " within " + timeout.toMillis() + " ms", e.getCause());
      }
      throw notFetched("cannot fetch " + url + ": " + e.getCause(), e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw notFetched("interrupted while fetching " + url, e);
    }
    int status = response.statusCode();
    try (InputStream body = response.body()) {
      if (status == 304) {
        return null;
      }
      if (status != 200) {
        throw notFetched("HTTP " + status + " from " + url, null);
      }
      long declared = response.headers().firstValueAsLong("Content-Length").orElse(-1);
      if (declared > Bundle.MAX_BYTES) {
        throw new BundleException(BundleException.Reason.UNREADABLE, url + " serves " + declared + " bytes, more than "
            + Bundle.MAX_BYTES);
      }
      byte[] bytes = read(body, deadline);
      if (declared >= 0 && bytes.length != declared) {
        throw notFetched("download from " + url + " cut short: " + bytes.length + " of " + declared + " bytes", null);
      }
      etag = response.headers().firstValue("ETag").orElse(null);
      lastModified = response.headers().firstValue("Last-Modified").orElse(null);
      return bytes;
    } catch (IOException e) {
      throw notFetched("download from " + url + " cut short: " + e, e);
    }
  }

  /** Reads the body, closing it at the deadline so that a server that stops sending cannot hold the check. */
  private byte[] read(InputStream body, long deadline) throws IOException {
    long left = deadline - System.nanoTime();
    java.util.concurrent.atomic.AtomicBoolean late = new java.util.concurrent.atomic.AtomicBoolean();
    CompletableFuture<Void> guard = CompletableFuture.runAsync(() -> {
      late.set(true);
      try {
        body.close();
      } catch (IOException e) {
        // Closing is how the read is stopped; a failure to close leaves nothing to clean up here.
      }
    }, CompletableFuture.delayedExecutor(Math.max(left, 1), TimeUnit.NANOSECONDS));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buffer = new byte[16384];
    try {
      for (int n; (n = body.read(buffer)) >= 0; ) {
        out.write(buffer, 0, n);
        if (out.size() > Bundle.MAX_BYTES) {
          throw new BundleException(BundleException.Reason.UNREADABLE, url + " serves more than " + Bundle.MAX_BYTES + " bytes");
        }
      }
    } catch (IOException e) {
      if (late.get()) {
        throw notFetched("the download from " + url + " did not finish within " + timeout.toMillis() + " ms", e);
      }
      throw e;
    } finally {
      guard.cancel(false);
    }
    if (late.get()) {
      throw notFetched("the download from " + url + " did not finish within " + timeout.toMillis() + " ms", null);
    }
    return out.toByteArray();
  }

  @Override
  public void await(Duration interval) throws InterruptedException {
    Thread.sleep(interval.toMillis());
  }

  @Override
  public void close() {
    // The JDK 17 client has no close; its threads end when it is collected.
  }

  @Override
  public String toString() {
    return url.toString();
  }

  private static BundleException notFetched(String message, Throwable cause) {
    return new BundleException(BundleException.Reason.NOT_FETCHED, message, cause);
  }
}
