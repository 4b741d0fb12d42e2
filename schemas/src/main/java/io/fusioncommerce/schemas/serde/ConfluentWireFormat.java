package io.fusioncommerce.schemas.serde;

import java.nio.ByteBuffer;
import org.apache.kafka.common.errors.SerializationException;

/**
 * The Confluent wire format: one magic byte 0, the schema id as a 4-byte big-endian int, then the
 * Avro binary encoding of the datum.
 */
public final class ConfluentWireFormat {

  public static final byte MAGIC_BYTE = 0x0;
  public static final int HEADER_SIZE = 5;

  private ConfluentWireFormat() {}

  /** Reads and checks the header; leaves the buffer positioned at the Avro payload. */
  public static int readSchemaId(ByteBuffer buffer) {
    if (buffer.remaining() < HEADER_SIZE) {
      throw new SerializationException(
          "not Confluent wire format: " + buffer.remaining() + " bytes is shorter than the 5-byte header");
    }
    byte magic = buffer.get();
    if (magic != MAGIC_BYTE) {
      throw new SerializationException("not Confluent wire format: magic byte is " + magic + ", expected 0");
    }
    return buffer.getInt();
  }

  /** Writes the magic byte and the schema id; the Avro payload follows. */
  public static void writeHeader(java.io.ByteArrayOutputStream out, int schemaId) {
    out.write(MAGIC_BYTE);
    out.write((schemaId >>> 24) & 0xFF);
    out.write((schemaId >>> 16) & 0xFF);
    out.write((schemaId >>> 8) & 0xFF);
    out.write(schemaId & 0xFF);
  }
}
