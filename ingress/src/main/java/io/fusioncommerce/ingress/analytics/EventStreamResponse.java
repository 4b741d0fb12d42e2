package io.fusioncommerce.ingress.analytics;

import io.javalin.http.Context;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;

/**
 * A text/event-stream answer written as events come. The request stays open (asynchronously: no thread
 * waits on it) until the client goes away, which shows as a failed write; the server then forgets the
 * response. (Javalin's own SSE client completes the request after such a failure, when Jetty has
 * already recycled it, and logs a warning with two stack traces for every closed browser tab.)
 */
final class EventStreamResponse {

  private final OutputStream out;
  private volatile boolean closed;
  private Runnable onClose = () -> {};

  private EventStreamResponse(OutputStream out) {
    this.out = out;
  }

  /**
   * Answers {@code ctx} with an event stream; {@code opened} gets the stream once the request is
   * asynchronous, so nothing is written before.
   */
  static void answer(Context ctx, java.util.function.Consumer<EventStreamResponse> opened) throws IOException {
    ctx.status(200);
    ctx.res().setCharacterEncoding("UTF-8");
    ctx.res().setContentType(LiveRoutes.EVENT_STREAM);
    ctx.header("Cache-Control", "no-cache").header("X-Accel-Buffering", "no");
    OutputStream out = ctx.res().getOutputStream();
    ctx.future(() -> {
      opened.accept(new EventStreamResponse(out));
      // never completed: the stream ends when the client goes away (or the server stops)
      return new CompletableFuture<>();
    });
  }

  void onClose(Runnable onClose) {
    this.onClose = onClose;
  }

  boolean closed() {
    return closed;
  }

  /** One event; {@code data} holds no line breaks (compact JSON). */
  void event(String name, String data) {
    write("event: " + name + "\ndata: " + data + "\n\n");
  }

  /** A comment line: keeps proxies from closing an idle stream, and finds a client that has gone. */
  void comment(String text) {
    write(": " + text + "\n\n");
  }

  private synchronized void write(String text) {
    if (closed) {
      return;
    }
    try {
      out.write(text.getBytes(StandardCharsets.UTF_8));
      out.flush();
    } catch (IOException | RuntimeException gone) {
      closed = true;
      onClose.run();
    }
  }
}
