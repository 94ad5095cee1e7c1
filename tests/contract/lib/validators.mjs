// Two validator sets over the same documents:
//   official  — the documents as published (dialect-converted only). Used to tell which exceptions a response needed.
//   effective — official + EXCEPTIONS (lib: ../exceptions.mjs) + REQUIRED tightenings. This one decides ok/FAIL.

import Ajv from 'ajv';
import addFormats from 'ajv-formats';

import {
  GITLAB_CONTRACT_BASE,
  GITLAB_OAS_ID,
  LOCAL_ID_BASE,
  convertOpenApi3Schema,
  convertSwagger2Schema,
  findOperation,
  makeNullable,
  registerFormats,
} from './schemas.mjs';

const AJV_OPTIONS = {
  allErrors: true,
  verbose: true, // errors carry parentSchema: used to attribute official-schema errors to exceptions
  strict: true, // unknown keywords and unknown formats are errors: the dialect conversion must be complete
  strictTypes: false, // the official documents mix `properties` with non-object types in places
  strictTuples: false,
  strictRequired: false,
  allowUnionTypes: true,
  validateFormats: true,
};

/** '$.a.b[*].c' → [{prop:'a'},{prop:'b'},{items:true},{prop:'c'}] */
export function parseJsonPath(jsonPath) {
  if (!jsonPath.startsWith('$')) throw new Error(`JSON path must start with $: ${jsonPath}`);
  const tokens = [];
  const re = /\.([A-Za-z0-9_\-]+)|\[\*\]/gy;
  re.lastIndex = 1;
  while (re.lastIndex < jsonPath.length) {
    const start = re.lastIndex;
    const m = re.exec(jsonPath);
    if (!m || m.index !== start) throw new Error(`bad JSON path ${jsonPath} at ${start}`);
    tokens.push(m[1] !== undefined ? { prop: m[1] } : { items: true });
  }
  return tokens;
}

/**
 * Finds the schema location that describes @p jsonPath, starting at container[key]. Returns {holder, key} so that the
 * node can be replaced in place (holder[key] = …). Never crosses a $ref: a path into a referenced definition must name
 * that definition instead.
 */
export function locate(container, rootKey, jsonPath, what) {
  let h = container;
  let k = rootKey;
  for (const tok of parseJsonPath(jsonPath)) {
    const node = h[k];
    if (node && node.$ref) throw new Error(`${what}: ${jsonPath} crosses a $ref (${node.$ref}); name that definition instead`);
    if (tok.prop !== undefined) {
      if (!node || !node.properties || !(tok.prop in node.properties)) {
        throw new Error(`${what}: ${jsonPath}: no property "${tok.prop}" in the official schema`);
      }
      h = node.properties;
      k = tok.prop;
    } else {
      if (!node || !node.items || Array.isArray(node.items)) throw new Error(`${what}: ${jsonPath}: not an array schema`);
      h = node;
      k = 'items';
    }
  }
  return { holder: h, key: k };
}

function applyChange(loc, change, exc) {
  const node = loc.holder[loc.key];
  const tag = `exception ${exc.id}`;
  if (change.nullable) {
    loc.holder[loc.key] = { $comment: tag, ...makeNullable(node) };
  } else if (change.retype) {
    loc.holder[loc.key] = { $comment: `${tag} (declared: ${JSON.stringify(node).slice(0, 120)})`, ...change.retype };
  } else if (change.arrayOf) {
    loc.holder[loc.key] = { $comment: tag, type: 'array', items: node };
  } else if (change.allowProperties) {
    if (node.additionalProperties !== false) throw new Error(`${tag}: target has no additionalProperties:false`);
    node.properties = { ...(node.properties || {}) };
    for (const [name, schema] of Object.entries(change.allowProperties)) {
      if (name in node.properties) throw new Error(`${tag}: property ${name} already allowed by the official schema`);
      node.properties[name] = { $comment: tag, ...schema };
    }
  } else {
    throw new Error(`${tag}: unknown change ${JSON.stringify(change)}`);
  }
}

/** [container, key] of the schema an exception starts at (a Swagger definition or a bundled contract). */
function gitlabSchemaSlot(set, schemaName, what) {
  if (schemaName.startsWith('contract:')) {
    const file = schemaName.slice('contract:'.length);
    if (!set.contracts[file]) throw new Error(`${what}: no bundled contract ${file}`);
    return [set.contracts, file];
  }
  if (!set.definitions[schemaName]) throw new Error(`${what}: no Swagger definition ${schemaName}`);
  return [set.definitions, schemaName];
}

/** The (official, effective) validator sets. */
export function buildValidators(docs, exceptions, required) {
  const official = makeSet(docs, null, null);
  const effective = makeSet(docs, exceptions, required);
  // Index: for every global exception, the node it targets in the OFFICIAL documents (for attribution).
  const attribution = new Map(); // schema node → [{exc, leaf}]
  for (const exc of exceptions) {
    if (exc.api !== 'gitlab' || exc.endpoint !== '*' || exc.schema.startsWith('(')) continue;
    const loc = locate(...gitlabSchemaSlot(official, exc.schema, exc.id), exc.path, exc.id);
    indexAttribution(attribution, official, loc.holder[loc.key], exc);
  }
  return { official, effective, attribution, docs, exceptions };
}

function indexAttribution(map, set, node, exc) {
  const leaf = lastProp(exc.path);
  const add = (n) => {
    if (!n || typeof n !== 'object') return;
    if (!map.has(n)) map.set(n, []);
    map.get(n).push({ exc, leaf });
  };
  add(node);
  if (node && node.$ref && node.$ref.startsWith(GITLAB_OAS_ID + '#/definitions/')) {
    add(set.definitions[node.$ref.slice((GITLAB_OAS_ID + '#/definitions/').length)]);
  }
}

function lastProp(jsonPath) {
  const toks = parseJsonPath(jsonPath).filter((t) => t.prop !== undefined);
  return toks.length ? toks[toks.length - 1].prop : null;
}

function makeSet(docs, exceptions, required) {
  const definitions = structuredClone(docs.gitlabDefinitions);
  const contracts = structuredClone(docs.gitlabContracts);
  const set = { definitions, contracts, sentryCache: new Map(), gitlabCache: new Map() };

  if (exceptions) {
    for (const exc of exceptions) {
      if (exc.api !== 'gitlab' || exc.endpoint !== '*' || exc.schema.startsWith('(')) continue;
      applyChange(locate(...gitlabSchemaSlot(set, exc.schema, exc.id), exc.path, exc.id), exc.change, exc);
    }
    for (const [name, fields, source] of required) {
      const def = definitions[name];
      if (!def) throw new Error(`REQUIRED: no Swagger definition ${name}`);
      for (const f of fields) if (!def.properties || !(f in def.properties)) throw new Error(`REQUIRED: ${name} has no property ${f}`);
      def.required = [...new Set([...(def.required || []), ...fields])];
      def.$comment = `${def.$comment ? def.$comment + '; ' : ''}required fields added by the contract test (${source})`;
    }
  }

  const ajv = new Ajv(AJV_OPTIONS);
  registerFormats(ajv, addFormats);
  // The Swagger document as a whole is not meta-validated: a few definitions that no Shipdeck endpoint reaches carry
  // Ruby type names the generator failed to map (EE_API_Entities_MemberRole.name `type: text`,
  // API_Entities_Hook.alert_status `type: symbol`). Every definition that IS reached is still compiled in strict mode,
  // where an invalid type is an error.
  ajv.addSchema({ $id: GITLAB_OAS_ID, definitions }, undefined, undefined, false);
  for (const schema of Object.values(contracts)) ajv.addSchema(schema);
  for (const stub of Object.values(docs.gitlabContractStubs)) {
    if (!Object.values(contracts).some((c) => c.$id === stub.$id)) ajv.addSchema(stub);
  }
  for (const schema of Object.values(docs.local)) ajv.addSchema(schema);
  set.ajv = ajv;
  return set;
}

/** Every $ref in the bundled contracts must resolve to a bundled file or to a stub; compile each one to prove it. */
export function checkContracts(validators) {
  for (const set of [validators.official, validators.effective]) {
    for (const [file, schema] of Object.entries(set.contracts)) {
      try {
        set.ajv.getSchema(schema.$id);
      } catch (e) {
        throw new Error(`contract ${file}: ${e.message} (add a stub in schemas/gitlab-contract-stubs/)`);
      }
    }
  }
}

export function contractId(file) {
  return GITLAB_CONTRACT_BASE + file;
}

export function localId(ref) {
  return LOCAL_ID_BASE + ref;
}

/**
 * The response schema for METHOD + rawPath + status from the official document, with the endpoint's own exceptions.
 * Returns {source, description, validate:{official, effective}, textBody, usedEndpointExceptions} or {error}.
 */
export function selectSchema(validators, api, method, rawPath, status, opts = {}) {
  const { docs, exceptions } = validators;
  const doc = api === 'gitlab' ? docs.gitlabOas : docs.sentryOas;
  const matchers = api === 'gitlab' ? docs.gitlabMatchers : docs.sentryMatchers;
  const prefix = api === 'gitlab' ? '/api/v4' : '/api/0';
  const found = findOperation(doc, matchers, method, prefix + rawPath);

  const localSchema = (ref, why) => ({
    source: `local ${ref}`,
    note: why,
    template: found ? found.template.slice(prefix.length) : null,
    official: validators.official.ajv.getSchema(localId(ref)),
    effective: validators.effective.ajv.getSchema(localId(ref)),
    usedEndpointExceptions: [],
  });

  if (!found) {
    if (opts.localSchema) return localSchema(opts.localSchema, 'not in the official document');
    return { error: `no ${method} ${prefix}${rawPath} operation in the official ${api} document and no local schema` };
  }
  const template = found.template.slice(prefix.length);
  const endpointKey = `${method} ${template}`;
  const mine = exceptions.filter((e) => e.api === api && e.endpoint === endpointKey);
  const used = [];

  let docStatus = String(status);
  for (const e of mine) {
    if (e.change.acceptStatus === status) {
      docStatus = String(e.change.as);
      used.push(e.id);
    }
  }
  const response = found.operation.responses?.[docStatus];
  if (!response && status >= 400 && opts.errorSchema) {
    // GitLab's Swagger operations list only some error statuses (GET /projects/{id}: 200 only), yet every endpoint
    // answers 401 for a bad token and 404 for an unknown resource (GITLAB.md §5.1, §5.5). The body is then checked
    // against the local error schema, and the output says that the status is not in the document.
    return { ...localSchema(opts.errorSchema, `${docStatus} is not listed for ${endpointKey} in the official document`), template };
  }
  if (!response) {
    return { error: `status ${status} is not documented for ${endpointKey} (documented: ${Object.keys(found.operation.responses || {}).join(', ')})`, template };
  }

  if (api === 'gitlab') {
    const textExc = mine.find((e) => e.change.textBody);
    if (textExc) {
      return { source: `OAS ${found.operation.operationId} ${docStatus}`, template, textBody: true, usedEndpointExceptions: [...used, textExc.id] };
    }
    if (!response.schema) {
      if (opts.errorSchema) return { ...localSchema(opts.errorSchema, `OAS documents ${docStatus} without a body schema`), template };
      return { error: `OAS documents ${endpointKey} ${docStatus} without a body schema and no local schema was named`, template };
    }
    const key = `${endpointKey} ${docStatus}`;
    const build = (set, withExceptions) => {
      if (set.gitlabCache.has(key)) return set.gitlabCache.get(key);
      const holder = { root: convertSwagger2Schema(structuredClone(response.schema)) };
      if (withExceptions) {
        for (const e of mine) {
          if (e.schema !== 'response' || !(e.change.arrayOf || e.change.nullable || e.change.retype)) continue;
          applyChange(locate(holder, 'root', e.path, e.id), e.change, e);
        }
      }
      const v = set.ajv.compile(holder.root);
      set.gitlabCache.set(key, v);
      return v;
    };
    for (const e of mine) if (e.schema === 'response' && (e.change.arrayOf || e.change.nullable || e.change.retype)) used.push(e.id);
    return {
      source: `OAS ${found.operation.operationId} ${docStatus} ${describeSwagger(response.schema)}`,
      template,
      official: build(validators.official, false),
      effective: build(validators.effective, true),
      usedEndpointExceptions: used,
    };
  }

  // Sentry
  const schema = response.content?.['application/json']?.schema;
  if (!schema) {
    if (opts.errorSchema && status >= 400) return { ...localSchema(opts.errorSchema, `schema documents ${docStatus} without content`), template };
    return { error: `schema documents ${endpointKey} ${docStatus} without content and no local schema was named`, template };
  }
  const key = `${endpointKey} ${docStatus}`;
  const build = (set, withExceptions) => {
    if (set.sentryCache.has(key)) return set.sentryCache.get(key);
    const holder = { root: convertOpenApi3Schema(structuredClone(schema)) };
    if (withExceptions) {
      for (const e of mine) {
        if (e.schema !== `response ${docStatus}` || e.change.acceptStatus !== undefined) continue;
        applyChange(locate(holder, 'root', e.path, e.id), e.change, e);
      }
    }
    const v = set.ajv.compile(holder.root);
    set.sentryCache.set(key, { v, holder });
    return set.sentryCache.get(key);
  };
  const off = build(validators.official, false);
  const eff = build(validators.effective, true);
  const sentryIndex = new Map();
  for (const e of mine) {
    if (e.schema !== `response ${docStatus}` || e.change.acceptStatus !== undefined) continue;
    const loc = locate(off.holder, 'root', e.path, e.id);
    indexAttribution(sentryIndex, validators.official, loc.holder[loc.key], e);
  }
  return {
    source: `schema ${found.operation.operationId} ${docStatus}`,
    template,
    official: off.v,
    effective: eff.v,
    usedEndpointExceptions: used,
    extraAttribution: sentryIndex,
  };
}

function describeSwagger(schema) {
  if (schema.$ref) return schema.$ref.replace('#/definitions/', '');
  if (schema.type === 'array' && schema.items?.$ref) return `[${schema.items.$ref.replace('#/definitions/', '')}]`;
  return schema.type || 'schema';
}

/** Which exceptions explain the official-schema errors (by the schema node each error comes from). */
export function attribute(validators, errors, extra) {
  const ids = new Set();
  let unexplained = 0;
  for (const err of errors) {
    let hit = false;
    for (const map of [validators.attribution, extra].filter(Boolean)) {
      const entries = map.get(err.parentSchema) || [];
      for (const { exc, leaf } of entries) {
        const lastSeg = err.instancePath.split('/').pop();
        const matchesLeaf =
          !leaf ||
          lastSeg === leaf ||
          err.instancePath.split('/').includes(leaf) ||
          (err.keyword === 'additionalProperties' && exc.change.allowProperties && err.params.additionalProperty in exc.change.allowProperties);
        if (matchesLeaf) {
          ids.add(exc.id);
          hit = true;
        }
      }
    }
    if (!hit) unexplained++;
  }
  return { ids: [...ids].sort(), unexplained };
}

/** Self-check of the table: every global exception's target exists (buildValidators already throws otherwise), and
 *  every endpoint exception names an operation of its document. */
export function checkExceptionTable(docs, exceptions) {
  const seen = new Set();
  for (const e of exceptions) {
    if (seen.has(e.id)) throw new Error(`duplicate exception id ${e.id}`);
    seen.add(e.id);
    for (const f of ['id', 'api', 'endpoint', 'schema', 'path', 'change', 'reason']) {
      if (e[f] === undefined || e[f] === '') throw new Error(`exception ${e.id || '?'}: missing ${f}`);
    }
    if (e.endpoint === '*') continue;
    const [method, template] = e.endpoint.split(' ');
    const doc = e.api === 'gitlab' ? docs.gitlabOas : docs.sentryOas;
    const prefix = e.api === 'gitlab' ? '/api/v4' : '/api/0';
    const op = doc.paths[prefix + template]?.[method.toLowerCase()];
    if (!op) throw new Error(`exception ${e.id}: no ${e.endpoint} in the official ${e.api} document`);
    if (e.change.acceptStatus !== undefined && !op.responses[String(e.change.as)]) {
      throw new Error(`exception ${e.id}: ${e.endpoint} documents no ${e.change.as}`);
    }
    const documented = (r) => r && (r.schema || r.content?.['application/json']?.schema);
    if (e.change.acceptStatus !== undefined) {
      if (documented(op.responses[String(e.change.acceptStatus)])) {
        throw new Error(`exception ${e.id}: ${e.endpoint} already documents ${e.change.acceptStatus} with a schema`);
      }
      continue;
    }
    // The location must exist in that response's schema.
    const status = e.api === 'sentry' ? e.schema.replace(/^response /, '') : Object.keys(op.responses).find((k) => /^2/.test(k));
    const response = op.responses[status];
    if (!documented(response)) throw new Error(`exception ${e.id}: ${e.endpoint} has no ${status} schema`);
    if (e.change.textBody) continue;
    const schema = e.api === 'sentry' ? convertOpenApi3Schema(response.content['application/json'].schema) : convertSwagger2Schema(response.schema);
    locate({ root: schema }, 'root', e.path, e.id);
  }
}
