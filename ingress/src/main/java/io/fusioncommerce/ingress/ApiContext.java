package io.fusioncommerce.ingress;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.fusioncommerce.ingress.commands.CommandPublisher;
import io.fusioncommerce.ingress.http.Bodies;
import io.fusioncommerce.ingress.query.StoreReader;
import io.fusioncommerce.schemas.serde.AvroSerdes;
import java.time.Clock;

/**
 * What route handlers work with: request bodies, the command publisher, state-store reads (local or
 * forwarded to the owner), serdes and the clock.
 */
public record ApiContext(
    ObjectMapper json, Bodies bodies, CommandPublisher commands, StoreReader stores, AvroSerdes serdes, Clock clock) {}
