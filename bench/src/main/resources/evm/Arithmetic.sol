// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

/// Unchecked 256-bit arithmetic in a loop: multiply, add, xor, shift.
contract Arithmetic {
    function run(uint256 n) external pure returns (uint256 acc) {
        acc = 0x123456789abcdef;
        unchecked {
            for (uint256 i = 0; i < n; i++) {
                acc = acc * 0x9e3779b97f4a7c15f39cc0605cedc835 + i;
                acc ^= acc >> 17;
            }
        }
    }
}
