// Compiles the test contracts with solcjs (the npm "solc" package, pinned in package.json) and writes
// one JSON per contract {contractName, compiler, evmVersion, optimizer, abi, bin} beside its source.
// Run from this folder: npm ci && node compile-contracts.mjs
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import solc from 'solc';

const contractsDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../resources/contracts');
const names = ['SimpleStorage', 'QuorumToken'];
const optimizer = { enabled: true, runs: 200 };

const input = {
  language: 'Solidity',
  sources: Object.fromEntries(names.map((n) => [`${n}.sol`, { content: readFileSync(path.join(contractsDir, `${n}.sol`), 'utf8') }])),
  // No evmVersion: the compiler's default, as the task asks.
  settings: { optimizer, outputSelection: { '*': { '*': ['abi', 'evm.bytecode.object', 'metadata'] } } },
};
const output = JSON.parse(solc.compile(JSON.stringify(input)));
const errors = (output.errors ?? []).filter((e) => e.severity === 'error');
for (const message of output.errors ?? []) console.error(message.formattedMessage);
if (errors.length > 0) process.exit(1);

for (const name of names) {
  const compiled = output.contracts[`${name}.sol`][name];
  const metadata = JSON.parse(compiled.metadata);
  const artifact = {
    contractName: name,
    compiler: `solc ${solc.version()}`,
    evmVersion: metadata.settings.evmVersion,
    optimizer,
    abi: compiled.abi,
    bin: `0x${compiled.evm.bytecode.object}`,
  };
  writeFileSync(path.join(contractsDir, `${name}.json`), `${JSON.stringify(artifact, null, 2)}\n`);
  console.log(`${name}: ${compiled.evm.bytecode.object.length / 2} bytes of init code, evm ${artifact.evmVersion}`);
}
