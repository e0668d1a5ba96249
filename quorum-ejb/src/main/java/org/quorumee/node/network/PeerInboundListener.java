package org.quorumee.node.network;

import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.EJB;
import jakarta.ejb.MessageDriven;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.jms.BytesMessage;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;

/**
 * Takes what peers sent from the node's inbound queue: only bytes messages within the size limit,
 * stamped by the broker's peer gate with their sender ({@value #SENDER_PROPERTY}), go on to
 * {@link PeerNetwork#deliver}; anything else is refused and logged. A message is consumed whatever
 * happens to it: bad input is never redelivered. One session: in arrival order, one at a time.
 */
@MessageDriven(activationConfig = {
    @ActivationConfigProperty(propertyName = "destinationLookup", propertyValue = "java:/jms/queue/QuorumPeerInbound"),
    @ActivationConfigProperty(propertyName = "destinationType", propertyValue = "jakarta.jms.Queue"),
    // One consumer: messages are handled in the order they arrived, so a sender's transactions (or
    // blocks, or consensus rounds) are never overtaken by their successors.
    @ActivationConfigProperty(propertyName = "maxSession", propertyValue = "1"),
})
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class PeerInboundListener implements MessageListener {
    /** The property the peer gate (org.quorumee.network.artemis.PeerPermissionInterceptor) stamps. */
    public static final String SENDER_PROPERTY = "quorumSender";

    @EJB
    private PeerNetwork network;

    @Override
    public void onMessage(Message message) {
        String sender = null;
        try {
            sender = message.getStringProperty(SENDER_PROPERTY);
            if (!(message instanceof BytesMessage bytesMessage)) {
                network.refused(sender, "not a bytes message");
                return;
            }
            long length = bytesMessage.getBodyLength();
            if (length > network.maxMessageBytes()) {
                network.refused(sender, "message of " + length + " bytes exceeds the maximum of " + network.maxMessageBytes());
                return;
            }
            byte[] bytes = new byte[(int) length];
            bytesMessage.readBytes(bytes);
            network.deliver(sender, bytes);
        } catch (JMSException e) {
            network.refused(sender, "unreadable message: " + e.getMessage());
        }
    }
}
