package io.jenkins.plugins.runwayupscale;

import com.cloudbees.plugins.credentials.CredentialsMatchers;
import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.common.IdCredentials;
import com.cloudbees.plugins.credentials.common.StandardListBoxModel;
import hudson.model.Item;
import hudson.model.ItemGroup;
import hudson.model.Queue;
import hudson.model.queue.Tasks;
import hudson.security.ACL;
import hudson.util.ListBoxModel;
import java.util.List;
import jenkins.model.Jenkins;
import org.jenkinsci.plugins.plaincredentials.StringCredentials;
import org.springframework.security.core.Authentication;

/**
 * Credentials as the forms show and check them: for a job, as its builds will look them up (as the job runs, which
 * is not SYSTEM under an authorization plugin such as Authorize Project); at the root of Jenkins, where the global
 * default is chosen, only Global-scoped ones, the only ones builds can use.
 */
final class FormCredentials {
    private FormCredentials() {}

    /** Who the job's builds run as; SYSTEM for items that are not queued tasks. */
    static Authentication runsAs(Item job) {
        return job instanceof Queue.Task task ? Tasks.getAuthenticationOf2(task) : ACL.SYSTEM2;
    }

    /**
     * As a build of the job finds a plain credential id: as the job runs, then with the job's own credentials if that
     * authentication may use them.
     */
    static IdCredentials inJob(Item job, String id) {
        Authentication as = runsAs(job);
        IdCredentials found = CredentialsProvider.findCredentialByIdInItem(id, IdCredentials.class, job, as, List.of());
        if (found == null && as != ACL.SYSTEM2 && job.hasPermission2(as, CredentialsProvider.USE_ITEM)) {
            found = CredentialsProvider.findCredentialByIdInItem(id, IdCredentials.class, job, ACL.SYSTEM2, List.of());
        }
        return found;
    }

    /** The Secret text credentials a build of the job can use, the same two ways, then the current value. */
    static ListBoxModel listInJob(Item job, String current) {
        Authentication as = runsAs(job);
        StandardListBoxModel list = new StandardListBoxModel();
        list.includeEmptyValue()
                .includeMatchingAs(as, job, StringCredentials.class, List.of(), CredentialsMatchers.always());
        if (as != ACL.SYSTEM2 && job.hasPermission2(as, CredentialsProvider.USE_ITEM)) {
            list.includeMatchingAs(ACL.SYSTEM2, job, StringCredentials.class, List.of(), CredentialsMatchers.always());
        }
        return list.includeCurrentValue(current);
    }

    /** The credential of this id at the root of Jenkins, of any type and scope (the check names a wrong scope). */
    static IdCredentials atRoot(String id) {
        return CredentialsProvider.findCredentialByIdInItemGroup(
                id, IdCredentials.class, root(), ACL.SYSTEM2, List.of());
    }

    /** Global-scoped Secret text credentials at the root: System-scoped ones are hidden from every build. */
    static ListBoxModel listAtRoot(String current) {
        return new StandardListBoxModel()
                .includeEmptyValue()
                .includeMatchingAs(
                        ACL.SYSTEM2,
                        root(),
                        StringCredentials.class,
                        List.of(),
                        CredentialsMatchers.withScope(CredentialsScope.GLOBAL))
                .includeCurrentValue(current);
    }

    /** Only the current value, for those who may not see the others. */
    static ListBoxModel currentOnly(String current) {
        return new StandardListBoxModel().includeCurrentValue(current);
    }

    private static ItemGroup<?> root() {
        return Jenkins.get();
    }
}
