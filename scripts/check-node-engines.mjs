#!/usr/bin/env node
// Checks that a Node version satisfies the `engines.node` of npm package folders:
// of each folder's package.json and of every package its package-lock.json pins.
//
//   node scripts/check-node-engines.mjs [--node VERSION] DIR...
//
// Without --node the running node is checked (scripts/install-deps does this
// before `npm ci`); with --node 18.20.4 (Debian 12's nodejs) the check runs on any
// machine, so a dependency that drops Debian's Node fails `make test` at once
// (ctest NodePackages.AcceptDebianNode). Exits 1 and names each package that
// refuses the version. Needs nothing but node: the small range syntax npm
// packages use in `engines` is evaluated here (>=, >, <=, <, =, ^, ~, x, *, ||).
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

function parseVersion(text) {
  const parts = text.replace(/^v/, '').split('.');
  const out = [];
  for (let i = 0; i < 3; i++) {
    const p = parts[i];
    if (p === undefined || p === '' || p === 'x' || p === 'X' || p === '*') return { nums: out, wild: i };
    const n = Number.parseInt(p, 10);
    if (Number.isNaN(n)) return null;
    out.push(n);
  }
  return { nums: out, wild: 3 };
}

function compare(a, b) {
  for (let i = 0; i < 3; i++) if ((a[i] ?? 0) !== (b[i] ?? 0)) return (a[i] ?? 0) - (b[i] ?? 0);
  return 0;
}

// The comparators of one range alternative as [op, [major, minor, patch]] pairs.
function comparators(alternative) {
  const tokens = alternative.trim().replace(/(>=|<=|>|<|=|\^|~)\s+/g, '$1').split(/\s+/).filter(Boolean);
  const out = [];
  for (const token of tokens) {
    const m = /^(>=|<=|>|<|=|\^|~)?(.*)$/.exec(token);
    const op = m[1] || '=';
    const v = parseVersion(m[2]);
    if (!v) throw new Error(`cannot read version "${m[2]}"`);
    const lower = [...v.nums, 0, 0, 0].slice(0, 3);
    if (v.wild === 0) continue; // "*", "x": anything
    if (op === '^' || op === '~' || (op === '=' && v.wild < 3)) {
      // Next version that leaves the range.
      let upper;
      if (op === '=' || (op === '~' && v.wild < 2)) {
        upper = v.wild === 1 ? [lower[0] + 1, 0, 0] : [lower[0], lower[1] + 1, 0];
      } else if (op === '~') {
        upper = [lower[0], lower[1] + 1, 0];
      } else if (lower[0] > 0 || v.wild === 1) {
        upper = [lower[0] + 1, 0, 0];
      } else {
        upper = lower[1] > 0 || v.wild === 2 ? [0, lower[1] + 1, 0] : [0, 0, lower[2] + 1];
      }
      out.push(['>=', lower], ['<', upper]);
    } else {
      out.push([op, lower]);
    }
  }
  return out;
}

export function satisfies(version, range) {
  const v = parseVersion(version).nums;
  if (range.trim() === '' || range.trim() === '*') return true;
  return range.split('||').some((alternative) =>
    comparators(alternative).every(([op, bound]) => {
      const c = compare(v, bound);
      return { '>=': c >= 0, '>': c > 0, '<=': c <= 0, '<': c < 0, '=': c === 0 }[op];
    }));
}

function main(argv) {
  let node = process.versions.node;
  const dirs = [];
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--node') node = argv[++i];
    else dirs.push(argv[i]);
  }
  if (dirs.length === 0) {
    console.error('usage: check-node-engines.mjs [--node VERSION] DIR...');
    return 2;
  }
  const refusals = [];
  for (const dir of dirs) {
    const manifests = [['package.json', JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8'))]];
    const lockFile = path.join(dir, 'package-lock.json');
    if (fs.existsSync(lockFile)) {
      const lock = JSON.parse(fs.readFileSync(lockFile, 'utf8'));
      for (const [where, pkg] of Object.entries(lock.packages || {}))
        if (where !== '') manifests.push([`${where.replace(/^.*node_modules\//, '')}@${pkg.version}`, pkg]);
    }
    for (const [name, pkg] of manifests) {
      const range = pkg.engines && !Array.isArray(pkg.engines) ? pkg.engines.node : undefined;
      if (typeof range !== 'string') continue;
      if (!satisfies(node, range)) refusals.push(`${dir}: ${name} needs node ${range}`);
    }
  }
  if (refusals.length > 0) {
    console.error(`check-node-engines: node ${node} is not accepted:\n  ${refusals.join('\n  ')}`);
    return 1;
  }
  console.log(`check-node-engines: node ${node} satisfies ${dirs.join(', ')}`);
  return 0;
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href)
  process.exitCode = main(process.argv.slice(2));
