package org.quorumee.it.support;

import java.io.File;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;

/** The EAR the build produced, exactly as it ships: the tests deploy it, not a test-made archive. */
public final class NodeDeployment {
    private NodeDeployment() {
    }

    public static EnterpriseArchive ear() {
        File ear = new File(System.getProperty("quorum.ear", "target/quorum.ear"));
        return ShrinkWrap.createFromZipFile(EnterpriseArchive.class, ear);
    }
}
