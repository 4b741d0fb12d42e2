package io.fusioncommerce.connectors.notifications;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;

/** Sends a composed message; a {@link MessagingException} means it may not have been taken. */
public interface Mailer {

  Session session();

  void send(MimeMessage message) throws MessagingException;
}
