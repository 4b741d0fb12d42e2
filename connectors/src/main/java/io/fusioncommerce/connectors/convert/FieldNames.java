package io.fusioncommerce.connectors.convert;

import java.util.function.UnaryOperator;

/**
 * How Avro field names become Connect field names when reading. Sinks that write a record's fields as
 * columns want the columns' snake_case; translating in the converter does it once per schema instead
 * of once per record, as a renaming transformation (Debezium's FieldNameTransformation) would.
 */
enum FieldNames implements UnaryOperator<String> {
  AS_WRITTEN {
    @Override
    public String apply(String name) {
      return name;
    }
  },
  /** {@code orderId} → {@code order_id}, {@code vendorSubtotals} → {@code vendor_subtotals}, {@code line2} stays. */
  SNAKE_CASE {
    @Override
    public String apply(String name) {
      StringBuilder snake = new StringBuilder(name.length() + 4);
      for (int i = 0; i < name.length(); i++) {
        char c = name.charAt(i);
        if (Character.isUpperCase(c)) {
          boolean afterWord = i > 0 && name.charAt(i - 1) != '_'
              && (!Character.isUpperCase(name.charAt(i - 1))
                  || i + 1 < name.length() && Character.isLowerCase(name.charAt(i + 1)));
          if (afterWord) {
            snake.append('_');
          }
          snake.append(Character.toLowerCase(c));
        } else {
          snake.append(c);
        }
      }
      return snake.toString();
    }
  }
}
