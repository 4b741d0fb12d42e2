package io.fusioncommerce.connectors.convert;

import io.fusioncommerce.schemas.serde.ConfluentWireFormat;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;

/**
 * Records as other producers write them, for tests of what reads topics: generic records in the
 * Confluent wire format, and orders.view rows written with the first release's OrderView schema (before
 * the per-vendor lists). Shared with the runtime module's tests through this module's test jar.
 */
public final class WireRecords {

  private WireRecords() {}

  /** {@code datum} the way any Confluent-format producer writes it, under the registered {@code schemaId}. */
  public static byte[] encode(int schemaId, Schema schema, Object datum) {
    try {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      ConfluentWireFormat.writeHeader(out, schemaId);
      BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
      new GenericDatumWriter<>(schema, new GenericData()).write(datum, encoder);
      encoder.flush();
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The OrderView schema of the first release (test resource avro/OrderView-v1.avsc). */
  public static Schema orderViewV1Schema() {
    try (InputStream in = WireRecords.class.getResourceAsStream("/avro/OrderView-v1.avsc")) {
      return new Schema.Parser().parse(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Bob's order in tenant acme, one pair of socks of vendor v-socks for 4.99 USD, last changed when created. */
  public static GenericRecord orderViewV1(String orderId, String status, long version, Instant created) {
    GenericRecord order = new GenericData.Record(orderViewV1Schema());
    order.put("tenantId", "acme");
    order.put("orderId", orderId);
    order.put("customerId", "bob");
    order.put("status", status);
    order.put("totalAmount", 499L);
    order.put("currency", "USD");
    order.put("itemCount", 1);
    order.put("vendorIds", "v-socks");
    order.put("createdAt", created.toEpochMilli());
    order.put("updatedAt", created.toEpochMilli());
    order.put("version", version);
    return order;
  }
}
