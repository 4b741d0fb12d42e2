package io.fusioncommerce.runtime.embedded;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.fusioncommerce.connectors.notifications.SmtpSettings;
import jakarta.mail.internet.MimeMessage;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Embedded mode's SMTP server (GreenMail) on a free loopback port: the mail worker sends to it as it
 * would to a real server, and it keeps every mail in memory, where tests read them
 * ({@link #received()}) and a developer finds them by the port logged at start.
 */
public final class EmbeddedMailServer implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedMailServer.class);
  /** The From address of tenants that set no sender, in embedded mode. */
  public static final String FROM = "no-reply@fusioncommerce.localhost";

  private final GreenMail greenMail;

  private EmbeddedMailServer(GreenMail greenMail) {
    this.greenMail = greenMail;
  }

  public static EmbeddedMailServer start() {
    GreenMail greenMail = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());
    greenMail.start();
    EmbeddedMailServer server = new EmbeddedMailServer(greenMail);
    LOG.atInfo().addKeyValue("smtp", "127.0.0.1:" + server.port())
        .log("embedded SMTP server started: customer and vendor mails are captured here, not delivered");
    return server;
  }

  public int port() {
    return greenMail.getSmtp().getPort();
  }

  /** Where the mail worker sends: this server, no login, no TLS (loopback only). */
  public SmtpSettings smtpSettings() {
    return new SmtpSettings("127.0.0.1", port(), null, "", false, FROM);
  }

  /** Every mail received so far, oldest first. */
  public List<MimeMessage> received() {
    return List.of(greenMail.getReceivedMessages());
  }

  @Override
  public void close() {
    greenMail.stop();
  }
}
