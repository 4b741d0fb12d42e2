package io.fusioncommerce.e2e.platform;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A test class that drives the embedded platform: its constructor or {@code @BeforeAll} method takes
 * a {@link TestTenant} (and, if it needs the platform itself, a {@link RunningPlatform}). The class runs
 * on the one platform shared by every such class of the run, in a tenant of its own, unless it is also
 * marked {@link OwnPlatform}.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@ExtendWith(PlatformExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public @interface PlatformTest {}
