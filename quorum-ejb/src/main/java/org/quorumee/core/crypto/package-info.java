/**
 * Ethereum's cryptography, on Bouncy Castle's lightweight API.
 *
 * <ul>
 *   <li>{@link org.quorumee.core.crypto.Keccak}: Keccak-256.</li>
 *   <li>{@link org.quorumee.core.crypto.Secp256k1}: keys, RFC 6979 low-s signatures with a recovery
 *   id, public key recovery, addresses; {@link org.quorumee.core.crypto.KeyPair} and
 *   {@link org.quorumee.core.crypto.Signature} are its values.</li>
 *   <li>{@link org.quorumee.core.crypto.Keystore}: geth's V3 key files (scrypt or PBKDF2,
 *   AES-128-CTR).</li>
 * </ul>
 *
 * Bad input fails with {@link org.quorumee.core.crypto.InvalidSignatureException},
 * {@link org.quorumee.core.crypto.InvalidKeyException} or (checked, for files)
 * {@link org.quorumee.core.crypto.KeystoreException}.
 */
package org.quorumee.core.crypto;
