package io.fusioncommerce.ingress.health;

/** One thing readiness depends on (the broker, Postgres, the registry, Connect, a topology). */
public interface HealthCheck {

  String name();

  Status check();

  /**
   * False for a part the platform serves without (analytics): its status is reported, but it never
   * makes the node not ready.
   */
  default boolean required() {
    return true;
  }

  record Status(boolean up, String detail) {
    public static Status up(String detail) {
      return new Status(true, detail);
    }

    public static Status down(String detail) {
      return new Status(false, detail);
    }
  }
}
