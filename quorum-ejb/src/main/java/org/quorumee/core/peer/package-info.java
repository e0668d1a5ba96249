/**
 * The peer protocol, pure: {@link org.quorumee.core.peer.EnodeUrl} (GoQuorum's node addresses),
 * {@link org.quorumee.core.peer.PermissionPolicy} (who may connect: {@code permissioned-nodes.json}
 * minus {@code disallowed-nodes.json}, matched on the node ID only; a missing or invalid list denies
 * everything), {@link org.quorumee.core.peer.EnodeListFile} (those files' JSON) and
 * {@link org.quorumee.core.peer.PermissionFiles} (reading and writing them in a data folder), and
 * the message envelope {@link org.quorumee.core.peer.PeerMessage} with its strict RLP codec
 * {@link org.quorumee.core.peer.PeerMessageCodec}.
 *
 * <p>Who sent a message is not part of the envelope: the receiving broker stamps each message with
 * the enode proven by the sender's TLS certificate, so a peer cannot speak for another.
 */
package org.quorumee.core.peer;
