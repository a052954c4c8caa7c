// Reads BPMN files with bpmn-moddle (the parser inside bpmn-js and Camunda Modeler) and
// lints them with bpmnlint's recommended rules. Prints one JSON list:
// [{"file", "error": null | "...", "warnings": ["..."], "lint": {"rule": [{"id", "message"}]}}]
// Run by tests/test_bpmn_tools.py with OPMODEL_NODE_PREFIX set to the folder whose
// node_modules holds the packages (tests/.node, installed by 'make bpmn-tools').
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';

const prefix = process.env.OPMODEL_NODE_PREFIX;
const require = createRequire(path.join(path.resolve(prefix), 'package.json'));
const moddleModule = await import(pathToFileURL(require.resolve('bpmn-moddle')).href);
const BpmnModdle = moddleModule.default || moddleModule.BpmnModdle;
const { Linter } = require('bpmnlint');
const NodeResolver = require('bpmnlint/lib/resolver/node-resolver');

async function check(file) {
  const xml = fs.readFileSync(file, 'utf8');
  const out = { file, error: null, warnings: [], lint: {} };
  let parsed;
  try {
    parsed = await new BpmnModdle().fromXML(xml, 'bpmn:Definitions');
  } catch (err) {
    out.error = String((err && err.message) || err);
    return out;
  }
  out.warnings = (parsed.warnings || []).map((w) => String(w.message || w));
  const linter = new Linter({
    config: { extends: 'bpmnlint:recommended' },
    resolver: new NodeResolver({ require }),
  });
  const results = await linter.lint(parsed.rootElement);
  for (const [rule, reports] of Object.entries(results)) {
    if (reports.length) {
      out.lint[rule] = reports.map((r) => ({ id: r.id, message: r.message, category: r.category }));
    }
  }
  return out;
}

const results = [];
for (const file of process.argv.slice(2)) {
  results.push(await check(path.resolve(file)));
}
process.stdout.write(JSON.stringify(results, null, 1));
