// Compile-only shim of stapler 2050.v425108fd5089: only what plugin/ uses, real signatures. See
// plugin-offline/README.md.
package org.kohsuke.stapler;

public interface HttpResponse {}
