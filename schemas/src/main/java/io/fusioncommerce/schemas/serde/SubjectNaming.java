package io.fusioncommerce.schemas.serde;

/** Confluent's default TopicNameStrategy: the subject of a topic's keys is "topic-key", of values "topic-value". */
public final class SubjectNaming {

  private SubjectNaming() {}

  public static String subject(String topic, boolean isKey) {
    return topic + (isKey ? "-key" : "-value");
  }
}
