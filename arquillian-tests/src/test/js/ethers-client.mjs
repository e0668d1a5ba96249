// A real client against a node: ethers v6 deploys and uses the test contracts from a fresh Wallet
// (zero balance, gas price 0) and prints one JSON summary line on stdout for the Java test to check.
// Usage: node ethers-client.mjs <json-rpc-url>   (loopback addresses only)
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { ContractFactory, JsonRpcProvider, Wallet } from 'ethers';

const url = process.argv[2];
if (!url || !['127.0.0.1', 'localhost', '[::1]'].includes(new URL(url).hostname)) {
  console.error('usage: node ethers-client.mjs http://127.0.0.1:<port>/ (loopback only)');
  process.exit(2);
}

// The artifacts live in the source tree; the build runs this script from a copy of this folder.
const here = path.dirname(fileURLToPath(import.meta.url));
const contractsDir = process.env.QUORUM_CONTRACTS_DIR ?? path.resolve(here, '../resources/contracts');
const artifact = (name) => JSON.parse(readFileSync(path.join(contractsDir, `${name}.json`), 'utf8'));

// cacheTimeout -1: no reuse of an answer within 250 ms, or back-to-back transactions would reuse a nonce.
const provider = new JsonRpcProvider(url, undefined, { staticNetwork: true, pollingInterval: 200, cacheTimeout: -1 });
const wallet = Wallet.createRandom().connect(provider);
const recipient = Wallet.createRandom().address;
const spender = Wallet.createRandom().connect(provider);
const overrides = { gasPrice: 0n, type: 0 };
const RECEIPT_TIMEOUT_MS = 60_000;
// tx.wait() on an idle node: rounds per provider setting, and how long one wait may take.
const IDLE_ROUNDS = 4;
const IDLE_WAIT_TIMEOUT_MS = 20_000;

async function confirmed(tx) {
  const receipt = await tx.wait(1, RECEIPT_TIMEOUT_MS);
  return { hash: receipt.hash, block: receipt.blockNumber, status: receipt.status, gasUsed: receipt.gasUsed.toString(), logs: receipt.logs.length };
}

async function deploy(name, ...args) {
  const { abi, bin } = artifact(name);
  const contract = await new ContractFactory(abi, bin, wallet).deploy(...args, overrides);
  const receipt = await confirmed(contract.deploymentTransaction());
  return { contract, address: await contract.getAddress(), receipt, code: (await provider.getCode(await contract.getAddress())).length > 2 };
}

async function storage() {
  const { contract, address, receipt: deployReceipt, code } = await deploy('SimpleStorage', 7n);
  const initial = await contract.get();
  const setReceipt = await confirmed(await contract.set(42n, overrides));
  const events = await contract.queryFilter(contract.filters.ValueChanged(wallet.address), deployReceipt.block);
  return {
    address, hasCode: code, deployReceipt, setReceipt,
    initial: initial.toString(), afterSet: (await contract.get()).toString(),
    events: events.map((e) => ({ author: e.args.author, oldValue: e.args.oldValue.toString(), newValue: e.args.newValue.toString(), block: e.blockNumber })),
  };
}

async function token() {
  const supply = 1_000_000n * 10n ** 18n;
  const { contract, address, receipt: deployReceipt } = await deploy('QuorumToken', 'Quorum Token', 'QEE', supply);
  const transferReceipt = await confirmed(await contract.transfer(recipient, 250n, overrides));
  const approveReceipt = await confirmed(await contract.approve(spender.address, 100n, overrides));
  const asSpender = contract.connect(spender);
  const transferFromReceipt = await confirmed(await asSpender.transferFrom(wallet.address, recipient, 60n, overrides));
  let overdraft;
  try {
    await asSpender.transferFrom.staticCall(wallet.address, recipient, 41n, { gasPrice: 0n });
    overdraft = 'accepted';
  } catch (e) {
    overdraft = e.reason ?? e.shortMessage ?? String(e);
  }
  const transfers = await contract.queryFilter(contract.filters.Transfer(), deployReceipt.block);
  return {
    address, deployReceipt, transferReceipt, approveReceipt, transferFromReceipt,
    name: await contract.name(), symbol: await contract.symbol(), decimals: Number(await contract.decimals()),
    totalSupply: (await contract.totalSupply()).toString(),
    balances: {
      wallet: (await contract.balanceOf(wallet.address)).toString(),
      recipient: (await contract.balanceOf(recipient)).toString(),
    },
    allowanceLeft: (await contract.allowance(wallet.address, spender.address)).toString(),
    overdraft,
    transfers: transfers.map((e) => ({ from: e.args.from, to: e.args.to, value: e.args.value.toString() })),
  };
}

// tx.wait() against an idle node, the way it hung before the node made its follow-up block. wait()
// reads the receipt (not mined yet), then polls for blocks after the head it reads, which may already
// hold the transaction: only a later block releases it. Short polling, with ethers' cache off (the
// widest window) and on (250 ms); each round starts on an idle node (after the previous follow-up).
async function idleWaits(providerOptions) {
  const idle = new JsonRpcProvider(url, undefined, { staticNetwork: true, ...providerOptions });
  const sender = Wallet.createRandom().connect(idle);
  const rounds = [];
  try {
    for (let nonce = 0; nonce < IDLE_ROUNDS; nonce++) {
      const tx = await sender.sendTransaction({ to: recipient, value: 0n, gasLimit: 21_000n, nonce, ...overrides });
      const sent = Date.now();
      const receipt = await tx.wait(1, IDLE_WAIT_TIMEOUT_MS);
      rounds.push({ status: receipt.status, block: receipt.blockNumber, waitedMs: Date.now() - sent });
      await new Promise((resolve) => setTimeout(resolve, 1_500));
    }
  } finally {
    idle.destroy();
  }
  return { options: providerOptions, rounds: IDLE_ROUNDS, confirmed: rounds.filter((r) => r.status === 1).length, waits: rounds };
}

try {
  const summary = {
    chainId: (await provider.getNetwork()).chainId.toString(),
    wallet: wallet.address, recipient, spender: spender.address,
    storage: await storage(),
    token: await token(),
    idleWaits: [
      await idleWaits({ pollingInterval: 100, cacheTimeout: -1 }),
      await idleWaits({ pollingInterval: 100 }),
    ],
    blockNumber: await provider.getBlockNumber(),
  };
  console.log(JSON.stringify(summary));
} catch (e) {
  console.error(e);
  process.exitCode = 1;
} finally {
  provider.destroy();
}
