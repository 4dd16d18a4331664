// Compile-only shim of symbol-annotation 1.25 (bundled with jenkins-core 2.541.3): only what plugin/ uses, real
// signatures. See plugin-offline/README.md.
package org.jenkinsci;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@Documented
public @interface Symbol {
    String[] value();
}
