// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

/// A minimal ERC-20 whose run(n) makes n transfers from the caller to n different holders.
contract TokenTransfers {
    mapping(address => uint256) public balanceOf;
    event Transfer(address indexed from, address indexed to, uint256 value);

    constructor() {
        balanceOf[msg.sender] = type(uint256).max;
    }

    function transfer(address to, uint256 value) public returns (bool) {
        require(balanceOf[msg.sender] >= value, "insufficient balance");
        balanceOf[msg.sender] -= value;
        balanceOf[to] += value;
        emit Transfer(msg.sender, to, value);
        return true;
    }

    function run(uint256 n) external returns (uint256) {
        for (uint256 i = 1; i <= n; i++) {
            transfer(address(uint160(i)), i);
        }
        return balanceOf[msg.sender];
    }
}
