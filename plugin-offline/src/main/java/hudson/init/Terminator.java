// Compile-only shim of jenkins-core 2.541.3: only what plugin/ uses, real signatures. See plugin-offline/README.md.
package hudson.init;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Terminator {
    String[] requires() default {};

    String[] attains() default {};
}
