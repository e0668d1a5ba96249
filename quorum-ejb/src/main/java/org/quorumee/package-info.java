/**
 * Quorum EE. {@code org.quorumee.core.*} is the pure core (plain Java and Bouncy Castle, no Jakarta
 * imports); {@code org.quorumee.node.*} holds the beans that adapt it to the container.
 */
package org.quorumee;
