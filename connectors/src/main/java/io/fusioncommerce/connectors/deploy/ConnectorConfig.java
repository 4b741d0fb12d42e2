package io.fusioncommerce.connectors.deploy;

import java.util.Map;

/**
 * One connector as the Connect REST API takes it ({@code POST /connectors}): its name and settings.
 * Settings may hold {@code ${env:NAME}} placeholders, resolved by the worker's config provider.
 */
public record ConnectorConfig(String name, Map<String, String> config) {}
