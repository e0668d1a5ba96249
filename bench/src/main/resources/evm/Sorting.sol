// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

/// Fills a memory array from a linear congruential generator and sorts it (insertion sort).
contract Sorting {
    function run(uint256 n) external pure returns (uint256 checksum) {
        uint256[] memory a = new uint256[](n);
        uint256 x = 12345;
        for (uint256 i = 0; i < n; i++) {
            x = (x * 6364136223846793005 + 1442695040888963407) % (1 << 64);
            a[i] = x;
        }
        for (uint256 i = 1; i < n; i++) {
            uint256 v = a[i];
            uint256 j = i;
            while (j > 0 && a[j - 1] > v) {
                a[j] = a[j - 1];
                j--;
            }
            a[j] = v;
        }
        unchecked {
            for (uint256 i = 0; i < n; i++) {
                checksum = checksum * 31 + a[i];
            }
        }
    }
}
