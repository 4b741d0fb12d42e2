package io.fusioncommerce.ingress.health;

/** One thing readiness depends on (the broker, Postgres, the registry, Connect, a topology). */
public interface HealthCheck {

  String name();

  Status check();

  record Status(boolean up, String detail) {
    public static Status up(String detail) {
      return new Status(true, detail);
    }

    public static Status down(String detail) {
      return new Status(false, detail);
    }
  }
}
