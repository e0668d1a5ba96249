/**
 * Private transactions' data as Tessera defines it: party keys ({@link org.quorumee.core.privacy.BoxPublicKey}),
 * the encrypted payload ({@link org.quorumee.core.privacy.EncodedPayload}) and its binary form
 * ({@link org.quorumee.core.privacy.LegacyPayloadCodec}), its 64-byte name
 * ({@link org.quorumee.core.privacy.PayloadHash}), privacy modes and metadata, and the port through
 * which block processing asks for a private payload's plaintext
 * ({@link org.quorumee.core.privacy.PrivatePayloadSource}). Pure: JDK and Bouncy Castle only; the
 * enclave that seals and opens payloads is {@code core.privacy.enclave}.
 */
package org.quorumee.core.privacy;
