import path from 'path';

/**
 * Runs a TypeScript file of this repo in a child Node process: `spawn(process.execPath,
 * [...TS_NODE_FLAGS, file], { env: TS_NODE_ENV })` (ts-node with SWC, see tsconfig.json).
 */
export const TS_NODE_FLAGS = ['-r', require.resolve('ts-node/register')];
export const TS_NODE_ENV = { ...process.env, TS_NODE_PROJECT: path.join(__dirname, '..', 'tsconfig.json') };
