import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { selectCases } from './case-selection.js';
import type { Catalog, CatalogTopology } from '../protocol/catalog.js';
import { parseArgs } from '../cli/cli-args.js';
import { resolveRunOptions } from '../cli/run-options.js';

const root = mkdtempSync(join(tmpdir(), 'moonpool-case-selection-'));
after(() => rmSync(root, { recursive: true, force: true }));

function topology(name: string, own: Pick<CatalogTopology, 'seeds' | 'strategy'>): CatalogTopology {
  return { name, file: `workloads/${name}.ts`, ...own, replayBase: { name, livenessTimeoutMs: 1000 }, cases: [{ caseId: `${name}[1]`, layout: '1', classes: [] }] };
}

const catalog: Catalog = {
  topologies: [topology('plain', { seeds: undefined, strategy: undefined }), topology('seeded', { seeds: 20, strategy: undefined }), topology('searching', { seeds: undefined, strategy: 'until-all-sometimes:50' })],
  errors: [],
  definitionErrors: 0,
};

/** Each case's planned seeds and the strategy's text and source, with `config` in .moonpoolrc.json and `args` on the command line. */
function strategies(config: object, args: string[] = []) {
  const dir = mkdtempSync(join(root, 'project-'));
  writeFileSync(join(dir, '.moonpoolrc.json'), JSON.stringify(config));
  const options = resolveRunOptions(parseArgs(args), { cwd: dir, isTTY: false, ci: true });
  const { cases, errors } = selectCases(catalog, options);
  assert.deepEqual(errors, []);
  return Object.fromEntries(cases.map((c) => [c.topology.name, `${c.info.seedsPlanned}: ${c.strategyChoice.text} (from ${c.strategyChoice.source})`]));
}

test('nothing set: a topology declaring seeds or a strategy runs its own, the others the built-in fixed:100', () => {
  assert.deepEqual(strategies({}), {
    plain: '100: fixed:100 (from the built-in default)',
    seeded: `20: fixed:20 (from the topology's "seeds")`,
    searching: `50: until-all-sometimes:50 (from the topology's "strategy")`,
  });
});

test('"seeds" in the config file wins over every topology\'s own', () => {
  const fromConfig = '300: fixed:300 (from "seeds" in .moonpoolrc.json)';
  assert.deepEqual(strategies({ seeds: 300 }), { plain: fromConfig, seeded: fromConfig, searching: fromConfig });
});

test('"strategy" in the config file wins over the topologies, and over the config\'s own "seeds"', () => {
  const fromConfig = '40: until-all-sometimes:40 (from "strategy" in .moonpoolrc.json)';
  assert.deepEqual(strategies({ seeds: 300, strategy: 'until-all-sometimes:40' }), { plain: fromConfig, seeded: fromConfig, searching: fromConfig });
});

test('the command line wins over the config file: --seeds, --strategy, and --seed for one seed', () => {
  const seeds = '7: fixed:7 (from --seeds)';
  assert.deepEqual(strategies({ seeds: 300 }, ['--seeds', '7']), { plain: seeds, seeded: seeds, searching: seeds });
  const strategy = '9: fixed:9 (from --strategy)';
  assert.deepEqual(strategies({ strategy: 'fixed:300' }, ['--strategy', 'fixed:9']), { plain: strategy, seeded: strategy, searching: strategy });
  const one = '1: fixed:1 (from --seed)';
  assert.deepEqual(strategies({ seeds: 300 }, ['--seed', '5']), { plain: one, seeded: one, searching: one });
});
