package io.fusioncommerce.e2e.platform;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionContext.Namespace;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives {@link PlatformTest} classes their platform and tenant. One embedded platform is shared by the
 * whole run: started when the first class asks for it, kept in the root store, stopped when the run
 * ends (or when an {@link OwnPlatform} class begins, since the shared classes run first). Each class
 * gets a tenant of its own on it, named after the class, so classes never see each other's orders,
 * stock or settings whatever order they run in.
 */
public final class PlatformExtension implements ParameterResolver, BeforeAllCallback {

  private static final Namespace NAMESPACE = Namespace.create(PlatformExtension.class);
  private static final String SHARED = "shared-platform";
  private static final String OWN = "own-platform";
  private static final String TENANT = "tenant";

  @Override
  public void beforeAll(ExtensionContext context) throws Exception {
    if (ownsPlatform(context)) {
      stopShared(context);
    }
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    Class<?> type = parameter.getParameter().getType();
    return type == RunningPlatform.class || type == TestTenant.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    ExtensionContext testClass = classContext(context);
    RunningPlatform platform = platform(testClass);
    if (parameter.getParameter().getType() == RunningPlatform.class) {
      return platform;
    }
    return testClass.getStore(NAMESPACE).getOrComputeIfAbsent(TENANT,
        key -> new TestTenant(platform, tenantOf(testClass.getRequiredTestClass())), TestTenant.class);
  }

  private static RunningPlatform platform(ExtensionContext testClass) {
    if (ownsPlatform(testClass)) {
      // before the class's own platform starts (its instance is made before any beforeAll callback)
      stopShared(testClass);
      return testClass.getStore(NAMESPACE).getOrComputeIfAbsent(OWN,
          key -> RunningPlatform.start(testClass.getRequiredTestClass().getSimpleName(), false,
              testClass.getRequiredTestClass().getAnnotation(OwnPlatform.class).analytics()), RunningPlatform.class);
    }
    return testClass.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent(SHARED,
        key -> RunningPlatform.start("shared", true, false), RunningPlatform.class);
  }

  /** Stops the shared platform for good if it runs; a shared class run afterwards would start another. */
  private static void stopShared(ExtensionContext context) {
    RunningPlatform shared = context.getRoot().getStore(NAMESPACE).remove(SHARED, RunningPlatform.class);
    if (shared != null) {
      try {
        shared.close();
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }
  }

  private static boolean ownsPlatform(ExtensionContext context) {
    return context.getRequiredTestClass().isAnnotationPresent(OwnPlatform.class);
  }

  /** The context of the test class itself (parameters of test methods are resolved in a method's). */
  private static ExtensionContext classContext(ExtensionContext context) {
    ExtensionContext current = context;
    while (current.getTestMethod().isPresent()) {
      current = current.getParent().orElseThrow();
    }
    return current;
  }

  /** OrderSagaIT's tenant is "ordersaga": a valid tenant id, the same in every run, unique per class. */
  static String tenantOf(Class<?> testClass) {
    return testClass.getSimpleName().replaceFirst("IT$", "").toLowerCase(java.util.Locale.ROOT);
  }
}
