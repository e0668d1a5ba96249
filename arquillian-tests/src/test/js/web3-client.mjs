// Real clients against an idle node: web3.js 4.x and 1.x, over HTTP and WebSocket, each sending a
// transaction from a fresh account and waiting for its receipt the library's usual way (the promise of
// sendSignedTransaction). Prints one JSON summary line on stdout for the Java test to check.
import { Web3 } from 'web3';
import Web3V1 from 'web3-v1';

const url = process.argv[2];
if (!url) {
  console.error('usage: node web3-client.mjs http://127.0.0.1:PORT/');
  process.exit(2);
}
const wsUrl = url.replace(/^http/, 'ws');
const CHAIN_ID = 10;
const RECIPIENT = '0x000000000000000000000000000000000000bEEF';
const ROUNDS = 3;
// Seconds a client waits for a receipt before giving up: far beyond the follow-up block's 1 s.
const WAIT_SECONDS = 30;
const pause = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

// Each round starts on an idle node: after the previous round's block and its follow-up block.
async function rounds(name, send) {
  const waits = [];
  for (let nonce = 0; nonce < ROUNDS; nonce++) {
    const started = Date.now();
    const receipt = await send(nonce);
    waits.push({ status: Number(receipt.status), block: Number(receipt.blockNumber), waitedMs: Date.now() - started });
    await pause(1_500);
  }
  return { client: name, rounds: ROUNDS, confirmed: waits.filter((w) => w.status === 1).length, waits };
}

async function web3v4(name, endpoint) {
  const web3 = new Web3(endpoint);
  web3.transactionPollingTimeout = WAIT_SECONDS * 1000;
  web3.transactionBlockTimeout = 1000;
  const account = web3.eth.accounts.create();
  try {
    return await rounds(name, async (nonce) => {
      const signed = await account.signTransaction({
        to: RECIPIENT, value: 0n, gas: 21_000n, gasPrice: 0n, nonce: BigInt(nonce), chainId: BigInt(CHAIN_ID),
      });
      return web3.eth.sendSignedTransaction(signed.rawTransaction);
    });
  } finally {
    if (endpoint.startsWith('ws')) {
      web3.provider.disconnect();
    }
  }
}

async function web3v1(name, provider) {
  const web3 = new Web3V1(provider);
  web3.eth.transactionPollingTimeout = WAIT_SECONDS;
  web3.eth.transactionBlockTimeout = 1000;
  const account = web3.eth.accounts.create();
  try {
    return await rounds(name, async (nonce) => {
      const signed = await account.signTransaction({
        to: RECIPIENT, value: '0', gas: 21_000, gasPrice: '0', nonce, chainId: CHAIN_ID,
      });
      return web3.eth.sendSignedTransaction(signed.rawTransaction);
    });
  } finally {
    if (typeof provider !== 'string') {
      web3.currentProvider.disconnect();
    }
  }
}

try {
  const summary = {
    idleWaits: [
      await web3v4('web3.js 4 HTTP', url),
      await web3v4('web3.js 4 WebSocket', wsUrl),
      await web3v1('web3.js 1 HTTP', url),
      await web3v1('web3.js 1 WebSocket', new Web3V1.providers.WebsocketProvider(wsUrl)),
    ],
  };
  console.log(JSON.stringify(summary));
  process.exit(0);
} catch (e) {
  console.error(e);
  process.exit(1);
}
