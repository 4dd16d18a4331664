// Compile-only shim of jenkins-core 2.541.3: only what plugin/ uses, real signatures. See plugin-offline/README.md.
package hudson.security;

import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.Authentication;

public interface AccessControlled {
    ACL getACL();

    default void checkPermission(Permission permission) throws AccessDeniedException {
        throw new UnsupportedOperationException();
    }

    default boolean hasPermission(Permission permission) {
        throw new UnsupportedOperationException();
    }

    default boolean hasPermission2(Authentication a, Permission permission) {
        throw new UnsupportedOperationException();
    }
}
