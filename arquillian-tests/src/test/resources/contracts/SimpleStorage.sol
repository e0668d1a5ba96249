// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.20;

/// One stored number; every change is logged with who made it and the value before and after.
contract SimpleStorage {
    uint256 private value;

    event ValueChanged(address indexed author, uint256 oldValue, uint256 newValue);

    constructor(uint256 initialValue) {
        value = initialValue;
    }

    function set(uint256 newValue) external {
        uint256 oldValue = value;
        value = newValue;
        emit ValueChanged(msg.sender, oldValue, newValue);
    }

    function get() external view returns (uint256) {
        return value;
    }
}
