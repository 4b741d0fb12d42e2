package io.fusioncommerce.e2e.platform;

import java.util.Comparator;
import org.junit.jupiter.api.ClassDescriptor;
import org.junit.jupiter.api.ClassOrderer;
import org.junit.jupiter.api.ClassOrdererContext;

/**
 * Runs the classes on the shared platform before those that own one (by name within each group), so the
 * shared platform starts once and is stopped for good before the first {@link OwnPlatform} class. The
 * order saves time only: a shared class run after an own-platform one would start the shared platform
 * again and pass all the same. Configured in junit-platform.properties.
 */
public final class SharedPlatformFirst implements ClassOrderer {

  @Override
  public void orderClasses(ClassOrdererContext context) {
    context.getClassDescriptors().sort(Comparator
        .comparing((ClassDescriptor descriptor) -> descriptor.isAnnotated(OwnPlatform.class))
        .thenComparing(descriptor -> descriptor.getTestClass().getName()));
  }
}
