#!/usr/bin/env node
// Contract tests for shipdeck-sandbox: every GitLab/Sentry endpoint the sandbox serves for Shipdeck is requested and its
// response validated against the OFFICIAL schemas (shared/api):
//   GitLab  api/gitlab/openapi_v2.yaml (Swagger 2.0) + api/gitlab/schemas/*.json (GitLab's JSON-schema contracts)
//   Sentry  api/sentry/openapi-derefed.json (OpenAPI 3.0.3)
// The schema is picked by method + path template + status from the official document. Departures from the official
// schemas are listed, with reasons, in exceptions.mjs; bodies the documents do not describe use local schemas from
// schemas/ (each says where it comes from). See README.md.
//
// Usage:
//   node validate.mjs <shipdeck-sandbox binary> <shared/api dir> [--verbose]
//   node validate.mjs --self-test <shared/api dir>     (no sandbox: checks the documents, the exception table and the
//                                                        official examples; used as a quick CTest of its own)
// Output: one line per endpoint ("ok …" or "FAIL …" followed by the ajv errors), then "N passed, M failed".
// The exit status is 0 only when nothing failed. The sandbox is always stopped with SIGTERM (SIGKILL after 5 s).

import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { EXCEPTIONS, REQUIRED } from './exceptions.mjs';
import { GITLAB_OAS_ID, findOperation, loadDocuments } from './lib/schemas.mjs';
import {
  attribute,
  buildValidators,
  checkContracts,
  checkExceptionTable,
  contractId,
  selectSchema,
} from './lib/validators.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const LOCAL_SCHEMAS = path.join(HERE, 'schemas');
const REQUEST_TIMEOUT_MS = 20000;
const STARTUP_TIMEOUT_MS = 30000;

// ------------------------------------------------------------------------------------------------------------------
// Reporting
// ------------------------------------------------------------------------------------------------------------------

const results = { passed: 0, failed: 0 };
const natural = (a, b) => a.localeCompare(b, 'en', { numeric: true });
const usedExceptions = new Set();
const localSchemasUsed = new Map();
let verbose = false;

function pass(line) {
  results.passed++;
  console.log(`ok    ${line}`);
}

function fail(line, details = []) {
  results.failed++;
  console.log(`FAIL  ${line}`);
  for (const d of details.slice(0, 25)) console.log(`        ${d}`);
  if (details.length > 25) console.log(`        … ${details.length - 25} more`);
}

/**
 * One line per distinct problem: array indices are folded ("/[i]/artifacts/[i]/file_format") and repeats counted, so a
 * defect repeated in 80 list items is one line. The schema location is shortened (oas: = the GitLab Swagger document).
 */
function formatAjvErrors(errors) {
  const groups = new Map();
  for (const e of errors || []) {
    const where = (e.instancePath || '').replace(/\/\d+(?=\/|$)/g, '/[i]') || '(root)';
    let msg = e.message;
    if (e.keyword === 'additionalProperties') msg += ` "${e.params.additionalProperty}"`;
    if (e.keyword === 'enum') msg += ` ${JSON.stringify(e.params.allowedValues)}`;
    const schemaPath = String(e.schemaPath).replace(GITLAB_OAS_ID, 'oas:');
    const key = `${where}|${msg}|${schemaPath}`;
    if (!groups.has(key)) groups.set(key, { where, msg, schemaPath, first: e, count: 0 });
    groups.get(key).count++;
  }
  return [...groups.values()].map(({ where, msg, schemaPath, first, count }) => {
    let line = `${where}: ${msg}`;
    const data = JSON.stringify(first.data);
    if (data !== undefined && first.keyword !== 'required' && first.keyword !== 'additionalProperties') {
      line += ` (got ${data.length > 80 ? data.slice(0, 77) + '...' : data})`;
    }
    if (count > 1) line += ` ×${count} (first at ${first.instancePath || '(root)'})`;
    return `${line}   [${schemaPath}]`;
  });
}

/** Drops the errors that only restate another one (anyOf/oneOf summary lines when a branch error is listed). */
function essentialErrors(errors) {
  if (!errors) return [];
  // "must match a schema in anyOf" restates its branches; "must be null" is the null branch of a nullable value whose
  // other branch is reported on its own.
  const noise = (e) => ['anyOf', 'oneOf', 'if', 'allOf'].includes(e.keyword) || (e.keyword === 'type' && e.params.type === 'null');
  let specific = errors.filter((e) => !noise(e));
  if (!specific.length) specific = errors;
  // An enum error on a value that already has a type error says nothing new.
  const typed = new Set(specific.filter((e) => e.keyword === 'type').map((e) => e.instancePath));
  return specific.filter((e) => !(e.keyword === 'enum' && typed.has(e.instancePath)));
}

// ------------------------------------------------------------------------------------------------------------------
// HTTP
// ------------------------------------------------------------------------------------------------------------------

function buildQuery(query) {
  if (!query) return '';
  const pairs = Array.isArray(query) ? query : Object.entries(query);
  const parts = [];
  for (const [k, v] of pairs) {
    if (v === undefined || v === null) continue;
    for (const one of Array.isArray(v) ? v : [v]) parts.push(`${encodeURIComponent(k)}=${encodeURIComponent(String(one))}`);
  }
  return parts.length ? `?${parts.join('&')}` : '';
}

async function httpRequest(url, { method, headers, body }) {
  const init = { method, headers: { Accept: 'application/json', ...headers }, signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) };
  if (body !== undefined) {
    init.body = JSON.stringify(body);
    init.headers['Content-Type'] = 'application/json';
  }
  const res = await fetch(url, init);
  const text = await res.text();
  let json;
  let jsonError;
  try {
    json = text.length ? JSON.parse(text) : undefined;
  } catch (e) {
    jsonError = e.message;
  }
  return { status: res.status, headers: res.headers, contentType: res.headers.get('content-type') || '', text, json, jsonError };
}

// ------------------------------------------------------------------------------------------------------------------
// One check = one request + schema selection + validation + one output line.
// ------------------------------------------------------------------------------------------------------------------

/** The official path template for a concrete path (for labels), or null. */
function templateOf(docs, api, method, rawPath) {
  const prefix = api === 'gitlab' ? '/api/v4' : '/api/0';
  const found = findOperation(api === 'gitlab' ? docs.gitlabOas : docs.sentryOas, api === 'gitlab' ? docs.gitlabMatchers : docs.sentryMatchers, method, prefix + rawPath);
  return found ? found.template.slice(prefix.length) : null;
}

class Checker {
  constructor(validators, env) {
    this.v = validators;
    this.env = env;
  }

  /**
   * spec: {api, method, path (relative to /api/v4 or /api/0, encoded), query, body, token ('wrong' for 401),
   *        expect: [statuses], localSchema (when the official document has no such operation), errorSchema (for
   *        error statuses the document leaves without a body schema), contract: {file, array} (GitLab JSON-schema
   *        contract applied in addition), nonEmpty (a list that must not be empty), note}
   * Returns the parsed body (or undefined) so later steps can use it.
   */
  async check(spec) {
    const { api, method } = spec;
    const base = api === 'gitlab' ? `${this.env.gitlabBase}/api/v4` : `${this.env.sentryBase}/api/0`;
    const qs = buildQuery(spec.query);
    const queryKeys = spec.query ? [...new Set((Array.isArray(spec.query) ? spec.query : Object.entries(spec.query)).map(([k]) => k))] : [];
    const headers = {};
    const token = spec.token === 'wrong' ? 'contract-test-wrong-token' : api === 'gitlab' ? this.env.gitlabToken : this.env.sentryToken;
    if (api === 'gitlab') headers['PRIVATE-TOKEN'] = token;
    else headers.Authorization = `Bearer ${token}`;

    let label = `${api.padEnd(6)} ${method} ${spec.path}${queryKeys.length ? ` ?${queryKeys.join(',')}` : ''}`;
    if (spec.note) label += ` (${spec.note})`;

    let res;
    try {
      res = await httpRequest(base + spec.path + qs, { method, headers, body: spec.body });
    } catch (e) {
      fail(label, [`request failed: ${e.cause?.message || e.message}`]);
      return undefined;
    }
    const expect = spec.expect || [200];
    if (!expect.includes(res.status)) {
      const tpl = templateOf(this.v.docs, api, method, spec.path);
      fail(`${tpl ? label.replace(spec.path, tpl) : label} → ${res.status}`, [`expected status ${expect.join(' or ')}`, `body: ${res.text.slice(0, 300)}`]);
      return res.json;
    }

    const sel = selectSchema(this.v, api, method, spec.path.split('?')[0], res.status, {
      localSchema: spec.localSchema,
      errorSchema: spec.errorSchema,
    });
    // Show the template rather than the concrete path.
    if (sel.template) label = label.replace(spec.path, sel.template);
    label += ` → ${res.status}`;
    if (sel.error) {
      fail(label, [sel.error]);
      return res.json;
    }

    if (sel.textBody) {
      const problems = [];
      if (!/^text\/plain\b/.test(res.contentType)) problems.push(`content-type is "${res.contentType}", expected text/plain`);
      if (res.jsonError === undefined && res.json !== undefined && typeof res.json === 'object') problems.push('body is a JSON document, expected a plain-text log');
      if (spec.extra) problems.push(...spec.extra(res.text, res));
      sel.usedEndpointExceptions.forEach((id) => usedExceptions.add(id));
      const line = `${label}  ${sel.source} → text/plain (${res.text.length} bytes); exceptions: ${sel.usedEndpointExceptions.join(', ')}`;
      if (problems.length) fail(line, problems);
      else pass(line);
      return res.text;
    }

    const problems = [];
    if (res.jsonError !== undefined || res.json === undefined) {
      fail(label, [`body is not JSON: ${res.jsonError || 'empty body'}`, `body: ${res.text.slice(0, 200)}`]);
      return undefined;
    }
    if (!/^application\/json\b/.test(res.contentType)) problems.push(`content-type is "${res.contentType}", expected application/json`);

    const body = res.json;
    const okOfficial = sel.official(body);
    const officialErrors = okOfficial ? [] : [...sel.official.errors];
    const okEffective = sel.effective(body);
    const effectiveErrors = okEffective ? [] : [...sel.effective.errors];
    let sources = sel.source;
    if (sel.note) {
      sources += ` (${sel.note})`;
      localSchemasUsed.set(sel.source, sel.note);
    }

    // GitLab JSON-schema contract, in addition to the Swagger schema.
    if (spec.contract) {
      const c = this.v.effective.ajv.getSchema(contractId(spec.contract.file));
      const co = this.v.official.ajv.getSchema(contractId(spec.contract.file));
      const items = spec.contract.array ? (Array.isArray(body) ? body : []) : [body];
      items.forEach((item, i) => {
        const prefix = spec.contract.array ? `/${i}` : '';
        if (!co(item)) officialErrors.push(...co.errors.map((e) => ({ ...e, instancePath: prefix + e.instancePath })));
        if (!c(item)) effectiveErrors.push(...c.errors.map((e) => ({ ...e, instancePath: prefix + e.instancePath, schemaPath: `contract ${spec.contract.file} ${e.schemaPath}` })));
      });
      sources += ` + contract ${spec.contract.file}${spec.contract.array ? '[]' : ''}`;
    }

    const attr = attribute(this.v, officialErrors, sel.extraAttribution);
    const excIds = [...new Set([...sel.usedEndpointExceptions, ...attr.ids])].sort(natural);
    excIds.forEach((id) => usedExceptions.add(id));

    if (spec.nonEmpty && Array.isArray(body) && body.length === 0) problems.push('the list is empty: nothing to validate (the scenario should have items here)');
    if (spec.extra) problems.push(...spec.extra(body, res));

    let line = `${label}  ${sources}`;
    if (Array.isArray(body)) line += `; ${body.length} item${body.length === 1 ? '' : 's'}`;
    if (excIds.length) line += `; exceptions: ${excIds.join(', ')}`;
    if (effectiveErrors.length || problems.length) {
      fail(line, [...problems, ...formatAjvErrors(essentialErrors(effectiveErrors))]);
    } else {
      pass(line);
      if (verbose && officialErrors.length) {
        for (const l of formatAjvErrors(essentialErrors(officialErrors))) console.log(`        (official) ${l}`);
      }
    }
    return body;
  }

  /** GET without a check (a helper lookup); the parsed JSON or undefined. */
  async fetchJson(api, path, query) {
    const base = api === 'gitlab' ? `${this.env.gitlabBase}/api/v4` : `${this.env.sentryBase}/api/0`;
    const headers = api === 'gitlab' ? { 'PRIVATE-TOKEN': this.env.gitlabToken } : { Authorization: `Bearer ${this.env.sentryToken}` };
    try {
      const res = await httpRequest(base + path + buildQuery(query), { method: 'GET', headers });
      return res.status === 200 ? res.json : undefined;
    } catch {
      return undefined;
    }
  }

  /** POST /_sandbox/advance {"seconds": N}: moves the scenario clock. True on success. */
  async advance(seconds) {
    try {
      const res = await httpRequest(`${this.env.controlUrl}/advance`, { method: 'POST', headers: {}, body: { seconds } });
      return res.status === 200;
    } catch {
      return false;
    }
  }

  /** A step that could not run (its input was missing): a failure, with the reason. */
  cannot(api, what, reason) {
    fail(`${api.padEnd(6)} ${what}`, [`not checked: ${reason}`]);
  }
}

// ------------------------------------------------------------------------------------------------------------------
// The plan: every endpoint Shipdeck uses (as the issue lists them), reads first, then the mutating calls.
// ------------------------------------------------------------------------------------------------------------------

const enc = encodeURIComponent;
const list = (x) => (Array.isArray(x) ? x : x === undefined || x === null ? [] : [x]);
const byTime = (field) => (a, b) => String(b[field] || '').localeCompare(String(a[field] || ''));
const iso = (ms) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

async function gitlabPlan(c, env) {
  const G = (spec) => c.check({ api: 'gitlab', method: 'GET', ...spec });
  const errorSchema = 'gitlab-error.json';

  // Project by URL-encoded path and by id.
  const configured = String(env.gitlabProject);
  let project;
  if (/^\d+$/.test(configured)) {
    project = await G({ path: `/projects/${configured}`, note: 'by id' });
    if (project?.path_with_namespace) await G({ path: `/projects/${enc(project.path_with_namespace)}`, note: 'by URL-encoded path' });
    else c.cannot('gitlab', 'GET /projects/{id} (by URL-encoded path)', 'the project has no path_with_namespace');
  } else {
    project = await G({ path: `/projects/${enc(configured)}`, note: 'by URL-encoded path' });
    if (project?.id !== undefined) await G({ path: `/projects/${project.id}`, note: 'by id' });
    else c.cannot('gitlab', 'GET /projects/{id} (by id)', 'the project answer has no id');
  }
  const pid = project?.id ?? enc(configured);
  const P = `/projects/${pid}`;
  const defaultBranch = project?.default_branch || 'main';

  // Pipelines.
  const pipelines = list(await G({ path: `${P}/pipelines`, query: { per_page: 100, page: 1 }, contract: { file: 'pipeline/basic.json', array: true }, nonEmpty: true }));
  const oldest = pipelines.map((p) => p.updated_at).filter(Boolean).sort()[0];
  const since = oldest ? iso(Date.parse(oldest) - 86400000) : '2000-01-01T00:00:00Z';
  await G({
    path: `${P}/pipelines`,
    query: { ref: defaultBranch, updated_after: since, order_by: 'updated_at', sort: 'desc', per_page: 100, page: 1 },
    contract: { file: 'pipeline/basic.json', array: true },
    note: 'dashboard polling',
  });
  const someStatus = pipelines[0]?.status || 'success';
  await G({ path: `${P}/pipelines`, query: { status: someStatus, order_by: 'id', sort: 'asc', per_page: 5, page: 1 }, contract: { file: 'pipeline/basic.json', array: true }, note: `status=${someStatus}` });

  const pick = (pred) => pipelines.find(pred);
  const pipeline = pipelines[0];
  if (pipeline) await G({ path: `${P}/pipelines/${pipeline.id}` });
  else c.cannot('gitlab', 'GET /projects/{id}/pipelines/{pipeline_id}', 'no pipeline in the list');
  await G({ path: `${P}/pipelines/latest`, query: { ref: defaultBranch } });

  // Jobs of a few pipelines (enough to find manual, failed and running jobs for the actions below).
  const jobs = [];
  const jobPipelines = [...new Set([pipeline, pick((p) => p.status === 'manual'), pick((p) => p.status === 'running'), pick((p) => p.status === 'failed'), ...pipelines.slice(1, 4)].filter(Boolean))];
  let first = true;
  for (const p of jobPipelines) {
    const js = list(await G({ path: `${P}/pipelines/${p.id}/jobs`, query: { per_page: 100 }, nonEmpty: first, note: `pipeline ${p.status}` }));
    jobs.push(...js);
    first = false;
  }
  jobs.push(...list(await G({ path: `${P}/jobs`, query: [['scope[]', 'failed'], ['scope[]', 'success'], ['scope[]', 'manual'], ['per_page', 50]], note: 'project jobs, scope[]' })));
  // A job that ran, so that its log has content.
  const job = jobs.find((j) => j.finished_at && ['success', 'failed'].includes(j.status)) || jobs[0];
  if (job) {
    await G({ path: `${P}/jobs/${job.id}` });
    await G({ path: `${P}/jobs/${job.id}/trace`, note: `${job.status} job`,
      extra: (text) => (job.finished_at && typeof text === 'string' && text.length === 0 ? ['the log of a finished job is empty'] : []) });
  } else {
    c.cannot('gitlab', 'GET /projects/{id}/jobs/{job_id}', 'no job in the pipelines');
    c.cannot('gitlab', 'GET /projects/{id}/jobs/{job_id}/trace', 'no job in the pipelines');
  }

  // Environments and deployments.
  const environments = list(await G({ path: `${P}/environments`, query: { per_page: 100 }, contract: { file: 'environment.json', array: true }, nonEmpty: true,
    extra: (b) => (Array.isArray(b) && b.some((e) => e && 'last_deployment' in e) ? ['environment LIST items carry last_deployment; GitLab adds it only on GET of one environment (GITLAB.md §2.1)'] : []) }));
  const wanted = list(env.environments).map((e) => (typeof e === 'string' ? e : e?.name)).filter(Boolean);
  const environment = environments.find((e) => e.name === wanted[0]) || environments.find((e) => e.tier === 'production') || environments[0];
  if (environment) {
    await G({ path: `${P}/environments/${environment.id}`, contract: { file: 'environment.json' },
      extra: (b) => (b && !('last_deployment' in b) ? ['no last_deployment on GET of one environment (GITLAB.md §2.1)'] : []) });
  } else c.cannot('gitlab', 'GET /projects/{id}/environments/{environment_id}', 'no environment');
  const envName = environment?.name || wanted[0] || 'production';

  const deployments = list(await G({
    path: `${P}/deployments`,
    query: { environment: envName, status: 'success', order_by: 'id', sort: 'desc', per_page: 20 },
    contract: { file: 'deployment.json', array: true },
    nonEmpty: true,
  }));
  await G({
    path: `${P}/deployments`,
    query: { environment: envName, updated_after: '2000-01-01T00:00:00Z', order_by: 'updated_at', sort: 'desc', per_page: 20 },
    contract: { file: 'deployment.json', array: true },
    note: 'updated_* with order_by=updated_at',
  });
  await G({
    path: `${P}/deployments`,
    query: { environment: envName, status: 'success', finished_after: '2000-01-01T00:00:00Z', order_by: 'finished_at', sort: 'desc' },
    contract: { file: 'deployment.json', array: true },
    note: 'finished_* with order_by=finished_at and status=success',
  });
  await G({
    path: `${P}/deployments`,
    query: { environment: envName, status: 'success', finished_after: '2000-01-01T00:00:00Z', order_by: 'id' },
    expect: [400],
    errorSchema: `${errorSchema}#/$defs/badRequest`,
    note: 'invalid pairing: finished_after without order_by=finished_at → 400',
  });
  const deployment = deployments[0];
  if (deployment) {
    await G({ path: `${P}/deployments/${deployment.id}`, contract: { file: 'deployment.json' } });
    await G({ path: `${P}/deployments/${deployment.id}/merge_requests` });
  } else {
    c.cannot('gitlab', 'GET /projects/{id}/deployments/{deployment_id}', 'no deployment');
    c.cannot('gitlab', 'GET /projects/{id}/deployments/{deployment_id}/merge_requests', 'no deployment');
  }

  // Releases, milestones, freezes, compare, MRs, changelog.
  const releases = list(await G({ path: `${P}/releases`, query: { order_by: 'released_at', sort: 'desc', per_page: 20 }, nonEmpty: true }));
  const release = releases[0];
  if (release) await G({ path: `${P}/releases/${enc(release.tag_name)}` });
  else c.cannot('gitlab', 'GET /projects/{id}/releases/{tag_name}', 'no release');

  const milestones = list(await G({ path: `${P}/milestones`, query: { state: 'active', per_page: 100 }, localSchema: 'gitlab-milestones.json' }));
  const freezes = list(await G({ path: `${P}/freeze_periods`, query: { per_page: 100 }, contract: { file: 'freeze_period.json', array: true }, nonEmpty: true }));
  if (freezes[0]) await G({ path: `${P}/freeze_periods/${freezes[0].id}`, contract: { file: 'freeze_period.json' } });
  else c.cannot('gitlab', 'GET /projects/{id}/freeze_periods/{freeze_period_id}', 'no freeze period');
  await G({ path: `${P}/repository/tags`, query: { per_page: 100 }, nonEmpty: true });

  const tags = releases.map((r) => r.tag_name);
  const from = tags[1] || pipelines[pipelines.length - 1]?.sha;
  const to = tags[0] || defaultBranch;
  if (from && to) await G({ path: `${P}/repository/compare`, query: { from, to, straight: false } });
  else c.cannot('gitlab', 'GET /projects/{id}/repository/compare', 'no two refs to compare');

  const mrs = list(await G({
    path: `${P}/merge_requests`,
    query: { state: 'merged', target_branch: defaultBranch, updated_after: '2000-01-01T00:00:00Z', updated_before: '2100-01-01T00:00:00Z', per_page: 100 },
    nonEmpty: true,
  }));
  if (mrs[0]) await G({ path: `${P}/merge_requests/${mrs[0].iid}` });
  else c.cannot('gitlab', 'GET /projects/{id}/merge_requests/{merge_request_iid}', 'no merge request');
  const sha = mrs[0]?.merge_commit_sha || mrs[0]?.sha || pipeline?.sha;
  if (sha) {
    await G({ path: `${P}/repository/commits/${sha}` });
    await G({ path: `${P}/repository/commits/${sha}/merge_requests` });
  } else {
    c.cannot('gitlab', 'GET /projects/{id}/repository/commits/{sha}', 'no commit sha');
    c.cannot('gitlab', 'GET /projects/{id}/repository/commits/{sha}/merge_requests', 'no commit sha');
  }

  const semver = (t) => (String(t || '').match(/(\d+\.\d+\.\d+)/) || [])[1];
  const version = semver(tags[0]) || '1.0.0';
  await G({ path: `${P}/repository/changelog`, query: { version, ...(tags[1] ? { from: tags[1] } : {}), ...(tags[0] ? { to: tags[0] } : {}) } });

  // Errors.
  await G({ path: P, token: 'wrong', expect: [401], errorSchema: `${errorSchema}#/$defs/unauthorized`, note: 'wrong token' });
  await G({ path: `/projects/${enc('contract-test/does-not-exist')}`, expect: [404], errorSchema: `${errorSchema}#/$defs/notFound`, note: 'unknown project' });
  await G({ path: `${P}/pipelines/987654321`, expect: [404], errorSchema: `${errorSchema}#/$defs/notFound`, note: 'unknown pipeline' });

  // Actions (mutating; after the reads so those see the scenario as it starts).
  const POST = (spec) => c.check({ api: 'gitlab', method: 'POST', ...spec });
  let manual = jobs.find((j) => j.status === 'manual');
  // The scenario's manual deploy job may still wait for earlier stages: move the scenario clock (control endpoint)
  // until one is playable, at most an hour of scenario time.
  let advanced = 0;
  while (!manual && env.controlUrl && advanced < 3600) {
    if (!(await c.advance(600))) break;
    advanced += 600;
    const found = await c.fetchJson('gitlab', `${P}/jobs`, [['scope[]', 'manual']]);
    manual = list(found).find((j) => j.status === 'manual');
  }
  const note = advanced ? `manual job, after POST /_sandbox/advance ${advanced} s` : 'manual job';
  if (manual) await POST({ path: `${P}/jobs/${manual.id}/play`, expect: [200], note });
  else c.cannot('gitlab', 'POST /projects/{id}/jobs/{job_id}/play', `no manual job in the scenario${advanced ? ` (also after advancing ${advanced} s)` : ''}`);
  const retryable = jobs.find((j) => ['failed', 'canceled'].includes(j.status)) || jobs.find((j) => j.status === 'success');
  if (retryable) {
    await POST({ path: `${P}/jobs/${retryable.id}/retry`, expect: [201], note: `${retryable.status} job`,
      extra: (b) => (b && b.id === retryable.id ? ['retry returned the same job id; GitLab returns a NEW job (GITLAB.md §1.5)'] : []) });
  } else c.cannot('gitlab', 'POST /projects/{id}/jobs/{job_id}/retry', 'no failed/canceled/success job');
  const cancelable = jobs.find((j) => ['running', 'pending', 'created'].includes(j.status)) || jobs[0];
  if (cancelable) await POST({ path: `${P}/jobs/${cancelable.id}/cancel`, expect: [201], note: `${cancelable.status} job` });
  else c.cannot('gitlab', 'POST /projects/{id}/jobs/{job_id}/cancel', 'no job');
  const retryPipeline = pick((p) => ['failed', 'canceled'].includes(p.status)) || pipeline;
  if (retryPipeline) await POST({ path: `${P}/pipelines/${retryPipeline.id}/retry`, expect: [201], note: `${retryPipeline.status} pipeline` });
  else c.cannot('gitlab', 'POST /projects/{id}/pipelines/{pipeline_id}/retry', 'no pipeline');
  const cancelPipeline = pick((p) => ['running', 'pending', 'created'].includes(p.status)) || pipeline;
  if (cancelPipeline) await POST({ path: `${P}/pipelines/${cancelPipeline.id}/cancel`, expect: [200, 201], note: `${cancelPipeline.status} pipeline` });
  else c.cannot('gitlab', 'POST /projects/{id}/pipelines/{pipeline_id}/cancel', 'no pipeline');

  const tag = `contract-test-${Date.now()}`;
  const created = await POST({
    path: `${P}/releases`,
    body: {
      tag_name: tag,
      name: `Contract test ${tag}`,
      description: '## Contract test\n\nCreated by tests/contract/validate.mjs.',
      ref: defaultBranch,
      ...(milestones[0]?.title ? { milestones: [milestones[0].title] } : {}),
    },
    expect: [201],
  });
  if (created?.tag_name) {
    await c.check({ api: 'gitlab', method: 'PUT', path: `${P}/releases/${enc(created.tag_name)}`, body: { description: '## Contract test\n\nUpdated.' }, expect: [200],
      extra: (b) => (b && b.description !== undefined && b.description !== '## Contract test\n\nUpdated.' ? ['the update did not change the description'] : []) });
  } else c.cannot('gitlab', 'PUT /projects/{id}/releases/{tag_name}', 'the release was not created');
}

async function sentryPlan(c, env) {
  const O = `/organizations/${enc(env.sentryOrg)}`;
  const G = (spec) => c.check({ api: 'sentry', method: 'GET', ...spec });
  const projects = list(env.sentryProjects).map((p) => (typeof p === 'object' && p ? p.slug ?? p.id : p)).filter((p) => p !== undefined);
  const project = projects[0];
  const wanted = list(env.environments).map((e) => (typeof e === 'string' ? e : e?.name)).filter(Boolean);
  const environment = wanted.includes('production') ? 'production' : wanted[0] || 'production';

  await G({ path: `${O}/` });
  await G({ path: `${O}/projects/`, nonEmpty: true });
  await G({ path: `${O}/environments/`, nonEmpty: true });

  // Releases first: the versions feed the queries below.
  const releases = list(await G({ path: `${O}/releases/`, query: { project: projects, per_page: 25 }, nonEmpty: true }));
  const version = releases[0]?.version;
  const release = releases.find((r) => r.newGroups > 0) || releases[0];
  if (version) await G({ path: `${O}/releases/${enc(version)}/`, query: { project } });
  else c.cannot('sentry', 'GET /organizations/{org}/releases/{version}/', 'no release');
  const releaseQuery = version ? `release:"${version}"` : '';

  // Error counts: events-timeseries (documented) and events-stats (legacy).
  const ts = await G({
    path: `${O}/events-timeseries/`,
    query: { dataset: 'errors', yAxis: 'count()', project, environment, query: `${releaseQuery} environment:${environment}`.trim(), interval: 3600, statsPeriod: '24h' },
    note: 'statsPeriod',
    extra: (b) => (b && Array.isArray(b.timeSeries) && b.timeSeries.length === 0 ? ['timeSeries is empty'] : []),
  });
  const endMs = Number(ts?.meta?.end) || Date.now();
  const startMs = Number(ts?.meta?.start) || endMs - 86400000;
  await G({
    path: `${O}/events-timeseries/`,
    query: { dataset: 'errors', yAxis: 'count()', project, query: releaseQuery, interval: 3600, start: iso(startMs), end: iso(endMs) },
    note: 'start/end',
  });
  await G({
    path: `${O}/events-timeseries/`,
    query: { dataset: 'errors', yAxis: 'count()', project, environment, groupBy: 'release', topEvents: 5, sort: '-count()', excludeOther: 1, interval: 3600, statsPeriod: '24h' },
    note: 'groupBy=release topEvents',
  });
  await G({
    path: `${O}/events-stats/`,
    query: { dataset: 'errors', yAxis: 'count()', project, environment, query: releaseQuery, interval: '1h', statsPeriod: '24h', partial: 1 },
    localSchema: 'sentry-events-stats.json',
    note: 'single series',
  });
  await G({
    path: `${O}/events-stats/`,
    query: [['dataset', 'errors'], ['yAxis', 'count()'], ['field', 'release'], ['field', 'count()'], ['topEvents', 5], ['sort', '-count()'], ['project', project], ['environment', environment], ['interval', '1h'], ['statsPeriod', '24h'], ['partial', 1], ['excludeOther', 1]],
    localSchema: 'sentry-events-stats.json',
    note: 'topEvents by release',
  });

  // Release health.
  await G({
    path: `${O}/sessions/`,
    query: [['field', 'sum(session)'], ['field', 'crash_free_rate(session)'], ['field', 'crash_free_rate(user)'], ['groupBy', 'release'], ['orderBy', '-sum(session)'], ['project', project], ['environment', environment], ['interval', '1h'], ['statsPeriod', '24h'], ['per_page', 10]],
    note: 'crash-free by release',
  });
  await G({
    path: `${O}/sessions/`,
    query: [['field', 'sum(session)'], ['groupBy', 'session.status'], ['project', project], ['query', releaseQuery], ['interval', '1h'], ['statsPeriod', '24h']],
    note: 'by session.status',
  });

  // New issues in a release.
  await G({ path: `${O}/issues/`, query: { project, query: `firstRelease:"${release?.version || version || 'unknown'}"`, sort: 'new', statsPeriod: '14d', limit: 100 }, note: 'firstRelease' });

  // Errors.
  await G({ path: `${O}/releases/`, token: 'wrong', expect: [401], errorSchema: 'sentry-error.json', note: 'wrong token' });
  await G({ path: `${O}/releases/${enc('contract-test-no-such-release')}/`, expect: [404], errorSchema: 'sentry-error.json', note: 'unknown release' });

  // Create a release (201, then 208 for the same version) and a deploy.
  const POST = (spec) => c.check({ api: 'sentry', method: 'POST', ...spec });
  const newVersion = `contract-test@${Date.now()}`;
  const created = await POST({ path: `${O}/releases/`, body: { version: newVersion, projects: project !== undefined ? [project] : [], ref: 'main' }, expect: [201], note: 'new version' });
  await POST({ path: `${O}/releases/`, body: { version: newVersion, projects: project !== undefined ? [project] : [] }, expect: [208], note: 'same version again' });
  const v = created?.version || newVersion;
  const now = Date.now();
  await POST({
    path: `${O}/releases/${enc(v)}/deploys/`,
    body: { environment, name: 'contract-test', dateStarted: iso(now - 60000), dateFinished: iso(now) },
    expect: [201],
  });
  await G({ path: `${O}/releases/${enc(v)}/deploys/`, nonEmpty: true });
  await c.check({ api: 'sentry', method: 'PUT', path: `${O}/releases/${enc(v)}/`, body: { dateReleased: iso(now) }, expect: [200] });
}

// ------------------------------------------------------------------------------------------------------------------
// Sandbox process
// ------------------------------------------------------------------------------------------------------------------

function startSandbox(binary) {
  const child = spawn(binary, ['--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d) => {
    stderr = (stderr + d.toString()).slice(-16384);
  });
  const firstLine = new Promise((resolve, reject) => {
    let buf = '';
    let done = false;
    const timer = setTimeout(() => {
      if (!done) {
        done = true;
        reject(new Error(`no first stdout line within ${STARTUP_TIMEOUT_MS / 1000} s`));
      }
    }, STARTUP_TIMEOUT_MS);
    child.stdout.on('data', (d) => {
      if (done) return; // keep draining the pipe
      buf += d.toString();
      const nl = buf.indexOf('\n');
      if (nl >= 0) {
        done = true;
        clearTimeout(timer);
        resolve(buf.slice(0, nl));
      }
    });
    child.on('error', (e) => {
      if (!done) {
        done = true;
        clearTimeout(timer);
        reject(e);
      }
    });
    child.on('exit', (code, signal) => {
      if (!done) {
        done = true;
        clearTimeout(timer);
        reject(new Error(`the sandbox exited (${signal || code}) before printing its first line`));
      }
    });
  });
  return { child, firstLine, stderr: () => stderr };
}

async function stopSandbox(child) {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
  await exited;
  clearTimeout(timer);
}

// ------------------------------------------------------------------------------------------------------------------
// Self test: no sandbox. The documents load, the exception table resolves, and the official examples validate.
// ------------------------------------------------------------------------------------------------------------------

function selfTest(validators) {
  const { docs } = validators;
  const P = '/api/0/organizations/{organization_id_or_slug}';
  const cases = [
    ['GET', '/', 200],
    ['GET', '/projects/', 200],
    ['GET', '/environments/', 200],
    ['PUT', '/releases/{version}/', 200],
    ['GET', '/releases/', 200],
    ['POST', '/releases/', 201],
    ['GET', '/releases/{version}/', 200],
    ['GET', '/events-timeseries/', 200],
    ['GET', '/sessions/', 200],
    ['GET', '/issues/', 200],
  ];
  for (const [method, tpl, status] of cases) {
    const content = docs.sentryOas.paths[P + tpl][method.toLowerCase()].responses[String(status)].content['application/json'];
    for (const [name, ex] of Object.entries(content.examples || {})) {
      const sel = selectSchema(validators, 'sentry', method, `/organizations/example${tpl.replace('{version}', 'v1')}`, status);
      const label = `sentry ${method} ${tpl} ${status} official example "${name}"`;
      if (sel.error) {
        fail(label, [sel.error]);
        continue;
      }
      const okOff = sel.official(ex.value);
      const offErrors = okOff ? [] : [...sel.official.errors];
      const okEff = sel.effective(ex.value);
      const attr = attribute(validators, offErrors, sel.extraAttribution);
      attr.ids.forEach((id) => usedExceptions.add(id));
      const suffix = okOff ? 'valid against the official schema' : `official schema rejects it (${offErrors.length} errors)${attr.ids.length ? `; exceptions: ${attr.ids.join(', ')}` : ''}`;
      if (okEff) pass(`${label}: ${suffix}`);
      else fail(`${label}: ${suffix}`, formatAjvErrors(essentialErrors(sel.effective.errors)));
    }
  }
  // Every local schema and every contract compiles.
  for (const id of Object.values(docs.local).map((s) => s.$id)) {
    try {
      validators.effective.ajv.getSchema(id);
      pass(`local schema ${id.split('/').pop()} compiles`);
    } catch (e) {
      fail(`local schema ${id}`, [e.message]);
    }
  }
  for (const file of Object.keys(docs.gitlabContracts)) pass(`GitLab contract ${file} compiles with its $refs resolved (bundled or stub)`);
  // The operation each GitLab endpoint of the plan maps to exists.
  const gitlab = [
    ['GET', '/projects/1'], ['GET', '/projects/1/pipelines'], ['GET', '/projects/1/pipelines/2'], ['GET', '/projects/1/pipelines/2/jobs'],
    ['POST', '/projects/1/pipelines/2/retry'], ['POST', '/projects/1/pipelines/2/cancel'], ['GET', '/projects/1/jobs/3'],
    ['POST', '/projects/1/jobs/3/play'], ['POST', '/projects/1/jobs/3/retry'], ['POST', '/projects/1/jobs/3/cancel'],
    ['GET', '/projects/1/jobs/3/trace'], ['GET', '/projects/1/environments'], ['GET', '/projects/1/environments/4'],
    ['GET', '/projects/1/deployments'], ['GET', '/projects/1/deployments/5'], ['GET', '/projects/1/releases'],
    ['GET', '/projects/1/releases/v1'], ['POST', '/projects/1/releases'], ['PUT', '/projects/1/releases/v1'],
    ['GET', '/projects/1/freeze_periods'], ['GET', '/projects/1/repository/compare'], ['GET', '/projects/1/merge_requests'],
    ['GET', '/projects/1/repository/changelog'],
  ];
  for (const [method, p] of gitlab) {
    const status = method !== 'POST' || p.endsWith('/play') || p.endsWith('/pipelines/2/cancel') ? 200 : 201;
    const sel = selectSchema(validators, 'gitlab', method, p, status);
    if (sel.error) fail(`gitlab ${method} ${p}`, [sel.error]);
    else pass(`gitlab ${method} ${sel.template} ${status} → ${sel.source}${sel.usedEndpointExceptions.length ? `; exceptions: ${sel.usedEndpointExceptions.join(', ')}` : ''}`);
  }
  const ms = selectSchema(validators, 'gitlab', 'GET', '/projects/1/milestones', 200, { localSchema: 'gitlab-milestones.json' });
  if (ms.error) fail('gitlab GET /projects/{id}/milestones', [ms.error]);
  else pass(`gitlab GET /projects/{id}/milestones 200 → ${ms.source} (${ms.note})`);
  const es = selectSchema(validators, 'sentry', 'GET', '/organizations/x/events-stats/', 200, { localSchema: 'sentry-events-stats.json' });
  if (es.error) fail('sentry GET /organizations/{org}/events-stats/', [es.error]);
  else pass(`sentry GET /organizations/{org}/events-stats/ 200 → ${es.source} (${es.note})`);
}

// ------------------------------------------------------------------------------------------------------------------

function summary() {
  if (usedExceptions.size) {
    console.log(`exceptions needed in this run (${usedExceptions.size} of ${EXCEPTIONS.length}): ${[...usedExceptions].sort(natural).join(', ')}`);
  }
  for (const [src, why] of localSchemasUsed) console.log(`local schema used: ${src} — ${why}`);
  console.log(`${results.passed} passed, ${results.failed} failed`);
}

async function main() {
  const args = process.argv.slice(2);
  verbose = args.includes('--verbose');
  const positional = args.filter((a) => !a.startsWith('--'));
  const selfTestMode = args.includes('--self-test');

  if (selfTestMode ? positional.length < 1 : positional.length < 2) {
    console.error('usage: node validate.mjs <shipdeck-sandbox> <shared/api dir> [--verbose]\n       node validate.mjs --self-test <shared/api dir>');
    return 2;
  }
  const apiDir = selfTestMode ? positional[0] : positional[1];

  let validators;
  try {
    const docs = loadDocuments(apiDir, LOCAL_SCHEMAS);
    checkExceptionTable(docs, EXCEPTIONS);
    validators = buildValidators(docs, EXCEPTIONS, REQUIRED);
    checkContracts(validators);
    console.log(
      `schemas: GitLab ${docs.gitlabOas.info?.title} ${docs.gitlabOas.info?.version} (Swagger 2.0, ${Object.keys(docs.gitlabOas.paths).length} paths) + ` +
        `${Object.keys(docs.gitlabContracts).length} JSON-schema contracts (${Object.keys(docs.gitlabContractStubs).length} stubs for missing $refs); ` +
        `Sentry OpenAPI ${docs.sentryOas.openapi} (${Object.keys(docs.sentryOas.paths).length} paths); ${Object.keys(docs.local).length} local schemas; ` +
        `${EXCEPTIONS.length} exceptions, ${REQUIRED.length} required-field tightenings`,
    );
  } catch (e) {
    fail('loading the schemas', [e.stack || e.message]);
    return 1;
  }

  if (selfTestMode) {
    selfTest(validators);
    return results.failed ? 1 : 0;
  }

  const binary = positional[0];
  const sandbox = startSandbox(binary);
  const onSignal = (sig) => {
    sandbox.child.kill('SIGTERM');
    process.exit(sig === 'SIGINT' ? 130 : 143);
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  process.once('exit', () => {
    if (sandbox.child.exitCode === null && sandbox.child.signalCode === null) sandbox.child.kill('SIGKILL');
  });

  try {
    let info;
    try {
      const line = await sandbox.firstLine;
      info = JSON.parse(line);
      const missing = ['gitlab_url', 'gitlab_token', 'gitlab_project', 'sentry_url', 'sentry_token', 'sentry_org', 'sentry_projects', 'environments'].filter((k) => info[k] === undefined);
      if (missing.length) throw new Error(`first line lacks ${missing.join(', ')}: ${line.slice(0, 300)}`);
    } catch (e) {
      fail(`starting ${binary} --port 0`, [e.message, ...sandbox.stderr().split('\n').filter(Boolean).slice(-10).map((l) => `stderr: ${l}`)]);
      return 1;
    }
    console.log(`sandbox: GitLab ${info.gitlab_url} project ${info.gitlab_project}; Sentry ${info.sentry_url} org ${info.sentry_org}`);
    const env = {
      gitlabBase: String(info.gitlab_url).replace(/\/+$/, ''),
      gitlabToken: info.gitlab_token,
      gitlabProject: info.gitlab_project,
      sentryBase: String(info.sentry_url).replace(/\/+$/, ''),
      sentryToken: info.sentry_token,
      sentryOrg: info.sentry_org,
      sentryProjects: info.sentry_projects,
      environments: info.environments,
      // Control endpoint (POST /_sandbox/advance), used only to reach a playable manual job.
      controlUrl: info.control_url ? String(info.control_url).replace(/\/+$/, '') : undefined,
    };
    const checker = new Checker(validators, env);
    for (const [name, plan] of [['GitLab', gitlabPlan], ['Sentry', sentryPlan]]) {
      try {
        await plan(checker, env);
      } catch (e) {
        fail(`${name} plan aborted`, [e.stack || e.message]);
      }
    }
    if (sandbox.child.exitCode !== null || sandbox.child.signalCode !== null) {
      fail('the sandbox exited during the run', sandbox.stderr().split('\n').filter(Boolean).slice(-10));
    }
  } finally {
    await stopSandbox(sandbox.child);
  }
  return results.failed ? 1 : 0;
}

let code = 1;
try {
  code = await main();
} catch (e) {
  fail('unexpected error', [e.stack || e.message]);
} finally {
  summary();
}
process.exit(code);
