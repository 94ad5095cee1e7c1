// Loading the official API descriptions and turning them into JSON Schema that Ajv (draft-07) validates.
//
//  - GitLab: api/gitlab/openapi_v2.yaml (Swagger 2.0). Its schema dialect differs from JSON Schema:
//      * `x-nullable: true`            → the type also admits null (the generated file has none, handled anyway);
//      * `type: file`                  → binary upload/download, no JSON shape: becomes `{}` (plus a $comment);
//      * `$ref: '#/definitions/X'`     → resolved inside the same document (it is added to Ajv under GITLAB_OAS_ID);
//      * `example`, `x-*`, `discriminator`, `xml`, `externalDocs` → annotations only, dropped;
//      * formats int32/int64/float/double/byte/binary/password → registered as Ajv formats (see registerFormats).
//  - GitLab: api/gitlab/schemas/**.json, GitLab's JSON-schema response contracts (spec/fixtures/api/schemas/public_api/v4).
//    They are added under their upstream URLs so that their relative $refs resolve among themselves. The files they
//    refer to that are NOT bundled are stubbed explicitly from schemas/gitlab-contract-stubs/ (see the README there):
//    each stub says what it stands for; three of them point at the matching entity of the Swagger document.
//  - Sentry: api/sentry/openapi-derefed.json (OpenAPI 3.0.3, already dereferenced, so every response schema is inline):
//      * `nullable: true` → the type (and enum, if any) also admits null;
//      * `example`, `examples`, `discriminator`, `xml`, `externalDocs`, `deprecated` → dropped.
//  - Local schemas (schemas/*.json) for what the official documents do not describe at all (error bodies, milestones,
//    events-stats). They are plain draft-07 and are used as they are.

import fs from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';

export const GITLAB_OAS_ID = 'https://gitlab.com/gitlab-org/gitlab/-/raw/master/doc/api/openapi/openapi_v2.yaml';
export const GITLAB_CONTRACT_BASE = 'https://gitlab.com/gitlab-org/gitlab/-/raw/master/spec/fixtures/api/schemas/public_api/v4/';
export const LOCAL_ID_BASE = 'https://shipdeck.invalid/tests/contract/schemas/';

// Keywords whose value is a schema, an array of schemas or a map of schemas (draft-07 + OpenAPI).
const SCHEMA_KEYS = new Set(['items', 'additionalProperties', 'additionalItems', 'not', 'contains', 'propertyNames', 'if', 'then', 'else']);
const SCHEMA_ARRAY_KEYS = new Set(['allOf', 'anyOf', 'oneOf']);
const SCHEMA_MAP_KEYS = new Set(['properties', 'patternProperties', 'definitions', '$defs', 'dependencies']);

/**
 * Walks a schema, calling @p visit(node) on every sub-schema (post-order: children first) and rebuilding it from the
 * returned objects. Maps of schemas (properties, definitions) are walked per entry, so a property *named* "example"
 * or "type" is never mistaken for a keyword.
 */
export function mapSchema(schema, visit) {
  if (Array.isArray(schema) || schema === null || typeof schema !== 'object') return schema;
  const out = {};
  for (const [key, value] of Object.entries(schema)) {
    if (SCHEMA_KEYS.has(key)) {
      out[key] = Array.isArray(value) ? value.map((v) => mapSchema(v, visit)) : mapSchema(value, visit);
    } else if (SCHEMA_ARRAY_KEYS.has(key) && Array.isArray(value)) {
      out[key] = value.map((v) => mapSchema(v, visit));
    } else if (SCHEMA_MAP_KEYS.has(key) && value && typeof value === 'object' && !Array.isArray(value)) {
      out[key] = Object.fromEntries(Object.entries(value).map(([k, v]) => [k, Array.isArray(v) ? v : mapSchema(v, visit)]));
    } else {
      out[key] = value;
    }
  }
  return visit(out);
}

/** Makes @p node also accept null (the JSON-Schema spelling of Swagger's x-nullable / OpenAPI's nullable). */
export function makeNullable(node) {
  const out = { ...node };
  if (typeof out.type === 'string') {
    out.type = [out.type, 'null'];
  } else if (Array.isArray(out.type)) {
    if (!out.type.includes('null')) out.type = [...out.type, 'null'];
  } else {
    // No type of its own ($ref, anyOf, {}): admit null beside it.
    const comment = out.$comment;
    delete out.$comment;
    return { ...(comment ? { $comment: comment } : {}), anyOf: [out, { type: 'null' }] };
  }
  if (Array.isArray(out.enum) && !out.enum.includes(null)) out.enum = [...out.enum, null];
  return out;
}

const DROP_ALWAYS = ['example', 'examples', 'discriminator', 'xml', 'externalDocs', 'deprecated'];

/** One Swagger 2.0 schema → draft-07. */
export function convertSwagger2Schema(schema) {
  return mapSchema(schema, (node) => {
    let out = {};
    for (const [key, value] of Object.entries(node)) {
      if (DROP_ALWAYS.includes(key)) continue;
      if (key.startsWith('x-') && key !== 'x-nullable') continue;
      if (key === '$ref' && typeof value === 'string' && value.startsWith('#/definitions/')) {
        out.$ref = GITLAB_OAS_ID + value;
        continue;
      }
      out[key] = value;
    }
    if (out.type === 'file') {
      delete out.type;
      delete out.format;
      out.$comment = 'Swagger 2.0 `type: file` (binary, no JSON shape)';
    }
    if (out['x-nullable'] === true) {
      delete out['x-nullable'];
      out = makeNullable(out);
    } else {
      delete out['x-nullable'];
    }
    return out;
  });
}

/** One OpenAPI 3.0 schema → draft-07. */
export function convertOpenApi3Schema(schema) {
  return mapSchema(schema, (node) => {
    let out = {};
    for (const [key, value] of Object.entries(node)) {
      if (DROP_ALWAYS.includes(key)) continue;
      if (key.startsWith('x-')) continue;
      out[key] = value;
    }
    if (out.nullable === true) {
      delete out.nullable;
      out = makeNullable(out);
    } else {
      delete out.nullable;
    }
    return out;
  });
}

/** The path templates of a document as matchers: {template, regex, literalCount}. */
function pathMatchers(paths) {
  return Object.keys(paths).map((template) => {
    const segments = template.split('/');
    const regex = new RegExp(
      '^' +
        segments
          .map((s) => (/^\{[^}]+\}$/.test(s) ? '[^/]+' : s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
          .join('/') +
        '/?$',
    );
    const literalCount = segments.filter((s) => s && !/^\{[^}]+\}$/.test(s)).length;
    return { template, regex, literalCount };
  });
}

/** The operation of @p doc that serves METHOD + concrete @p rawPath (most literal segments wins, as routers do). */
export function findOperation(doc, matchers, method, rawPath) {
  const candidates = matchers
    .filter((m) => m.regex.test(rawPath) && doc.paths[m.template][method.toLowerCase()])
    .sort((a, b) => b.literalCount - a.literalCount);
  if (!candidates.length) return null;
  const template = candidates[0].template;
  return { template, operation: doc.paths[template][method.toLowerCase()] };
}

function readJson(file) {
  return JSON.parse(fs.readFileSync(file, 'utf8'));
}

function listJson(dir, base = dir) {
  const out = [];
  if (!fs.existsSync(dir)) return out;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...listJson(full, base));
    else if (entry.name.endsWith('.json')) out.push(path.relative(base, full).split(path.sep).join('/'));
  }
  return out.sort();
}

/**
 * Loads every document. @p apiDir is shared/api; @p localDir is tests/contract/schemas.
 * Returns the raw (converted, not yet patched) material; see buildValidators() in validate.mjs.
 */
export function loadDocuments(apiDir, localDir) {
  // GitLab Swagger 2.0
  const oasText = fs.readFileSync(path.join(apiDir, 'gitlab', 'openapi_v2.yaml'), 'utf8');
  const gitlabOas = YAML.parse(oasText, { maxAliasCount: -1 });
  if (gitlabOas.swagger !== '2.0') throw new Error('openapi_v2.yaml: expected swagger: "2.0"');
  const gitlabDefinitions = Object.fromEntries(
    Object.entries(gitlabOas.definitions).map(([name, schema]) => [name, convertSwagger2Schema(schema)]),
  );

  // GitLab JSON-schema contracts, under their upstream URLs.
  const contractDir = path.join(apiDir, 'gitlab', 'schemas');
  const gitlabContracts = {};
  for (const rel of listJson(contractDir)) {
    gitlabContracts[rel] = { $id: GITLAB_CONTRACT_BASE + rel, ...readJson(path.join(contractDir, rel)) };
  }
  // Stubs for the contracts' dangling $refs. Their $id is the URL the $ref resolves to; a bundled file always wins.
  const stubDir = path.join(localDir, 'gitlab-contract-stubs');
  const gitlabContractStubs = {};
  for (const rel of listJson(stubDir)) {
    const stub = readJson(path.join(stubDir, rel));
    if (!stub.$id) throw new Error(`stub ${rel}: no $id`);
    gitlabContractStubs[rel] = stub;
  }

  // Sentry OpenAPI 3.0.3
  const sentryOas = readJson(path.join(apiDir, 'sentry', 'openapi-derefed.json'));
  if (!String(sentryOas.openapi).startsWith('3.0')) throw new Error('openapi-derefed.json: expected OpenAPI 3.0.x');

  // Local schemas
  const local = {};
  for (const rel of listJson(localDir)) {
    if (rel.startsWith('gitlab-contract-stubs/')) continue;
    local[rel] = { $id: LOCAL_ID_BASE + rel, ...readJson(path.join(localDir, rel)) };
  }

  return {
    gitlabOas,
    gitlabDefinitions,
    gitlabMatchers: pathMatchers(gitlabOas.paths),
    gitlabContracts,
    gitlabContractStubs,
    sentryOas,
    sentryMatchers: pathMatchers(sentryOas.paths),
    local,
  };
}

/** Registers the formats the documents use. Ajv's strict mode rejects any format that is not registered here. */
export function registerFormats(ajv, addFormats) {
  addFormats(ajv); // date-time, date, uri, email, uuid, … (full mode)
  // Swagger/OpenAPI numeric formats. Range checks are deliberately absent: see exception GL-FMT-1.
  ajv.addFormat('int32', { type: 'number', validate: (n) => Number.isInteger(n) });
  ajv.addFormat('int64', { type: 'number', validate: (n) => Number.isInteger(n) });
  ajv.addFormat('float', { type: 'number', validate: () => true });
  ajv.addFormat('double', { type: 'number', validate: () => true });
  // Swagger string formats that carry no checkable shape in a JSON body.
  ajv.addFormat('byte', { type: 'string', validate: () => true });
  ajv.addFormat('binary', { type: 'string', validate: () => true });
  ajv.addFormat('password', { type: 'string', validate: () => true });
}
