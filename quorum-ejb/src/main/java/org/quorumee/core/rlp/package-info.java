/**
 * Recursive Length Prefix: {@link org.quorumee.core.rlp.Rlp} encodes single items and decodes
 * strictly (canonical input only, {@link org.quorumee.core.rlp.RlpException} otherwise) into
 * {@link org.quorumee.core.rlp.RlpItem} views; {@link org.quorumee.core.rlp.RlpWriter} writes whole
 * structures into one buffer (the fast path).
 */
package org.quorumee.core.rlp;
