/**
 * The enclave: NaCl's box and secretbox on Bouncy Castle ({@link org.quorumee.core.privacy.enclave.Nacl}),
 * the node's Curve25519 keys ({@link org.quorumee.core.privacy.enclave.BoxKeyPair}, locked with a
 * password as {@link org.quorumee.core.privacy.enclave.LockedPrivateKey}, provided by an
 * {@link org.quorumee.core.privacy.enclave.EnclaveKeyProvider}), and
 * {@link org.quorumee.core.privacy.enclave.Enclave}, the one class that seals and opens payloads.
 * Randomness comes through {@link org.quorumee.core.privacy.enclave.RandomSource}. Pure: JDK and
 * Bouncy Castle only.
 */
package org.quorumee.core.privacy.enclave;
