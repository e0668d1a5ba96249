/**
 * The precompiled contracts at addresses 0x01 to 0x0a. {@link org.quorumee.core.evm.precompile.Precompiles#forFork}
 * gives the map of a fork; the interpreter charges {@code gasRequirement(input)} first and only
 * then calls {@code compute(input)}, whose {@code null} means the call fails and keeps all its gas.
 * Every contract is stateless and thread-safe. Elliptic-curve arithmetic of BN254 lives in
 * {@code bn254}; KZG point evaluation calls the native
 * rust-eth-kzg library (Maven artifact {@code java-eth-kzg}, which carries the trusted setup).
 */
package org.quorumee.core.evm.precompile;
