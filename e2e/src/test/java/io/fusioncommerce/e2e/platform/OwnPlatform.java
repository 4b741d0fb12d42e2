package io.fusioncommerce.e2e.platform;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A test class that must not share the platform: it restarts or kills one, adds nodes to it, fills its
 * dead-letter topic on purpose, watches its start, or runs the launcher as a process. A {@link RunningPlatform}
 * or {@link TestTenant} it asks for is started for this class alone and stopped after it. The shared
 * platform is stopped before such a class runs (the {@link SharedPlatformFirst} order runs these last), so
 * the two never compete for the machine or mix their logs.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@ExtendWith(PlatformExtension.class)
public @interface OwnPlatform {

  /** Start Apache Druid with the platform, as `./fusion start` does by default (about 1.5 GB and half a minute). */
  boolean analytics() default false;
}
