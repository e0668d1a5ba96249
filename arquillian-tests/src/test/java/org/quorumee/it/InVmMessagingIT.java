package org.quorumee.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.annotation.Resource;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSContext;
import jakarta.jms.Queue;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The node's broker still works inside the server once its HTTP acceptors are gone: a message sent
 * through the in-VM connection factory to the peer inbound queue is received back. Runs inside the
 * server, in a probe deployment of its own.
 */
@ExtendWith(ArquillianExtension.class)
class InVmMessagingIT {

    @Deployment
    static WebArchive probe() {
        return ShrinkWrap.create(WebArchive.class, "in-vm-messaging-probe.war").addClass(InVmMessagingIT.class);
    }

    @Resource(lookup = "java:/ConnectionFactory")
    ConnectionFactory factory;

    @Resource(lookup = "java:/jms/queue/QuorumPeerInbound")
    Queue inbound;

    @Test
    void aMessageGoesThroughTheInVmConnector() {
        String probe = Long.toString(System.nanoTime());
        try (JMSContext context = factory.createContext()) {
            context.createProducer().setProperty("probe", probe).send(inbound, "in-vm " + probe);
            // Only this probe's message: nothing else in the queue is taken.
            String received = context.createConsumer(inbound, "probe = '" + probe + "'").receiveBody(String.class, 10_000);
            assertEquals("in-vm " + probe, received);
        }
    }
}
