// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

/// Hash chain: n rounds of keccak256 over the previous hash and the counter.
contract KeccakLoop {
    function run(uint256 n) external pure returns (bytes32 h) {
        for (uint256 i = 0; i < n; i++) {
            h = keccak256(abi.encodePacked(h, i));
        }
    }
}
