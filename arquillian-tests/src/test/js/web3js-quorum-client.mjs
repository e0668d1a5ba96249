// web3js-quorum (GoQuorum's JavaScript client, on web3.js 1.10) against two nodes of a network: an
// externally signed private deployment (storeraw, Homestead signature marked private,
// eth_sendRawPrivateTransaction) of SimpleStorage(constructor value) from node A private for node B,
// then get() read at A, B and a third node C. Prints one JSON line: {contract, status, read: {A, B, C}}.
// Usage: node web3js-quorum-client.mjs <url A> <url B> <url C> <enclave key of B> <value>
import fs from "node:fs";
import path from "node:path";
import Web3 from "web3-v1";
import Web3Quorum from "web3js-quorum";

const [urlA, urlB, urlC, keyB, value] = process.argv.slice(2);
const contracts = process.env.QUORUM_CONTRACTS_DIR;
const storage = JSON.parse(fs.readFileSync(path.join(contracts, "SimpleStorage.json"), "utf8"));
const web3 = new Web3Quorum(new Web3(urlA), { privateUrl: `${urlA}/tm` }, true);
const signer = web3.eth.accounts.create();
// ptm.keys() answers the body as text
const keyA = JSON.parse(await web3.ptm.keys()).keys[0].key;
const word = BigInt(value).toString(16).padStart(64, "0");
const receipt = await web3.priv.generateAndSendRawTransaction({
  gasPrice: 0,
  gasLimit: 0x200000,
  value: 0,
  data: storage.bin + word,
  from: signer,
  isPrivate: true,
  privateFrom: keyA,
  privateFor: [keyB],
  nonce: await web3.eth.getTransactionCount(signer.address, "pending"),
});
const read = {};
for (const [name, url] of [["A", urlA], ["B", urlB], ["C", urlC]]) {
  const other = new Web3(url);
  // the receipt may reach B and C a little later than A
  for (let i = 0; i < 300 && !(await other.eth.getTransactionReceipt(receipt.transactionHash)); i++) {
    await new Promise((done) => setTimeout(done, 500));
  }
  read[name] = await other.eth.call({ to: receipt.contractAddress, data: "0x6d4ce63c" });
}
console.log(JSON.stringify({ contract: receipt.contractAddress, status: receipt.status, from: signer.address, read }));
